package io.incidentql.adapter.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.ApiTimeoutException;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.api.internal.Durations;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.RowConverter;
import io.incidentql.adapter.schema.TableDef;
import java.time.Instant;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Enumerator over the rows of one {@link IncidentIoQuery}: it sends the query's requests one
 * after the other, fetching a page only when the previous page's rows are consumed, and sends
 * nothing more once the query's limit is reached or the enumerator is closed.
 */
final class IncidentIoQueryEnumerator implements Enumerator<Object[]> {
  private final IncidentIoClient client;
  private final IncidentIoQuery query;
  private final TableDef def;
  private final ApiCallScope scope;
  private final RowConverter converter;
  private final List<ApiRequest> requests;
  /** Reads created_at to check the order the API promised, when the query relies on it. */
  private final RowConverter orderKey;

  private int nextRequest;
  private PageCursor cursor;
  private ApiRequest cursorRequest;
  private long skipped;
  private long returned;
  private Long previousKey;
  private boolean done;
  private Object[] current;

  IncidentIoQueryEnumerator(IncidentIoClient client, IncidentIoQuery query, ApiCallScope scope) {
    this.client = client;
    this.query = query;
    this.def = query.table();
    this.scope = scope;
    this.converter = query.isCount() ? null : new RowConverter(def, query.projectionArray());
    this.requests = query.requests();
    int createdAt = def.columnIndex("created_at");
    this.orderKey = query.sort() == IncidentIoQuery.Sort.NONE || query.isCount() || createdAt < 0
        ? null
        : new RowConverter(def, new int[] {createdAt});
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (scope.cancelled() || scope.expired()) {
      ApiRequest at = cursorRequest != null ? cursorRequest
          : requests.isEmpty() ? ApiRequest.of(def.path()) : requests.get(0);
      close();
      if (scope.cancelled()) {
        // Stopping quietly would hand an aggregate a short input; failing makes it visible.
        throw new QueryCancelledException(at);
      }
      throw new ApiTimeoutException(
          "Query timeout of "
              + Durations.format(scope.timeout())
              + " exceeded while reading "
              + at
              + "; raise the timeout (Statement.setQueryTimeout) or narrow the query",
          at,
          null);
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
      JsonNode item = nextItem();
      if (item == null) {
        return finish();
      }
      if (orderKey != null) {
        checkOrder(item);
      }
      if (skipped < query.offset()) {
        skipped++;
        continue;
      }
      returned++;
      current = converter.convert(item);
      return true;
    }
  }

  private boolean finish() {
    close();
    done = true;
    current = null;
    return false;
  }

  /** Returns the next JSON row from the current request sequence or the next ones, or null. */
  private JsonNode nextItem() {
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
      cursorRequest = request;
      if (query.isLookup()) {
        JsonNode item = client.get(request, "alert", scope);
        if (item != null) {
          return item;
        }
      } else {
        cursor = client.list(request, def.itemsField(), scope);
      }
    }
  }

  private long count() {
    if (requests.isEmpty()) {
      return 0L;
    }
    ApiRequest request = requests.get(0);
    cursorRequest = request;
    PageCursor page = client.list(request, def.itemsField(), scope);
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
    PageCursor rows = client.list(all, def.itemsField(), scope);
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
  private void checkOrder(JsonNode item) {
    Long key = (Long) orderKey.convert(item)[0];
    boolean ascending = query.sort() == IncidentIoQuery.Sort.OLDEST_FIRST;
    boolean inOrder = key != null
        && (previousKey == null || (ascending ? previousKey <= key : previousKey >= key));
    if (!inOrder) {
      throw new ApiResponseException(
          "incident.io API sent incidents out of the order "
              + query.sort().param()
              + " promises ("
              + (key == null ? "one without created_at" : "created_at " + Instant.ofEpochMilli(key)
                  + " after " + Instant.ofEpochMilli(previousKey))
              + ") in answer to "
              + cursorRequest
              + "; the query stops rather than return rows in the wrong order",
          cursorRequest,
          200,
          null);
    }
    previousKey = key;
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
