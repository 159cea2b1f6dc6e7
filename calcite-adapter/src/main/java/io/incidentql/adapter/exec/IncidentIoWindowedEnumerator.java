package io.incidentql.adapter.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.api.ScanIds;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.api.internal.Text;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.plan.IncidentIoWindows.Window;
import io.incidentql.adapter.plan.IncidentIoWindows;
import io.incidentql.adapter.schema.TableDef;
import java.time.Instant;
import java.time.LocalDate;
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
import org.apache.calcite.linq4j.Enumerator;

/**
 * Enumerator over a scan that may be read as {@code created_at} windows fetched in parallel.
 *
 * <p>It reads the scan's first page itself, as the serial cursor would, and hands out its rows.
 * If {@link IncidentIoWindows#split} finds enough left to read, the rest is read as windows, once
 * the first page's rows are all taken, up to {@code parallelism} of them at once on threads of
 * this scan; otherwise the scan goes on as
 * one serial cursor, with exactly the requests it would have sent anyway. Rows come out window
 * after window, newest window first, so that they arrive in the order of the serial cursor: a row
 * the first page already gave is left out of every window by its id, and a row on the boundary of
 * two windows (both ends of the API's {@code date_range} are inclusive) is kept by the newer one
 * only. Each window buffers a bounded number of rows ahead of the reader, so memory does not grow
 * with the scan. Closing, cancelling or a timeout stops every window and its threads; the first
 * error of any window ends the scan with that error.
 *
 * <p>It is over 400 lines because it still plans its windows, reads them and checks their rows in
 * one class; it is to become a page source of the one scan enumerator, which splits those jobs.
 */
final class IncidentIoWindowedEnumerator implements Enumerator<Object[]> {
  /** Marks the end of a window that was read to its last page. */
  private static final Object END = new Object();
  /** How often a waiting reader looks at the cancel flag, the deadline and the windows' errors. */
  private static final long POLL_MILLIS = 25;
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final IncidentIoClient client;
  private final IncidentIoQuery query;
  private final TableDef def;
  private final ApiCallScope scope;
  private final int parallelism;
  private final RowConverter converter;
  private final RowConverter createdAt;
  private final ApiRequest request;

  private boolean started;
  private boolean done;
  private Object[] current;
  private List<JsonNode> firstPage = List.of();
  private int firstPageNext;
  private PageCursor<JsonNode> serial;
  /** Ids of the rows handed out since the windows started, first page included. */
  private ScanIds scanIds;
  private ApiRequest at;
  private Long previousKey;

  private List<Window> pending;
  private List<WindowReader> windows = List.of();
  private int windowNext;
  private int submitted;
  private ExecutorService pool;
  private AtomicBoolean stopFlag = new AtomicBoolean();
  private volatile RuntimeException failure;

  IncidentIoWindowedEnumerator(
      IncidentIoClient client, IncidentIoQuery query, ApiCallScope scope, int parallelism) {
    this.client = client;
    this.query = query;
    this.def = query.table();
    this.scope = scope;
    this.parallelism = parallelism;
    this.converter = new RowConverter(def, query.projectionArray());
    this.createdAt = new RowConverter(def, new int[] {def.columnIndex(def.windowColumn())});
    this.request = query.requests().get(0);
    this.at = request;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    checkScope();
    if (done) {
      current = null;
      return false;
    }
    if (!started) {
      started = true;
      start();
    }
    JsonNode item = nextItem();
    if (item == null) {
      close();
      done = true;
      current = null;
      return false;
    }
    if (!query.sort().isNone()) {
      checkOrder(item);
    }
    current = converter.convert(item);
    return true;
  }

  /**
   * Fails, after stopping every window, if the statement was cancelled or ran out of time, or
   * the reading thread was interrupted.
   */
  private void checkScope() {
    if (!scope.stopping()) {
      return;
    }
    close();
    throw scope.stopped(at);
  }

