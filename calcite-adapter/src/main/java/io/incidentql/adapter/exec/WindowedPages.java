package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.api.ScanIds;
import io.incidentql.adapter.api.internal.Text;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.plan.IncidentIoWindows;
import io.incidentql.adapter.plan.IncidentIoWindows.Window;
import io.incidentql.adapter.schema.TableDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Page source that may read what is left of a scan after its first page as {@code created_at}
 * windows fetched in parallel; {@link IncidentIoWindows} plans the windows, this class reads them.
 *
 * <p>It reads the scan's first page through the cursor a serial scan would use, and hands out its
 * rows. If the plan finds enough left to read, the rest is read as windows, once the first page's
 * rows are all taken, up to {@code parallelism} of them at once; otherwise the same cursor goes
 * on, with exactly the requests a serial scan sends. Each window is one {@link PageCursor} with
 * look-ahead and the scan's {@link RowConverter}, so its pages are checked and decoded as a
 * serial scan's are. Rows come out window after window, newest window first, in the order of
 * the serial cursor: a row the first page already gave is left out of every window by its id,
 * and a row on the boundary of two windows (both ends of the API's {@code date_range} are
 * inclusive) is kept by the newer one only. Each window buffers a bounded number of rows ahead of
 * the reader, so memory does not grow with the scan.
 *
 * <p>A window is read on a thread of this scan's own, blocking on its cursor and its bounded
 * buffer: the cursor is synchronous (it holds every page check), so reading it from OkHttp's
 * callbacks would need a second, asynchronous copy of it; and threads of the scan's own end with
 * it, so a closed scan leaves nothing running. Closing, the statement's cancel and its deadline
 * stop every window, abort their calls and end their threads; the first error of any window ends
 * the scan with that error.
 */
final class WindowedPages implements PageSource {
  /** Marks the end of a window that was read to its last page. */
  private static final Object END = new Object();
  /** How often a waiting reader looks at the cancel flag, the deadline and the windows' errors. */
  private static final long POLL_MILLIS = 25;
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final IncidentIoClient client;
  private final IncidentIoQuery query;
  private final TableDef def;
  private final ApiCallScope scope;
  private final RowConverter converter;
  /** Where the window column's value is in a converted row. */
  private final int keyIndex;
  private final int parallelism;
  private final ApiRequest request;

  private boolean started;
  private ApiRequest at;
  private List<Object[]> firstRows = List.of();
  private List<String> firstIds = List.of();
  private int firstNext;
  /** A row of the first page the converter rejected: thrown when the reader reaches it. */
  private RuntimeException firstFailure;
  /** The rest of a scan that stays serial: the first page's cursor, going on. */
  private SerialPages rest;

  private List<Window> pending;
  /** Ids of the rows handed out since the windows started, first page included. */
  private ScanIds scanIds;
  private List<WindowReader> windows = List.of();
  private int windowNext;
  private int submitted;
  private ExecutorService pool;
  private AtomicBoolean stopFlag = new AtomicBoolean();
  private volatile RuntimeException failure;

  /**
   * Creates the source.
   *
   * @param keyIndex where {@code converter} puts the table's window column in a row
   */
  WindowedPages(IncidentIoClient client, IncidentIoQuery query, ApiCallScope scope,
      RowConverter converter, int keyIndex, int parallelism) {
    this.client = client;
    this.query = query;
    this.def = query.table();
    this.scope = scope;
    this.converter = converter;
    this.keyIndex = keyIndex;
    this.parallelism = parallelism;
    this.request = query.requests().get(0);
    this.at = request;
  }

  @Override
  public Object[] next() {
    if (!started) {
      started = true;
      start();
    }
    if (firstNext < firstRows.size()) {
      at = request;
      return firstRows.get(firstNext++);
    }
    if (firstFailure != null) {
      RuntimeException f = firstFailure;
      firstFailure = null;
      throw f;
    }
    if (pending != null) {
      startWindows();
    }
    if (rest != null) {
      Object[] row = rest.next();
      at = rest.at();
      return row;
    }
    return nextFromWindows();
  }

  @Override
  public ApiRequest at() {
    return at;
  }

  /**
   * Reads the first page through the scan's serial cursor and decides between going on with that
   * cursor and windows.
   */
  private void start() {
    PageCursor<Object[]> first = client.list(request, def.itemsField(), scope, converter, true);
    List<Object[]> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Long total;
    try {
      for (int n = first.rowsLeftOnPage(); n > 0; n--) {
        try {
          rows.add(first.next());
          ids.add(first.id());
        } catch (ApiResponseException e) {
          // As in a serial scan, the rows before a rejected one are still read.
          firstFailure = e;
          break;
        }
      }
      total = firstFailure == null ? first.totalRecordCount() : null;
    } catch (RuntimeException e) {
      first.close();
      throw e;
    }
    firstRows = rows;
    firstIds = ids;
    firstNext = 0;
    List<Window> plan = List.of();
    if (firstFailure == null && !rows.isEmpty() && first.hasMorePages()) {
      List<Long> times = new ArrayList<>(rows.size());
      for (Object[] row : rows) {
        if (row[keyIndex] != null) {
          times.add((Long) row[keyIndex]);
        }
      }
      plan = IncidentIoWindows.split(request, IncidentIoWindows.field(query),
          IncidentIoWindows.lowerBound(query), IncidentIoWindows.upperBound(query),
          query.pageSize(), times, rows.size(), total, parallelism);
    }
    if (plan.isEmpty()) {
      rest = new SerialPages(client, query, scope, converter, first);
      return;
    }
    first.close();
    pending = plan;
  }

