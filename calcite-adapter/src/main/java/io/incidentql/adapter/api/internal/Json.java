package io.incidentql.adapter.api.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Holder of the one Jackson mapper of the adapter, and of small helpers around JSON trees.
 *
 * <p>Responses are read as trees and their fields mapped explicitly, so unknown properties and
 * unknown enum values pass through untouched (the API promises to add both).
 */
public final class Json {
  /** The shared mapper; thread-safe once configured. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // A body with something after its JSON value is damaged, not a valid response.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A key twice in one object leaves its value unknown; Jackson would keep the last.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final ObjectWriter COMPACT = MAPPER.writer();

  /** Reads one value from within a document, which the value need not end. */
  private static final ObjectReader VALUE =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** Returns the compact JSON text of a value. */
  public static String toText(JsonNode node) {
    try {
      return COMPACT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree read from JSON always serializes; this is a programming error.
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the value that starts at the parser's current token into a tree, leaving the parser
   * on the value's last token.
   */
  public static JsonNode readValue(JsonParser parser) throws IOException {
    JsonNode node = VALUE.readTree(parser);
    return node == null ? MAPPER.nullNode() : node;
  }

  /** Returns the text of a string field of an object, or null when absent or not a string. */
  public static String text(JsonNode object, String field) {
    if (object == null) {
      return null;
    }
    JsonNode value = object.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** Describes a value's JSON type for an error message: "a string", "an array", "nothing". */
  public static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    switch (node.getNodeType()) {
      case ARRAY:
        return "an array";
      case OBJECT:
      case POJO:
        return "an object";
      case STRING:
        return "the string " + Text.quote(node.textValue(), 60);
      case NUMBER:
        return "the number " + node.asText();
      case BOOLEAN:
        return "the boolean " + node.asText();
      case NULL:
        return "null";
      default:
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