  /**
   * Reads the first page through the scan's serial cursor, which checks it as it checks every
   * page, and decides between going on with that cursor and windows.
   */
  private void start() {
    PageCursor<JsonNode> first = client.list(request, def.itemsField(), scope);
    List<JsonNode> page;
    Long total;
    try {
      page = first.takePage();
      total = first.totalRecordCount();
    } catch (RuntimeException e) {
      first.close();
      throw e;
    }
    firstPage = page;
    firstPageNext = 0;
    if (page.isEmpty() || !first.hasMorePages()) {
      first.close();
      return;
    }
    List<Long> times = new ArrayList<>(page.size());
    for (JsonNode item : page) {
      Long t = (Long) createdAt.convert(item)[0];
      if (t != null) {
        times.add(t);
      }
    }
    LocalDate from = IncidentIoWindows.lowerBound(query);
    List<Window> plan = IncidentIoWindows.split(request, IncidentIoWindows.field(query), from, IncidentIoWindows.upperBound(query),
        query.pageSize(), times, page.size(), total, parallelism);
    if (plan.isEmpty()) {
      serial = first;
      at = request;
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
    for (JsonNode item : firstPage) {
      String id = Json.text(item, def.primaryKeyField());
      if (id != null) {
        seen.add(id);
        scanIds.add(id, request, request);
      }
    }
    firstPage = List.of();
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

  private JsonNode nextItem() {
    if (firstPageNext < firstPage.size()) {
      return firstPage.get(firstPageNext++);
    }
    if (pending != null) {
      startWindows();
    }
    if (serial != null) {
      if (serial.hasNext()) {
        return serial.next();
      }
      serial.close();
      serial = null;
      return null;
    }
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
      JsonNode item = (JsonNode) o;
      // Each window's cursor checks its own rows; a row kept by two windows is checked here.
      scanIds.add(Json.text(item, def.primaryKeyField()), at, request);
      return item;
    }
    return null;
  }

  /** Waits for the window's next row, watching the statement and the other windows. */
  private Object take(WindowReader w) {
    while (true) {
      // The statement first: a window that ran out of time reports a deadline of its own,
      // which is the query's, reached a moment later.
      checkScope();
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

  /** Fails if rows arrive out of the order the query relies on instead of sorting wrongly. */
  private void checkOrder(JsonNode item) {
    Long key = (Long) createdAt.convert(item)[0];
    IncidentIoQueryEnumerator.checkOrder(query, previousKey, key, at);
    previousKey = key;
  }

  @Override
  public void reset() {
    close();
    started = false;
    done = false;
    current = null;
    firstPage = List.of();
    firstPageNext = 0;
    pending = null;
    windows = List.of();
    windowNext = 0;
    submitted = 0;
    failure = null;
    previousKey = null;
    at = request;
  }

  @Override
  public void close() {
    if (serial != null) {
      serial.close();
      serial = null;
    }
    if (pool != null) {
      stopFlag.set(true);
      client.cancelCalls(stopFlag);
      pool.shutdownNow();
      pool = null;
    }
  }

  /** Reader of one window on a thread of the pool, into a bounded buffer. */
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
      RowConverter key = new RowConverter(def, new int[] {def.columnIndex(def.windowColumn())});
      Long upper = window.upperExclusiveMillis();
      try (PageCursor<JsonNode> cursor = client.list(window.request(), def.itemsField(), windowScope)) {
        while (!stopped() && cursor.hasNext()) {
          JsonNode item = cursor.next();
          String id = Json.text(item, def.primaryKeyField());
          if (id != null && firstPageIds.contains(id)) {
            continue;
          }
          Long t = (Long) key.convert(item)[0];
          checkBounds(item, t);
          // A row on the boundary belongs to the newer window; one without a time to the first.
          if (t == null ? !newest : upper != null && t >= upper) {
            continue;
          }
          if (!put(item)) {
            return;
          }
        }
        if (!stopped()) {
          put(END);
        }
      } catch (RuntimeException e) {
        if (!stopped()) {
          synchronized (IncidentIoWindowedEnumerator.this) {
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
    private void checkBounds(JsonNode item, Long t) {
      if (t == null) {
        return;
      }
      long lower = IncidentIoWindows.millis(window.from());
      Long upper = window.to() == null ? null : IncidentIoWindows.millis(window.to().plusDays(1));
      if (t < lower || (upper != null && t >= upper)) {
        String id = Json.text(item, def.primaryKeyField());
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
