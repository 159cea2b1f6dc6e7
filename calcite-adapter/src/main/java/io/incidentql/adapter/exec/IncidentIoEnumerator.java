package io.incidentql.adapter.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.adapter.schema.RowConverter;
import io.incidentql.adapter.schema.TableDef;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Enumerator that streams the rows of one API request, fetching a page only when the rows of the
 * previous one have been consumed.
 */
public final class IncidentIoEnumerator implements Enumerator<Object[]> {
  private final IncidentIoClient client;
  private final ApiRequest request;
  private final TableDef def;
  private final RowConverter converter;
  private final AtomicBoolean cancel;
  private PageCursor cursor;
  private Object[] current;

  public IncidentIoEnumerator(
      IncidentIoClient client,
      ApiRequest request,
      TableDef def,
      RowConverter converter,
      AtomicBoolean cancel) {
    this.client = client;
    this.request = request;
    this.def = def;
    this.converter = converter;
    this.cancel = cancel;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (cancel != null && cancel.get()) {
      // Stopping quietly would hand an aggregate a short input; failing makes the cancel visible.
      close();
      throw new QueryCancelledException(request);
    }
    if (cursor == null) {
      cursor = client.list(request, def.itemsField());
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