  /**
   * Starts reading the windows, once the reader has taken every row of the first page: a query
   * that stops within it (a LIMIT kept above a filter checked here) sends nothing more.
   */
  private void startWindows() {
    List<Window> plan = pending;
    pending = null;
    Set<String> seen = new HashSet<>();
    scanIds = new ScanIds();
    for (String id : firstIds) {
      if (id != null) {
        seen.add(id);
        scanIds.add(id, request, request);
      }
    }
    firstRows = List.of();
    firstIds = List.of();
    stopFlag = new AtomicBoolean();
    // The windows' calls carry a flag of this scan's own, so that closing it aborts them
    // without touching other scans of the same statement; the cancel flag and the deadline stay
    // the query's.
    ApiCallScope windowScope = scope.orWhen(stopFlag);
    int buffer = IncidentIoWindows.bufferRows(def.columns().size(), query.pageSize());
    List<WindowReader> readers = new ArrayList<>(plan.size());
    for (int i = 0; i < plan.size(); i++) {
      readers.add(new WindowReader(plan.get(i), i == 0, seen, windowScope, stopFlag, buffer));
    }
    windows = readers;
    windowNext = 0;
    submitted = 0;
    pool = new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "incidentql-window-" + THREAD_IDS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private Object[] nextFromWindows() {
    while (windowNext < windows.size()) {
      if (pool == null) {
        // Closed mid-scan: ending quietly here would hand the caller a short result.
        throw new IllegalStateException("the scan of " + request + " was closed");
      }
      // Reads ahead by at most `parallelism` windows: that bounds the rows held in buffers.
      while (submitted < windows.size() && submitted < windowNext + parallelism) {
        pool.execute(windows.get(submitted++));
      }
      WindowReader w = windows.get(windowNext);
      at = w.window.request();
      Object o = take(w);
      if (o == END) {
        windowNext++;
        continue;
      }
      Row row = (Row) o;
      // Each window's cursor checks its own rows; a row kept by two windows is checked here.
      scanIds.add(row.id(), at, request);
      return row.values();
    }
    return null;
  }

  /** Waits for the window's next row, watching the statement and the other windows. */
  private Object take(WindowReader w) {
    while (true) {
      // The statement first: a window that ran out of time reports a deadline of its own,
      // which is the query's, reached a moment later.
      if (scope.stopping()) {
        close();
        throw scope.stopped(at);
      }
      RuntimeException f = failure;
      if (f != null) {
        close();
        throw f;
      }
      Object o;
      try {
        o = w.rows.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw scope.stopped(at);
      }
      if (o != null) {
        return o;
      }
    }
  }

  @Override
  public void close() {
    if (rest != null) {
      rest.close();
    }
    if (pool != null) {
      stopFlag.set(true);
      client.cancelCalls(stopFlag);
      pool.shutdownNow();
      pool = null;
    }
  }

  /** A row a window read, with its id. */
  private record Row(Object[] values, String id) {}

  /** Reader of one window on a thread of the scan, into a bounded buffer. */
  private final class WindowReader implements Runnable {
    private final Window window;
    private final boolean newest;
    private final Set<String> firstPageIds;
    private final ApiCallScope windowScope;
    private final AtomicBoolean stop;
    private final BlockingQueue<Object> rows;

    WindowReader(Window window, boolean newest, Set<String> firstPageIds,
        ApiCallScope windowScope, AtomicBoolean stop, int buffer) {
      this.window = window;
      this.newest = newest;
      this.firstPageIds = firstPageIds;
      this.windowScope = windowScope;
      this.stop = stop;
      this.rows = new ArrayBlockingQueue<>(buffer);
    }

    @Override
    public void run() {
      Long upper = window.upperExclusiveMillis();
      try (PageCursor<Object[]> cursor =
          client.list(window.request(), def.itemsField(), windowScope, converter, true)) {
        while (!stopped() && cursor.hasNext()) {
          Object[] row = cursor.next();
          String id = cursor.id();
          if (id != null && firstPageIds.contains(id)) {
            continue;
          }
          Long t = (Long) row[keyIndex];
          checkBounds(id, t);
          // A row on the boundary belongs to the newer window; one without a time to the first.
          if (t == null ? !newest : upper != null && t >= upper) {
            continue;
          }
          if (!put(new Row(row, id))) {
            return;
          }
        }
        if (!stopped()) {
          put(END);
        }
      } catch (RuntimeException e) {
        if (!stopped()) {
          synchronized (WindowedPages.this) {
            if (failure == null) {
              failure = e;
            }
          }
        }
      }
    }

    /**
     * Fails if the row lies outside what the window's request asks for: the day of its lower
     * bound on, up to the end of the day of its upper bound (the most any reading of the API's
     * dates allows). Rows past a window's end are otherwise dropped as the newer window's, so a
     * server that ignored the bounds would make the scan return too many rows or too few.
     */
    private void checkBounds(String id, Long t) {
      if (t == null) {
        return;
      }
      long lower = IncidentIoWindows.millis(window.from());
      Long upper = window.to() == null ? null : IncidentIoWindows.millis(window.to().plusDays(1));
      if (t < lower || (upper != null && t >= upper)) {
        throw ApiResponseException.inconsistent(
            window.request(),
            "the row with id "
                + (id == null ? "(none)" : Text.quote(id, 60))
                + " has "
                + def.windowColumn()
                + " "
                + Instant.ofEpochMilli(t)
                + ", outside the window the request asks for ("
                + window.from()
                + " to "
                + (window.to() == null ? "now" : window.to().toString())
                + "); the API seems to ignore the window's "
                + IncidentIoWindows.field(query)
                + " filter");
      }
    }

    private boolean stopped() {
      return stop.get() || scope.cancelled() || Thread.currentThread().isInterrupted();
    }

    private boolean put(Object o) {
      try {
        while (!rows.offer(o, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          if (stopped()) {
            return false;
          }
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
