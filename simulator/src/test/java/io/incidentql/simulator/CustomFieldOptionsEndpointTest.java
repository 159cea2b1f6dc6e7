package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertError;
import static io.incidentql.simulator.TestApi.assertValidationError;
import static io.incidentql.simulator.TestApi.fieldNames;
import static io.incidentql.simulator.TestApi.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.data.Catalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests of {@code GET /v1/custom_field_options} and {@code GET /v1/custom_field_options/{id}}:
 * the required field id, pagination, and options that are the ones incidents use.
 */
class CustomFieldOptionsEndpointTest {
  private static Simulator sim;
  private static TestApi api;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().scale(50, 300, 50, 50).unlimitedRate().build());
    api = new TestApi(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static Catalog.CustomField field(String name) {
    return sim.dataset().catalog().customFields().stream().filter(f -> f.name().equals(name))
        .findFirst().orElseThrow();
  }

  private static List<ObjectNode> optionsOf(Catalog.CustomField field) {
    List<ObjectNode> out = new ArrayList<>();
    field.options().forEach(o -> out.add(o.toJson()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 5, 6, 25, 250})
  void listsTheOptionsOfASelectFieldInSortKeyOrderAcrossPages(int size) {
    Catalog.CustomField team = field("Affected Team");
    List<ObjectNode> expected = optionsOf(team);
    assertEquals(5, expected.size());
    TestApi.Walk walk = api.walk("/v1/custom_field_options", "custom_field_options",
        q("custom_field_id", team.id()), size);
    assertEquals(expected, walk.rows());
    assertEquals((expected.size() + size - 1) / size, walk.pages().size());
    for (JsonNode page : walk.pages()) {
      assertEquals(Set.of("custom_field_options", "pagination_meta"), fieldNames(page));
    }
    int previous = Integer.MIN_VALUE;
    for (JsonNode option : walk.rows()) {
      assertEquals(Set.of("id", "custom_field_id", "value", "sort_key"), fieldNames(option));
      assertEquals(team.id(), option.get("custom_field_id").asText());
      assertTrue(option.get("sort_key").asInt() > previous);
      previous = option.get("sort_key").asInt();
    }
  }

  @Test
  void servesFewerPerPageThanAskedWhenToldTo() {
    Catalog.CustomField team = field("Affected Team");
    sim.setServedPageSize("/v1/custom_field_options", 2);
    try {
      TestApi.Walk walk = api.walkServed("/v1/custom_field_options", "custom_field_options",
          q("custom_field_id", team.id()), 250, 2);
      assertEquals(optionsOf(team), walk.rows());
      assertEquals(3, walk.pages().size());
    } finally {
      sim.setServedPageSize("/v1/custom_field_options", Integer.MAX_VALUE);
    }
  }

  @Test
  void defaultsToPagesOfTwentyFive() {
    JsonNode page = api.ok("/v1/custom_field_options" + q("custom_field_id",
        field("Affected Products").id()));
    assertEquals(25, page.get("pagination_meta").get("page_size").asInt());
    assertEquals(optionsOf(field("Affected Products")).size(), page.get("custom_field_options").size());
  }

  @Test
  void servesTheOptionsIncidentsUse() {
    for (String name : List.of("Affected Team", "Affected Products")) {
      Catalog.CustomField field = field(name);
      Set<JsonNode> served = new HashSet<>(api.walk("/v1/custom_field_options",
          "custom_field_options", q("custom_field_id", field.id()), 250).rows());
      Set<JsonNode> used = new HashSet<>();
      for (ObjectNode incident : sim.dataset().incidents()) {
        for (JsonNode entry : incident.get("custom_field_entries")) {
          if (entry.get("custom_field").get("id").asText().equals(field.id())) {
            entry.get("values").forEach(v -> used.add(v.get("value_option")));
          }
        }
      }
      assertEquals(served, used, name);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Customer impact notes", "Revenue impact", "Runbook", "Affected Service"})
  void listsNoOptionsForAFieldWithout(String name) {
    JsonNode page = api.ok("/v1/custom_field_options" + q("custom_field_id", field(name).id()));
    assertEquals(0, page.get("custom_field_options").size());
    assertTrue(!page.get("pagination_meta").has("after"));
  }

  @Test
  void listsNoOptionsForAnUnknownField() {
    JsonNode page = api.ok("/v1/custom_field_options" + q("custom_field_id", "01ARZ3NDEKTSV4RRFFQ69G5FAV"));
    assertEquals(0, page.get("custom_field_options").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "?custom_field_id=", "?page_size=10"})
  void requiresTheCustomFieldId(String query) {
    assertEquals("is_required",
        assertValidationError(api.get("/v1/custom_field_options" + query), "custom_field_id"));
  }

  @Test
  void refusesBadPagingParameters() {
    String id = field("Affected Team").id();
    assertValidationError(api.get("/v1/custom_field_options"
        + q("custom_field_id", id, "page_size", "251")), "page_size");
    // An option of another field is no cursor of this one.
    String other = field("Affected Products").options().get(0).id();
    assertValidationError(api.get("/v1/custom_field_options"
        + q("custom_field_id", id, "after", other)), "after");
  }

  @Test
  void showsEveryOptionById() {
    for (Catalog.CustomFieldOption option : sim.dataset().catalog().customFieldOptions()) {
      JsonNode body = api.ok("/v1/custom_field_options/" + option.id());
      assertEquals(Set.of("custom_field_option"), fieldNames(body));
      assertEquals(option.toJson(), body.get("custom_field_option"));
    }
    assertEquals(9, sim.dataset().customFieldOptions().size());
    JsonNode error = assertError(api.get("/v1/custom_field_options/01ARZ3NDEKTSV4RRFFQ69G5FAV"),
        404, "not_found");
    assertEquals("resource_not_found", error.get("code").asText());
  }
}
