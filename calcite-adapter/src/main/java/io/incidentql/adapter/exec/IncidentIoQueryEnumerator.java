package io.incidentql.adapter.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.api.RowReader;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.api.internal.Text;
import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.TableDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Enumerator over the rows of one {@link IncidentIoQuery}: it sends the query's requests one
 * after the other, fetching a page as the previous page's rows are consumed, and sends nothing
 * more once the query's limit is reached or the enumerator is closed. A query that reads every
 * row (no limit, no row cap from the statement) fetches one page ahead from its second page on.
 */
final class IncidentIoQueryEnumerator implements Enumerator<Object[]> {
  private final IncidentIoClient client;
  private final IncidentIoQuery query;
  private final TableDef def;
  private final ApiCallScope scope;
  /** Converts the projected columns, then the sort column when the order check needs it. */
  private final RowConverter converter;
  private final int width;
  private final List<ApiRequest> requests;
  /** For a lookup, the value each request asks for, in the order of the requests. */
  private final List<String> lookupValues;
  /** For a lookup, the column compared and how its value becomes a path. */
  private final ColumnDef lookupColumn;
  /** Whether the sort column is read to check the order the API promised. */
  private final boolean checksOrder;
  private final boolean lookAhead;
  /** Where the scope columns start in a converted row, and the values each one may hold. */
  private final int scopeStart;
  private final List<Set<String>> scopeValues;

  private int nextRequest;
  private PageCursor<Object[]> cursor;
  private ApiRequest cursorRequest;
  private long skipped;
  private long returned;
  private Long previousKey;
  private boolean done;
  private Object[] current;
  /** The parameter of a parent key the rows do not carry, or null; its row positions. */
  private final String keyParam;
  private final int[] keyPositions;

  IncidentIoQueryEnumerator(
      IncidentIoClient client, IncidentIoQuery query, ApiCallScope scope, long rowCap) {
    this.client = client;
    this.query = query;
    this.def = query.table();
    this.scope = scope;
    this.requests = query.requests();
    Condition lookup = query.isLookup() ? query.lookupCondition() : null;
    this.lookupValues = lookup == null ? List.of() : List.copyOf(lookup.values());
    this.lookupColumn = lookup == null ? null : def.column(lookup.field());
    this.checksOrder = !query.sort().isNone() && !query.isCount();
    int[] projection = query.projectionArray();
    this.width = projection.length;
    if (checksOrder) {
      projection = Arrays.copyOf(projection, width + 1);
      projection[width] = query.sort().column();
    }
    // Under filter_mode=any the API may OR a scope with the other filters, and a show request
    // returns a row whatever its scope, so either may send rows the table does not hold: the
    // scopes' columns are read to leave those out.
    List<TableDef.Scope> scopes =
        query.filter().any().isEmpty() && !query.isLookup() ? List.of() : def.scopes();
    this.scopeStart = projection.length;
    this.scopeValues = new ArrayList<>();
    for (TableDef.Scope s : scopes) {
      projection = Arrays.copyOf(projection, projection.length + 1);
      projection[projection.length - 1] = def.columnIndex(s.column());
      Condition narrowed = query.filter().find(s.field(), Op.ONE_OF);
      Set<String> held = new HashSet<>(s.values());
      if (narrowed != null) {
        held.retainAll(narrowed.values());
      }
      scopeValues.add(held);
    }
    this.converter = query.isCount() ? null : new RowConverter(def, projection);
    // A parent key the rows do not carry is the one their request sent.
    TableDef.ParentKey parent = def.parent();
    this.keyParam = parent != null && parent.fromRequest()
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

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (scope.stopping()) {
      ApiRequest at = cursorRequest != null ? cursorRequest
          : requests.isEmpty() ? ApiRequest.of(def.path()) : requests.get(0);
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
      Object[] row = nextRow();
      if (row == null) {
        return finish();
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

  /** Returns the next row from the current request sequence or the next ones, or null. */
  private Object[] nextRow() {
    while (true) {
      if (cursor != null) {
        if (cursor.hasNext()) {
          Object[] row = cursor.next();
          for (int at : keyPositions) {
            row[at] = cursorRequest.param(keyParam);
          }
          return row;
        }
        cursor.close();
        cursor = null;
      }
      if (nextRequest >= requests.size()) {
        return null;
      }
      ApiRequest request = requests.get(nextRequest++);
      cursorRequest = request;
      if (query.isLookup()) {
        JsonNode item = client.get(request, def.show().field(), scope);
        if (item != null) {
          checkLookedUp(item, lookupColumn, lookupValues.get(nextRequest - 1), request);
          return converter.convert(item);
        }
      } else {
        cursor = client.list(request, def.itemsField(), scope, converter, lookAhead);
      }
    }
  }

  /**
   * Fails unless the object a lookup returned has the key asked for: a server that matches ids
   * loosely (ignoring case, say) would otherwise return a row that no full scan would. For a
   * reference only the number is the key; the whole reference is compared again locally.
   */
  private static void checkLookedUp(
      JsonNode item, ColumnDef column, String asked, ApiRequest request) {
    JsonNode node = item;
    for (String field : column.path()) {
      node = node == null ? null : node.get(field);
    }
    String got = node == null || !node.isTextual() ? null : node.asText();
    ColumnFilter f = column.filter();
    String gotKey = got == null ? null : IncidentIoQuery.lookupKey(f, got);
    if (gotKey == null || !gotKey.equals(IncidentIoQuery.lookupKey(f, asked))) {
      throw ApiResponseException.inconsistent(
          request,
          "the object it returned has "
              + (got == null ? "no " + column.name() : "the " + column.name() + " " + Text.quote(got, 60))
              + ", not the " + column.name() + " asked for, "
              + Text.quote(asked, 60));
    }
  }

  private long count() {
    if (requests.isEmpty()) {
      return 0L;
    }
    ApiRequest request = requests.get(0);
    cursorRequest = request;
    PageCursor<Boolean> page = client.list(request, def.itemsField(), scope, RowReader.SKIP, false);
    try {
      page.hasNext();
      Long total = page.totalRecordCount();
      if (total != null) {
        return total;
      }
    } finally {
      page.close();
    }
    // Without the total the rows have to be counted, page by page at the largest size.
    ApiRequest all = request.without("page_size")
        .with("page_size", Integer.toString(def.maxPageSize()));
    long n = 0;
    // Every row is counted, so the pages after the first may be fetched ahead.
    PageCursor<Boolean> rows = client.list(all, def.itemsField(), scope, RowReader.SKIP, true);
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
    checkOrder(query, previousKey, key, cursorRequest);
    previousKey = key;
  }

  /**
   * Fails if a row's sort column ({@code key}, a timestamp) may not follow the previous row's in
   * the order the query asked the API for: the query then stops rather than return rows in a
   * wrong order.
   */
  static void checkOrder(IncidentIoQuery query, Long previousKey, Long key, ApiRequest at) {
    boolean ascending = query.sort().ascending();
    boolean inOrder = key != null
        && (previousKey == null || (ascending ? previousKey <= key : previousKey >= key));
    if (!inOrder) {
      String column = query.table().columns().get(query.sort().column()).name();
      throw new ApiResponseException(
          "incident.io API sent " + query.table().name() + " out of the order "
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
  }

  @Override
  public void reset() {
    close();
    nextRequest = 0;
    skipped = 0;
    returned = 0;
    previousKey = null;
    done = false;
    current = null;
  }

  @Override
  public void close() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
  }
}
