package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.ColumnType;
import io.incidentql.adapter.schema.TableDef;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Page source that answers a query from the response cache's pages of a broader one: when every
 * page of the table's whole scan (its requests without any filter) is held fresh, the rows of a
 * query that only narrows it by filters are those rows that pass the filters, checked here
 * exactly as the API applies them, and nothing is sent. Each filter is checked on the column it
 * filters, with the meaning SQL gives the predicate it was pushed for, so the rows are those the
 * API would return: exact filters are exact, and those the planner re-checks (date bounds,
 * {@code not_in}) are checked here as the API rounds them, never narrower.
 *
 * <p>Only plain filters qualify ({@code one_of} and {@code not_in} on a list or scope field,
 * {@code is}, a plain parameter, date bounds); an order the API would apply is applied to the
 * rows kept, then the enumerator takes its limit. A query with a lookup, a count, an OR
 * of filters, or a filter by rank or by a keyed field is sent as usual, as is one on a table
 * whose requests need a parent key or a window. The whole scan is checked to be held before a
 * row is returned, so a query is answered wholly from the cache or wholly by the API.
 */
final class NarrowedPages implements PageSource {
  private final Iterator<Object[]> rows;
  private final ApiRequest at;

  private NarrowedPages(List<Object[]> rows, ApiRequest at) {
    this.rows = rows.iterator();
    this.at = at;
  }

  /**
   * Returns the source of the query's rows from the cached whole scan, each row holding the
   * columns of {@code layout}; or null when the query does not qualify or a page of the whole
   * scan is not held fresh, and the query must be sent.
   */
  static NarrowedPages open(IncidentIoClient client, IncidentIoQuery query, ApiCallScope scope,
      int[] layout) {
    TableDef def = query.table();
    if (client.config().cacheTtl().isZero() || query.isLookup() || query.isCount()
        || query.isEmpty() || !query.filter().any().isEmpty()
        || !query.params().isEmpty() || query.filter().all().isEmpty() || def.parent() != null
        || def.child() != null || def.entryWindow() != null) {
      return null;
    }
    IncidentIoQuery whole = IncidentIoQuery.fullScan(def);
    if (whole.requests().equals(query.requests())) {
      // The query is the whole scan: the cache answers its requests directly.
      return null;
    }
    int[] columns = layout;
    List<Check> checks = new ArrayList<>();
    for (Condition c : query.filter().all()) {
      int column = columnOf(def, c);
      if (column < 0) {
        return null;
      }
      int at = indexOf(columns, column);
      if (at < 0) {
        at = columns.length;
        columns = Arrays.copyOf(columns, columns.length + 1);
        columns[at] = column;
      }
      checks.add(new Check(at, c));
    }
    RowConverter converter = new RowConverter(def, columns);
    List<Object[]> kept = new ArrayList<>();
    try {
      for (ApiRequest request : whole.requests()) {
        PageCursor<Object[]> cursor =
            client.listCached(request, def.itemsField(), scope, converter);
        try {
          while (cursor.hasNext()) {
            Object[] row = cursor.next();
            if (checks.stream().allMatch(check -> check.passes(row))) {
              kept.add(row.length == layout.length ? row : Arrays.copyOf(row, layout.length));
            }
          }
        } finally {
          cursor.close();
        }
      }
    } catch (IncidentIoClient.NotCachedException e) {
      return null;
    }
    if (!query.sort().isNone()) {
      // The order the API would have sent them in; rows of equal keys keep the scan's order, as
      // the API leaves their order open.
      int key = indexOf(layout, query.sort().column());
      Comparator<Object[]> byKey =
          Comparator.comparing(row -> (Long) row[key], Comparator.nullsLast(Comparator.naturalOrder()));
      kept.sort(query.sort().ascending() ? byKey : byKey.reversed());
    }
    return new NarrowedPages(kept, whole.requests().get(0));
  }

  /**
   * The table column a condition filters, where it can be checked on the column's value: a
   * string column for the list, scope, {@code is} and plain forms, a timestamp column for date
   * bounds; -1 otherwise.
   */
  private static int columnOf(TableDef def, Condition c) {
    for (int i = 0; i < def.columns().size(); i++) {
      ColumnDef col = def.columns().get(i);
      ColumnFilter f = col.filter();
      if (f == null || !f.field().equals(c.field())) {
        continue;
      }
      boolean fits = switch (c.op()) {
        case ONE_OF, NOT_IN -> f.kind() == ColumnFilter.Kind.LIST || f.kind() == ColumnFilter.Kind.SCOPE;
        case IS -> f.kind() == ColumnFilter.Kind.IS;
        case EQUALS -> f.kind() == ColumnFilter.Kind.EQUALS;
        case GTE, LTE -> f.kind() == ColumnFilter.Kind.DATE;
        default -> false;
      };
      ColumnType wanted = f.kind() == ColumnFilter.Kind.DATE ? ColumnType.TIMESTAMP : ColumnType.VARCHAR;
      if (fits && col.type() == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(int[] columns, int column) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == column) {
        return i;
      }
    }
    return -1;
  }

  /**
   * One filter checked on the value at a position of a converted row; a date bound's day is
   * held as its 00:00Z in epoch milliseconds, which is how the API reads it.
   */
  private record Check(int at, Condition condition, long day) {
    Check(int at, Condition condition) {
      this(at, condition, condition.op() == Op.GTE || condition.op() == Op.LTE
          ? LocalDate.parse(condition.values().first()).atStartOfDay(ZoneOffset.UTC).toInstant()
              .toEpochMilli()
          : 0);
    }

    boolean passes(Object[] row) {
      Object v = row[at];
      Set<String> values = condition.values();
      switch (condition.op()) {
        case ONE_OF:
        case IS:
        case EQUALS:
          return v != null && values.contains(v.toString());
        case NOT_IN:
          // The API's not_in keeps rows without the field.
          return v == null || !values.contains(v.toString());
        case GTE:
          return v != null && (Long) v >= day;
        case LTE:
          return v != null && (Long) v <= day;
        default:
          return false;
      }
    }
  }

  @Override
  public Object[] next() {
    return rows.hasNext() ? rows.next() : null;
  }

  @Override
  public ApiRequest at() {
    return at;
  }

  @Override
  public void close() {
    // Nothing is requested: the rows are in memory.
  }
}
