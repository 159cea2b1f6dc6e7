package io.incidentql.adapter.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.internal.Json;
import java.io.IOException;

/**
 * Reader of one item of a list response, straight from the token stream of the page as it is
 * parsed, so that no tree of the page needs to be built.
 *
 * @param <T> what an item becomes
 */
@FunctionalInterface
public interface RowReader<T> {
  /** The top-level field that holds an item's id, by which a scan finds rows sent twice. */
  String ID_FIELD = "id";

  /** Reads each item as a JSON tree. */
  RowReader<JsonNode> TREE =
      (p, source, id) -> {
        JsonNode item = Json.readValue(p);
        id.set(item.isObject() ? scalarId(item.get(ID_FIELD)) : null);
        return item;
      };

  /** Skips each item but its id; for counting rows. */
  RowReader<Boolean> SKIP =
      (p, source, id) -> {
        if (p.currentToken() == JsonToken.START_OBJECT) {
          for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (name.equals(ID_FIELD) && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
              id.set(p.getText());
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
        return Boolean.TRUE;
      };

  /**
   * Reads the item whose first token is the parser's current token, leaving the parser on the
   * item's last token. An item the reader rejects is reported with an {@link
   * ApiResponseException}, thrown after leaving the parser on the item's last token too: the
   * cursor throws it again when its consumer reaches that row, so earlier rows are still read.
   *
   * @param source the bytes the parser reads, from which a reader may copy an item's text, or
   *     null when the parser reads something else (a tree)
   * @param id where the reader puts the item's top-level {@code id} (its text, for any scalar),
   *     which the cursor uses to find rows sent twice; left unset when the item has none
   */
  T read(JsonParser parser, byte[] source, Id id) throws IOException;

  /** Returns the text of an id value, or null when it is absent, null or not a scalar. */
  private static String scalarId(JsonNode value) {
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }

  /** Holder of the id of the item being read. */
  final class Id {
    private String value;

    /** Sets the id of the item being read. */
    public void set(String id) {
      value = id;
    }

    /** Returns the id and clears it for the next item. */
    String take() {
      String v = value;
      value = null;
      return v;
    }
  }
}
