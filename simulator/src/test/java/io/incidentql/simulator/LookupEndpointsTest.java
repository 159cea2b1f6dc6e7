package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertError;
import static io.incidentql.simulator.TestApi.assertValidationError;
import static io.incidentql.simulator.TestApi.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests of the endpoints that list an account's reference objects in one response (severities,
 * incident statuses, types, roles, timestamps, custom fields, alert sources, alert attributes)
 * and show one by id: field names, required properties and scopes as the contract gives them.
 */
class LookupEndpointsTest {
  private static final List<String> SCOPES = List.of("severities.view", "incident_statuses.view",
      "incident_types.view", "incident_roles.view", "custom_fields.view", "users.view",
      "alert_sources.view", "alert_schema.view", "incidents.view", "alerts.view");
  private static Simulator sim;
  private static TestApi api;

  @BeforeAll
  static void start() {
    SimulatorConfig.Builder config = SimulatorConfig.builder()
        .scale(200, 100, 100, 200)
        .unlimitedRate()
        .apiKey(TestApi.KEY);
    for (String scope : SCOPES) {
      config.apiKeyLacking("lacks-" + scope, "without " + scope, scope);
    }
    sim = Simulator.start(config.build());
    api = new TestApi(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /**
   * One endpoint, its list and single-object fields, what it must serve, and the required and
   * all properties of its item schema.
   */
  record Lookup(String path, String listField, String singleField,
      Function<Dataset, List<ObjectNode>> expected, Set<String> required, Set<String> all) {
    @Override
    public String toString() {
      return path;
    }
  }

  static Stream<Arguments> lookups() {
    // Required and all properties of each item schema of openapi-subset.json.
    Set<String> severity = Set.of("rank", "created_at", "updated_at", "id", "name", "description");
    Set<String> status =
        Set.of("id", "name", "description", "rank", "category", "created_at", "updated_at");
    Set<String> type = Set.of("id", "name", "is_default", "description",
        "private_incidents_only", "created_at", "updated_at", "create_in_triage");
    Set<String> role = Set.of("name", "shortform", "description", "instructions", "id",
        "role_type", "created_at", "updated_at");
    Set<String> timestamp = Set.of("id", "name", "rank");
    Set<String> field =
        Set.of("id", "name", "description", "field_type", "created_at", "updated_at");
    Set<String> attribute = Set.of("id", "name", "type", "array", "required");
    return Stream.of(
        new Lookup("/v1/severities", "severities", "severity", Dataset::severities, severity,
            severity),
        new Lookup("/v1/incident_statuses", "incident_statuses", "incident_status",
            Dataset::incidentStatuses, status, status),
        new Lookup("/v1/incident_types", "incident_types", "incident_type",
            Dataset::incidentTypes, type, plus(type, "owning_team_ids")),
        new Lookup("/v2/incident_roles", "incident_roles", "incident_role",
            Dataset::incidentRoles, role, role),
        new Lookup("/v2/incident_timestamps", "incident_timestamps", "incident_timestamp",
            Dataset::incidentTimestamps, timestamp, timestamp),
        new Lookup("/v2/custom_fields", "custom_fields", "custom_field", Dataset::customFields,
            field, plus(field, "catalog_type_id", "filter_by", "fixed_filter",
                "group_by_catalog_attribute_id", "helptext_catalog_attribute_id")),
        new Lookup("/v2/alert_sources", "alert_sources", "alert_source", Dataset::alertSources,
            Set.of("id", "name", "source_type", "template"),
            Set.of("alert_events_url", "auto_resolve_incident_alerts",
                "auto_resolve_timeout_minutes", "email_options", "heartbeat_options",
                "http_custom_options", "id", "jira_options", "name", "owning_team_ids",
                "secret_token", "source_type", "template")),
        new Lookup("/v2/alert_attributes", "alert_attributes", "alert_attribute",
            Dataset::alertAttributes, attribute, plus(attribute, "emoji")))
        .map(Arguments::of);
  }

  private static Set<String> plus(Set<String> base, String... more) {
    Set<String> out = new HashSet<>(base);
    out.addAll(List.of(more));
    return out;
  }

  @ParameterizedTest
  @MethodSource("lookups")
  void listsEveryObjectInOneResponseWithoutPaginationMeta(Lookup lookup) {
    JsonNode body = api.ok(lookup.path());
    assertEquals(Set.of(lookup.listField()), fieldNames(body), lookup.path());
    List<ObjectNode> expected = lookup.expected().apply(sim.dataset());
    assertTrue(expected.size() >= 4, lookup.path());
    assertEquals(expected.size(), body.get(lookup.listField()).size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode item = body.get(lookup.listField()).get(i);
      assertEquals(expected.get(i), item);
      assertTrue(fieldNames(item).containsAll(lookup.required()),
          lookup.path() + " item lacks a required property: " + item);
      assertTrue(lookup.all().containsAll(fieldNames(item)),
          lookup.path() + " item has a property its schema does not: " + item);
    }
    Set<String> ids = new HashSet<>(TestApi.ids(expected));
    assertEquals(expected.size(), ids.size(), "ids are unique");
  }

  @ParameterizedTest
  @MethodSource("lookups")
  void showsEachObjectByIdUnderItsSingularField(Lookup lookup) {
    for (ObjectNode item : lookup.expected().apply(sim.dataset())) {
      JsonNode body = api.ok(lookup.path() + "/" + item.get("id").asText());
      assertEquals(Set.of(lookup.singleField()), fieldNames(body));
      assertEquals(item, body.get(lookup.singleField()));
    }
  }

  @ParameterizedTest
  @MethodSource("lookups")
  void answersAnUnknownIdWithResourceNotFound(Lookup lookup) {
    JsonNode error = assertError(api.get(lookup.path() + "/01ARZ3NDEKTSV4RRFFQ69G5FAV"), 404,
        "not_found");
    assertEquals("resource_not_found", error.get("code").asText());
  }

  @ParameterizedTest
  @MethodSource("lookups")
  void rejectsQueryParametersItDoesNotTake(Lookup lookup) {
    assertEquals("unknown_parameter",
        assertValidationError(api.get(lookup.path() + "?page_size=10"), "page_size"));
  }

  @Test
  void servesAlertSourcesWithNamesTypesAndAnObviouslyFakeSecretToken() {
    JsonNode sources = api.ok("/v2/alert_sources").get("alert_sources");
    Set<String> types = new HashSet<>();
    for (JsonNode source : sources) {
      assertFalse(source.get("name").asText().isEmpty());
      types.add(source.get("source_type").asText());
      assertTrue(source.get("secret_token").asText().startsWith("fake-secret-token-"),
          source::toString);
      JsonNode template = source.get("template");
      for (String field : List.of("expressions", "title", "description", "attributes",
          "is_private")) {
        assertTrue(template.has(field), field);
      }
    }
    assertTrue(types.size() >= 4, types::toString);
    assertEquals(sim.dataset().alertSourceIds(), TestApi.ids(sim.dataset().alertSources()));
  }

  @Test
  void servesCustomFieldsOfEveryTypeWithTheCatalogTypeOfACatalogBackedOne() {
    Set<String> types = new HashSet<>();
    int catalogBacked = 0;
    for (JsonNode field : api.ok("/v2/custom_fields").get("custom_fields")) {
      types.add(field.get("field_type").asText());
      catalogBacked += field.has("catalog_type_id") ? 1 : 0;
      assertFalse(field.has("options"), "CustomFieldV2 has no options");
    }
    assertEquals(Set.of("single_select", "multi_select", "text", "numeric", "link"), types);
    assertEquals(1, catalogBacked);
  }

  /**
   * Refuses, on the list and show paths, a key lacking the scope the contract's
   * {@code x-rbac-scopes} name, and serves keys lacking any other scope.
   */
  @ParameterizedTest
  @CsvSource({
      "/v1/severities, severities.view",
      "/v1/incident_statuses, incident_statuses.view",
      "/v1/incident_types, incident_types.view",
      "/v2/incident_roles, incident_roles.view",
      "/v2/custom_fields, custom_fields.view",
      "/v1/custom_field_options?custom_field_id=x, custom_fields.view",
      "/v2/users, users.view",
      "/v2/alert_sources, alert_sources.view",
      "/v2/alert_attributes, alert_schema.view",
      "/v2/incidents/1, incidents.view"})
  void refusesAKeyWithoutTheScopeTheContractNames(String path, String scope) {
    for (String lacking : SCOPES) {
      TestApi.Answer answer = api.get(path, "Bearer lacks-" + lacking);
      if (lacking.equals(scope)) {
        JsonNode error = assertError(answer, 403, "authorization_error");
        assertTrue(error.get("message").asText().contains("'" + scope + "' scope"));
      } else {
        assertEquals(200, answer.status(), lacking + ": " + answer.raw());
      }
    }
    if (!path.contains("?") && !path.startsWith("/v2/incidents")) {
      // The show path needs the same scope.
      assertError(api.get(path + "/x", "Bearer lacks-" + scope), 403, "authorization_error");
    }
  }

  @Test
  void servesIncidentTimestampsToAnyKeyAsTheContractNamesNoScopeForThem() {
    for (String lacking : SCOPES) {
      assertEquals(200, api.get("/v2/incident_timestamps", "Bearer lacks-" + lacking).status());
    }
  }

  @Test
  void answersNotFoundForPathsBelowAnObject() {
    String id = sim.dataset().severities().get(0).get("id").asText();
    assertError(api.get("/v1/severities/" + id + "/x"), 404, "not_found");
    assertError(api.get("/v2/severities"), 404, "not_found");
  }
}
