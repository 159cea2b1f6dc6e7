package io.incidentql.adapter.api;

import com.fasterxml.jackson.core.JsonParser;
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
  /** Reads each item as a JSON tree. */
  RowReader<JsonNode> TREE = (p, source) -> Json.readValue(p);

  /** Skips each item; for counting rows. */
  RowReader<Boolean> SKIP =
      (p, source) -> {
        p.skipChildren();
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
   */
  T read(JsonParser parser, byte[] source) throws IOException;
}
