package io.incidentql.adapter.plan;

import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Planner of {@code created_at} windows: which scans may be split into day-aligned time windows
 * fetched in parallel, and, from the first page the scan has read anyway, into how many.
 *
 * <p>A scan qualifies when it reads a list endpoint with a {@code created_at} filter, one request
 * sequence, no {@code filter_mode=any}, a lower bound on {@code created_at} given by the query (the data's own lower bound is
 * unknown, and finding it would cost a request), no limit, no count and no ascending sort. Whether
 * it is split is decided after its first page: the page's total record count when the API sends
 * one, otherwise the page's time span, tells how many pages are still to come; below {@link
 * #MIN_WINDOWS} windows of {@link #PAGES_PER_WINDOW} pages the scan stays one serial cursor and
 * sends exactly the requests it always did.
 */
public final class IncidentIoWindows {
  /** Pages a window is sized to hold; each window costs about one partial page more. */
  public static final int PAGES_PER_WINDOW = 8;

  /** Fewest windows worth splitting into: below this the scan stays serial. */
  public static final int MIN_WINDOWS = 2;

  /** Heap a window's buffer is sized to. */
  static final long BUFFER_BYTES = 4L << 20;

  /**
   * Heap of one column of a buffered row, estimated high: as JSON trees alerts measured 350,
   * incidents 500; decoded rows, as windows now buffer them, take less.
   */
  static final long BYTES_PER_COLUMN = 500;

  private static final long DAY_MILLIS = 86_400_000L;

  private IncidentIoWindows() {}

  /** One window: the request that reads it, and the exclusive upper bound checked locally. */
  public record Window(ApiRequest request, LocalDate from, LocalDate to, Long upperExclusiveMillis) {}

  /** The API's date filter on the table's window column. */
  public static String field(IncidentIoQuery query) {
    return query.table().column(query.table().windowColumn()).filter().field();
  }

  /** Returns whether a scan of the query may be split into windows at all. */
  public static boolean qualifies(IncidentIoQuery query) {
    if (query.isEmpty() || query.isCount() || query.isLookup() || query.hasLimit()
        || (!query.sort().isNone() && query.sort().ascending())
        || !query.filter().any().isEmpty()
        || query.table().windowColumn() == null
        || query.filter().hasResolved()) {
      return false;
    }
    return query.requests().size() == 1 && lowerBound(query) != null;
  }

  /**
   * Returns what EXPLAIN says about reading the query in windows, {@code parallelism} at once,
   * or null when it never is: the windows and their requests depend on the first page.
   */
  public static String describe(int parallelism, IncidentIoQuery query) {
    if (parallelism < 2 || !qualifies(query)) {
      return null;
    }
    return "if " + MIN_WINDOWS * PAGES_PER_WINDOW
        + " or more pages follow the first, the rest as created_at date ranges of about "
        + PAGES_PER_WINDOW + " pages, up to " + parallelism + " at once";
  }

  /** The query's {@code created_at[gte]} date, or null. */
  public static LocalDate lowerBound(IncidentIoQuery query) {
    return date(query.filter().find(field(query), Op.GTE));
  }

  /** The query's {@code created_at[lte]} date, or null. */
  public static LocalDate upperBound(IncidentIoQuery query) {
    return date(query.filter().find(field(query), Op.LTE));
  }

  private static LocalDate date(Condition c) {
    if (c == null || c.values().isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(c.values().first());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Splits what is left of a scan after its first page, or returns an empty list to stay serial.
   *
   * @param request the scan's request, whose {@code created_at} parameters each window replaces
   * @param field the date filter the windows are cut by, such as {@code created_at}
   * @param from the query's lower bound (inclusive, 00:00Z)
   * @param to the query's upper bound as the API reads it (inclusive, 00:00Z), or null
   * @param pageSize rows per page
   * @param pageTimes created_at of the first page's rows, in epoch millis (nulls skipped)
   * @param pageRows rows on the first page
   * @param total the API's total record count for the whole scan, or null
   * @param parallelism windows fetched at once; below 2 nothing is split
   * @return windows newest first; the first one covers the first page's rows again
   */
  public static List<Window> split(ApiRequest request, String field, LocalDate from, LocalDate to, int pageSize,
      List<Long> pageTimes, int pageRows, Long total, int parallelism) {
    if (parallelism < 2 || pageTimes.isEmpty() || pageRows < 1) {
      return List.of();
    }
    long oldest = Long.MAX_VALUE;
    long newest = Long.MIN_VALUE;
    for (long t : pageTimes) {
      oldest = Math.min(oldest, t);
      newest = Math.max(newest, t);
    }
    long fromMillis = millis(from);
    if (oldest <= fromMillis) {
      return List.of();
    }
    double remainingRows;
    if (total != null) {
      remainingRows = Math.max(0, total - pageRows);
    } else if (newest > oldest) {
      // The page's rows per millisecond, over the span still to read.
      remainingRows = (double) (pageTimes.size() - 1) * (oldest - fromMillis) / (newest - oldest);
    } else {
      remainingRows = Double.MAX_VALUE;
    }
    double pages = remainingRows / pageSize;
    // Days from the lower bound up to the first midnight at or after the page's oldest row.
    LocalDate top = LocalDate.ofEpochDay(Math.floorDiv(oldest + DAY_MILLIS - 1, DAY_MILLIS));
    long days = top.toEpochDay() - from.toEpochDay();
    long count = (long) Math.min(pages / PAGES_PER_WINDOW, days);
    if (count < MIN_WINDOWS) {
      return List.of();
    }
    int n = (int) count;
    List<LocalDate> bounds = new ArrayList<>(n + 1);
    for (int i = 0; i < n; i++) {
      bounds.add(top.minusDays(days * i / n));
    }
    bounds.add(from);
    List<Window> windows = new ArrayList<>(n);
    // The newest window reaches up to the query's own upper bound (or none).
    windows.add(new Window(window(request, field, bounds.get(1), to), bounds.get(1), to, null));
    for (int i = 1; i < n; i++) {
      LocalDate hi = bounds.get(i);
      LocalDate lo = bounds.get(i + 1);
      windows.add(new Window(window(request, field, lo, hi), lo, hi, millis(hi)));
    }
    return windows;
  }

  /**
   * Returns the request with its {@code created_at} parameters replaced by the window's, in the
   * place of the first one: {@code date_range=from~to}, or {@code gte=from} without an upper end.
   */
  static ApiRequest window(ApiRequest request, String field, LocalDate from, LocalDate to) {
    ApiRequest out = ApiRequest.of(request.path());
    boolean placed = false;
    for (ApiRequest.Param p : request.params()) {
      if (p.name().startsWith(field + "[")) {
        if (!placed) {
          out = to == null
              ? out.with(field + "[gte]", from.toString())
              : out.with(field + "[date_range]", from + "~" + to);
          placed = true;
        }
        continue;
      }
      out = out.with(p.name(), p.value());
    }
    return out;
  }

  /**
   * Rows a window may hold ahead of the reader: whole pages, about {@link #BUFFER_BYTES} of parsed
   * JSON at an estimated {@link #BYTES_PER_COLUMN} per column of a row, at least one page and at
   * most two windows' worth. Alerts: 750 rows (15 pages); incidents: 250 (one page).
   */
  public static int bufferRows(int columns, int pageSize) {
    long pageBytes = (long) pageSize * Math.max(1, columns) * BYTES_PER_COLUMN;
    long pages = Math.max(1, Math.min(2L * PAGES_PER_WINDOW, BUFFER_BYTES / pageBytes));
    return (int) (pages * pageSize);
  }

  public static long millis(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
