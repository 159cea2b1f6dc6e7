package io.incidentql.adapter.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.api.internal.Text;
import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.TableDef;
import java.util.List;

/**
 * Page source that sends a query's requests one after the other: each list request is read to
 * its last page by one {@link PageCursor}, and each lookup ({@code GET} of one object) gives at
 * most one row, checked to have the key asked for.
 */
final class SerialPages implements PageSource {
  private final IncidentIoClient client;
  private final IncidentIoQuery query;
  private final TableDef def;
  private final ApiCallScope scope;
  private final RowConverter converter;
  private final boolean lookAhead;
  private final List<ApiRequest> requests;
  /** For a lookup, the value each request asks for, in the order of the requests. */
  private final List<String> lookupValues;
  /** For a lookup, the column compared and how its value becomes a path. */
  private final ColumnDef lookupColumn;

  private int nextRequest;
  private PageCursor<Object[]> cursor;
  private ApiRequest at;

  /**
   * Creates the source.
   *
   * @param lookAhead whether each cursor fetches its next page while the current one is read
   */
  SerialPages(IncidentIoClient client, IncidentIoQuery query, ApiCallScope scope,
      RowConverter converter, boolean lookAhead) {
    this.client = client;
    this.query = query;
    this.def = query.table();
    this.scope = scope;
    this.converter = converter;
    this.lookAhead = lookAhead;
    this.requests = query.requests();
    Condition lookup = query.isLookup() ? query.lookupCondition() : null;
    this.lookupValues = lookup == null ? List.of() : List.copyOf(lookup.values());
    this.lookupColumn = lookup == null ? null : def.column(lookup.field());
    this.at = requests.isEmpty() ? ApiRequest.of(def.path()) : requests.get(0);
  }

  /**
   * Creates a source that goes on with a cursor whose first page was already read: the rest of
   * one list request, as if this source had read that page itself.
   */
  SerialPages(IncidentIoClient client, IncidentIoQuery query, ApiCallScope scope,
      RowConverter converter, PageCursor<Object[]> started) {
    this(client, query, scope, converter, false);
    this.nextRequest = requests.size();
    this.cursor = started;
  }

  @Override
  public Object[] next() {
    while (true) {
      if (cursor != null) {
        if (cursor.hasNext()) {
          return cursor.next();
        }
        cursor.close();
        cursor = null;
      }
      if (nextRequest >= requests.size()) {
        return null;
      }
      ApiRequest request = requests.get(nextRequest++);
      at = request;
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

  @Override
  public ApiRequest at() {
    return at;
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

  @Override
  public void close() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
    nextRequest = requests.size();
  }
}
