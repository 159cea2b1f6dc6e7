package io.incidentql.adapter.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.ApiTimeoutException;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.api.internal.Durations;
import io.incidentql.adapter.schema.RowConverter;
import io.incidentql.adapter.schema.TableDef;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Enumerator that streams the rows of one API request, fetching a page only when the rows of the
 * previous one have been consumed.
 *
 * <p>The statement's cancel flag and query timeout (a {@link ApiCallScope}) bound every page
 * request and are checked before each row, so a cancelled or timed-out query fails instead of
 * returning a short result.
 */
public final class IncidentIoEnumerator implements Enumerator<Object[]> {
  private final IncidentIoClient client;
  private final ApiRequest request;
  private final TableDef def;
  private final RowConverter converter;
  private final AtomicBoolean cancel;
  private final ApiCallScope scope;
  private PageCursor cursor;
  private Object[] current;

  public IncidentIoEnumerator(
      IncidentIoClient client,
      ApiRequest request,
      TableDef def,
      RowConverter converter,
      AtomicBoolean cancel) {
    this(client, request, def, converter, ApiCallScope.of(cancel, null), cancel);
  }

  public IncidentIoEnumerator(
      IncidentIoClient client,
      ApiRequest request,
      TableDef def,
      RowConverter converter,
      ApiCallScope scope) {
    this(client, request, def, converter, scope, null);
  }

  private IncidentIoEnumerator(
      IncidentIoClient client,
      ApiRequest request,
      TableDef def,
      RowConverter converter,
      ApiCallScope scope,
      AtomicBoolean cancel) {
    this.client = client;
    this.request = request;
    this.def = def;
    this.converter = converter;
    this.scope = scope;
    this.cancel = cancel;
  }

  /**
   * Returns the bounds of a query's calls from its data context: the statement's cancel flag and
   * its query timeout ({@code Statement.setQueryTimeout}), counted from now.
   */
  public static ApiCallScope scope(DataContext root) {
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeoutMillis = DataContext.Variable.TIMEOUT.get(root);
    return ApiCallScope.of(
        flag, timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis));
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if ((cancel != null && cancel.get()) || scope.cancelled()) {
      // Stopping quietly would hand an aggregate a short input; failing makes the cancel visible.
      close();
      throw new QueryCancelledException(request);
    }
    if (scope.expired()) {
      close();
      throw new ApiTimeoutException(
          "Query timeout of "
              + Durations.format(scope.timeout())
              + " exceeded while reading "
              + request
              + "; raise the timeout (Statement.setQueryTimeout) or narrow the query",
          request,
          null);
    }
    if (cursor == null) {
      cursor = client.list(request, def.itemsField(), scope);
    }
    if (!cursor.hasNext()) {
      current = null;
      return false;
    }
    JsonNode item = cursor.next();
    current = converter.convert(item);
    return true;
  }

  @Override
  public void reset() {
    close();
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
