package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.api.RowReader;
import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.plan.IncidentIoWindows;
import io.incidentql.adapter.schema.TableDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.linq4j.Enumerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enumerator over the rows of one {@link IncidentIoQuery}, read from a {@link PageSource}: the
 * rows of the table's whole scan held by the response cache that pass the query's filters
 * ({@link NarrowedPages}), the query's requests one after the other ({@link SerialPages}), or,
 * for a long scan with a lower
 * bound on {@code created_at} when the table reads several windows at once and no row cap says
 * the reader stops early, what follows the first page as parallel windows ({@link
 * WindowedPages}). Whatever the source, this class applies the query's offset and limit, checks
 * the order the API promised, leaves out rows outside the table's scopes and outside the
 * filters the API applies exactly ({@link LocalFilter}), and stops on the
 * statement's cancel or deadline; it sends nothing more once the limit is reached or it is
 * closed. A query that reads every row (no limit, no row cap) fetches one page ahead from its
 * second page on.
 */
final class IncidentIoScanEnumerator implements Enumerator<Object[]> {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentIoScanEnumerator.class);
  private final IncidentIoClient client;
  private final IncidentIoQuery query;
  private final TableDef def;
  private final ApiCallScope scope;
  /**
   * Converts the projected columns, then the sort column when the order check needs it, the
   * scope columns, and the window column when the scan may be read in windows.
   */
  private final RowConverter converter;
  /** The exact filters checked again on each row, or null. */
  private final LocalFilter recheck;
  /** Rows the API sent outside the filters, left out. */
  private long outsideFilters;
  /** The table columns the converter reads, in the order of a converted row. */
  private final int[] columns;
  private final int width;
  /** Whether the sort column is read to check the order the API promised. */
  private final boolean checksOrder;
  private final boolean lookAhead;
  /** Where the scope columns start in a converted row, and the values each one may hold. */
  private final int scopeStart;
  private final List<Set<String>> scopeValues;
  /** Windows read at once, or 0 when the scan is read serially; the window column's index. */
  private final int windows;
  private final int windowKey;
  /** The parameter of a parent key the rows do not carry, or null; its row positions. */
  private final String keyParam;
  private final int[] keyPositions;

  private PageSource source;
  private long skipped;
  private long returned;
  private Long previousKey;
  private boolean done;
  private Object[] current;

  /**
   * Creates the enumerator.
   *
   * @param rowCap the most rows the statement's consumer reads (0: no cap); a capped scan does
   *     not read ahead
   * @param parallelism windows of a long scan read at once; 1 reads every scan serially
   */
  IncidentIoScanEnumerator(IncidentIoClient client, IncidentIoQuery query, ApiCallScope scope,
      long rowCap, int parallelism) {
    this.client = client;
    this.query = query;
    this.def = query.table();
    this.scope = scope;
    this.checksOrder = !query.sort().isNone() && !query.isCount();
    int[] projection = query.projectionArray();
    this.width = projection.length;
    if (checksOrder) {
      projection = append(projection, query.sort().column());
    }
    // Under filter_mode=any the API may OR a scope with the other filters, and a show request
    // returns a row whatever its scope, so either may send rows the table does not hold: the
    // scopes' columns are read to leave those out.
    List<TableDef.Scope> scopes =
        query.filter().any().isEmpty() && !query.isLookup() ? List.of() : def.scopes();
    this.scopeStart = projection.length;
    this.scopeValues = new ArrayList<>();
    for (TableDef.Scope s : scopes) {
      projection = append(projection, def.columnIndex(s.column()));
      Condition narrowed = query.filter().find(s.field(), Op.ONE_OF);
      Set<String> held = new HashSet<>(s.values());
      if (narrowed != null) {
        held.retainAll(narrowed.values());
      }
      scopeValues.add(held);
    }
    // Windows read ahead, so a scan whose reader may stop early is never split.
    this.windows =
        parallelism > 1 && rowCap <= 0 && IncidentIoWindows.qualifies(query) ? parallelism : 0;
    this.windowKey = projection.length;
    if (windows > 0) {
      projection = append(projection, def.columnIndex(def.windowColumn()));
    }
    // The filters the API applies exactly are checked again on each row: a server that ignored
    // or loosened one (a parameter it no longer knows is ignored without an error) would
    // otherwise return rows the query does not hold. Under filter_mode=any the API ORs the
    // filters, and a show request applies none.
    this.recheck = query.isCount() || query.isLookup() || !query.filter().any().isEmpty()
        ? null : LocalFilter.of(query, projection, true);
    if (recheck != null) {
      projection = recheck.columns();
    }
    this.columns = projection;
    this.converter = query.isCount() ? null : new RowConverter(def, projection);
    // A parent key the rows do not carry is the one their request sent.
    TableDef.ParentKey parent = def.parent();
    this.keyParam = parent != null && parent.fromRequest() && !query.isLookup()
        ? def.column(parent.column()).filter().field() : null;
    List<Integer> keyAt = new ArrayList<>();
    for (int i = 0; keyParam != null && i < projection.length; i++) {
      if (projection[i] == def.columnIndex(parent.column())) {
        keyAt.add(i);
      }
    }
    this.keyPositions = keyAt.stream().mapToInt(Integer::intValue).toArray();
    // Reading ahead is for queries that will read every row: a limit or a row cap stops early.
    this.lookAhead = query.fetch() < 0 && rowCap <= 0 && !query.isLookup();
  }

  private static int[] append(int[] projection, int column) {
    int[] out = Arrays.copyOf(projection, projection.length + 1);
    out[projection.length] = column;
    return out;
  }

  private PageSource source() {
    if (source == null) {
      source = query.isCount() ? null : NarrowedPages.open(client, query, scope, columns);
    }
    if (source == null) {
      source = windows > 0
          ? new WindowedPages(client, query, scope, converter, windowKey, windows)
          : new SerialPages(client, query, scope, converter, lookAhead);
    }
    return source;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (scope.stopping()) {
      ApiRequest at = source().at();
      close();
      throw scope.stopped(at);
    }
    if (done) {
      current = null;
      return false;
    }
    if (query.isCount()) {
      done = true;
      current = new Object[] {count()};
      return true;
    }
    while (true) {
      if (query.fetch() >= 0 && returned >= query.fetch()) {
        return finish();
      }
      Object[] row = source().next();
      if (row == null) {
        return finish();
      }
      for (int at : keyPositions) {
        row[at] = source.at().param(keyParam);
      }
      if (recheck != null && !recheck.passes(row)) {
        leaveOut(row);
        continue;
      }
      if (checksOrder) {
        checkOrder((Long) row[width]);
      }
      if (!inScopes(row)) {
        continue;
      }
      if (row.length > width) {
        row = Arrays.copyOf(row, width);
      }
      if (skipped < query.offset()) {
        skipped++;
        continue;
      }
      returned++;
      current = row;
      return true;
    }
  }

  /**
   * Leaves out a row outside the filters the request sent, saying so once per scan: the rows
   * stay right, and the log shows a server that does not filter as asked.
   */
  private void leaveOut(Object[] row) {
    if (outsideFilters++ == 0) {
      Condition failed = recheck.failed(row);
      LOG.warn("incident.io API sent {} rows outside the filter {} that {} asks for; such rows"
          + " are left out", def.name(), failed.param() + "=" + String.join(",", failed.values()),
          source().at());
    }
  }

  /** Whether the row's scope columns hold values the table holds. */
  private boolean inScopes(Object[] row) {
    for (int i = 0; i < scopeValues.size(); i++) {
      if (!scopeValues.get(i).contains(row[scopeStart + i])) {
        return false;
      }
    }
    return true;
  }

  private boolean finish() {
    close();
    done = true;
    current = null;
    return false;
  }

  /**
   * Returns the count: the first page's {@code total_record_count}, or, without one, its rows
   * and those of the pages after it, which are read at the largest page size from the cursor
   * the first page gave (so the first page is requested once).
   */
  private long count() {
    List<ApiRequest> requests = query.requests();
    if (requests.isEmpty()) {
      return 0L;
    }
    ApiRequest request = requests.get(0);
    long n = 0;
    String after;
    PageCursor<Boolean> page = client.list(request, def.itemsField(), scope, RowReader.SKIP, false);
    try {
      n = page.rowsLeftOnPage();
      Long total = page.totalRecordCount();
      if (total != null) {
        return total;
      }
      after = page.nextCursor();
    } finally {
      page.close();
    }
    if (after == null) {
      return n;
    }
    // Every row is counted, so the pages after the first may be fetched ahead.
    ApiRequest rest = request.without("page_size")
        .with("page_size", Integer.toString(def.maxPageSize()))
        .with("after", after);
    PageCursor<Boolean> rows = client.list(rest, def.itemsField(), scope, RowReader.SKIP, true);
    try {
      while (rows.hasNext()) {
        rows.next();
        n++;
      }
    } finally {
      rows.close();
    }
    return n;
  }

  /** Fails if rows arrive out of the order the query relies on instead of sorting wrongly. */
  private void checkOrder(Long key) {
    boolean ascending = query.sort().ascending();
    boolean inOrder = key != null
        && (previousKey == null || (ascending ? previousKey <= key : previousKey >= key));
    if (!inOrder) {
      ApiRequest at = source().at();
      String column = def.columns().get(query.sort().column()).name();
      throw new ApiResponseException(
          "incident.io API sent " + def.name() + " out of the order "
              + query.sortParam()
              + " promises ("
              + (key == null ? "one without " + column : column + " " + Instant.ofEpochMilli(key)
                  + " after " + Instant.ofEpochMilli(previousKey))
              + ") in answer to "
              + at
              + "; the query stops rather than return rows in the wrong order",
          at,
          200,
          null);
    }
    previousKey = key;
  }

  @Override
  public void reset() {
    close();
    source = null;
    skipped = 0;
    returned = 0;
    previousKey = null;
    done = false;
    current = null;
  }

  @Override
  public void close() {
    if (source != null) {
      source.close();
    }
  }
}
