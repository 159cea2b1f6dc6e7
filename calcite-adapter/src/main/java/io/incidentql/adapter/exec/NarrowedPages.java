package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.TableDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

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
    LocalFilter filter = LocalFilter.of(query, layout, false);
    if (!filter.complete()) {
      return null;
    }
    RowConverter converter = new RowConverter(def, filter.columns());
    List<Object[]> kept = new ArrayList<>();
    try {
      for (ApiRequest request : whole.requests()) {
        PageCursor<Object[]> cursor =
            client.listCached(request, def.itemsField(), scope, converter);
        try {
          while (cursor.hasNext()) {
            Object[] row = cursor.next();
            if (filter.passes(row)) {
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
      int key = LocalFilter.indexOf(layout, query.sort().column());
      Comparator<Object[]> byKey =
          Comparator.comparing(row -> (Long) row[key], Comparator.nullsLast(Comparator.naturalOrder()));
      kept.sort(query.sort().ascending() ? byKey : byKey.reversed());
    }
    return new NarrowedPages(kept, whole.requests().get(0));
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
