package io.incidentql.adapter.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Page of a list endpoint's response, read in one pass over its tokens: the items turned into
 * rows by a {@link RowReader}, and the {@code pagination_meta} object. Other fields are skipped.
 *
 * @param <T> what an item becomes
 */
public final class ListPage<T> {
  private final Object[] items;
  private final String[] ids;
  private final JsonNode itemsValue;
  private final JsonNode paginationMeta;

  private ListPage(Object[] items, String[] ids, JsonNode itemsValue, JsonNode paginationMeta) {
    this.items = items;
    this.ids = ids;
    this.itemsValue = itemsValue;
    this.paginationMeta = paginationMeta;
  }

  /**
   * Reads a whole response body; for callers that hold the bytes already (the client reads its
   * responses through {@link #read}). Fails with an {@link IOException} when the body is not a
   * JSON object.
   */
  public static <T> ListPage<T> parse(byte[] body, String itemsField, RowReader<T> reader)
      throws IOException {
    try (JsonParser p = Json.MAPPER.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the body is not a JSON object");
      }
      return read(p, body, itemsField, reader);
    }
  }

  /**
   * Reads the object whose {@code START_OBJECT} is the parser's current token, up to its end.
   * A syntax error anywhere fails the whole page; an item the reader rejects fails only when the
   * consumer reaches it. A dotted {@code itemsField} names an array inside an object, such as
   * {@code schedule_entries.final}.
   */
  static <T> ListPage<T> read(JsonParser p, byte[] source, String itemsField, RowReader<T> reader)
      throws IOException {
    int dot = itemsField.indexOf('.');
    String outer = dot < 0 ? null : itemsField.substring(0, dot);
    Object[] items = null;
    String[] ids = null;
    JsonNode itemsValue = null;
    JsonNode meta = null;
    RowReader.Id id = new RowReader.Id();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      if (name.equals(outer)) {
        if (t == JsonToken.START_OBJECT) {
          ListPage<T> inner = read(p, source, itemsField.substring(dot + 1), reader);
          items = inner.items;
          ids = inner.ids;
          itemsValue = inner.itemsValue;
        } else {
          items = null;
          ids = null;
          itemsValue = Json.readValue(p);
        }
      } else if (name.equals(itemsField)) {
        if (t == JsonToken.START_ARRAY) {
          List<Object> rows = new ArrayList<>();
          List<String> rowIds = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
              rows.add(reader.read(p, source, id));
            } catch (ApiResponseException e) {
              rows.add(new Rejected(e));
            }
            rowIds.add(id.take());
          }
          items = rows.toArray();
          ids = rowIds.toArray(new String[0]);
          itemsValue = null;
        } else {
          items = null;
          ids = null;
          itemsValue = Json.readValue(p);
        }
      } else if (name.equals("pagination_meta")) {
        meta = Json.readValue(p);
      } else {
        p.skipChildren();
      }
    }
    return new ListPage<>(items, ids, itemsValue, meta);
  }

  /** Returns whether the items field was an array. */
  public boolean hasItems() {
    return items != null;
  }

  /** Describes the items field's value when it is not an array: "nothing", "an object". */
  String describeItems() {
    return Json.describe(itemsValue);
  }

  /** Returns the number of items. */
  public int size() {
    return items == null ? 0 : items.length;
  }

  /** Returns item {@code i}, or throws the error its reader reported for it. */
  @SuppressWarnings("unchecked")
  public T item(int i) {
    Object item = items[i];
    if (item instanceof Rejected r) {
      throw r.error;
    }
    return (T) item;
  }

  /** Returns the id of item {@code i}, or null when it has none. */
  String id(int i) {
    return ids[i];
  }

  /** Returns the {@code pagination_meta} object, or null when absent or not an object. */
  public JsonNode paginationMeta() {
    return paginationMeta != null && paginationMeta.isObject() ? paginationMeta : null;
  }

  /** Returns the {@code pagination_meta} value whatever its type, or null when absent. */
  JsonNode paginationMetaValue() {
    return paginationMeta;
  }

  /** An item its reader rejected, standing in its place until the consumer reaches it. */
  private record Rejected(ApiResponseException error) {}
}
