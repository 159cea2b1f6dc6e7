package io.incidentql.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests of reading a list body whose items sit in an array inside an object. */
class ListPageTest {
  private static ListPage<JsonNode> parse(String json, String itemsField) throws IOException {
    return ListPage.parse(json.getBytes(StandardCharsets.UTF_8), itemsField, RowReader.TREE);
  }

  @Test
  void aDottedItemsFieldReadsTheArrayInsideTheObject() throws IOException {
    ListPage<JsonNode> page = parse("{\"schedule_entries\": {\"scheduled\": [{\"n\": 1}],"
        + " \"final\": [{\"n\": 2}, {\"n\": 3}], \"overrides\": []},"
        + " \"pagination_meta\": {\"after\": \"x\"}}", "schedule_entries.final");
    assertTrue(page.hasItems());
    assertEquals(2, page.size());
    assertEquals(2, page.item(0).get("n").asInt());
    assertEquals(3, page.item(1).get("n").asInt());
    assertEquals("x", page.paginationMeta().get("after").asText());
  }

  @Test
  void aMissingOrMisshapenInnerArrayIsNoItems() throws IOException {
    assertFalse(parse("{\"schedule_entries\": {\"scheduled\": []}}", "schedule_entries.final")
        .hasItems());
    ListPage<JsonNode> notObject = parse("{\"schedule_entries\": [1]}", "schedule_entries.final");
    assertFalse(notObject.hasItems());
    assertEquals("an array", notObject.describeItems());
    assertFalse(parse("{\"final\": [{}]}", "schedule_entries.final").hasItems());
  }
}
