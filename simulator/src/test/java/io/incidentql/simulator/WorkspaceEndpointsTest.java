package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertValidationError;
import static io.incidentql.simulator.TestApi.fieldNames;
import static io.incidentql.simulator.TestApi.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests of the endpoints around incidents and alerts (follow-ups, actions, escalations, escalation
 * paths, schedules, catalog types and entries, teams, workflows, attachments, workflow runs):
 * their objects have their schema's properties, point at objects the other endpoints list, and
 * the parameters behave as the contract says.
 */
class WorkspaceEndpointsTest {
  private static Simulator sim;
  private static TestApi api;
  private static Map<String, String> modes;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().scale(200, 150, 100, 200).unlimitedRate()
        .apiKey(TestApi.KEY).build());
    api = new TestApi(sim);
    modes = sim.dataset().incidents().stream().collect(Collectors.toMap(
        i -> i.get("id").asText(), i -> i.get("mode").asText()));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /** One endpoint, whether it pages, and the required and optional properties of its schema. */
  record Endpoint(String path, boolean paged, Set<String> required, Set<String> optional) {
    String listField() {
      return path.substring(4);
    }

    @Override
    public String toString() {
      return path;
    }
  }

  static Stream<Endpoint> endpoints() {
    // Required and optional properties of each item schema of openapi-subset.json.
    return Stream.of(
        new Endpoint("/v2/follow_ups", false, Set.of("id", "incident_id", "creator", "title",
            "status", "labels", "created_at", "updated_at"), Set.of("assignee", "assignee_team",
            "completed_at", "description", "external_issue_reference", "priority")),
        new Endpoint("/v2/actions", false, Set.of("id", "incident_id", "creator", "description",
            "status", "created_at", "updated_at"), Set.of("assignee", "completed_at")),
        new Endpoint("/v2/escalations", true, Set.of("id", "created_at", "updated_at", "status",
            "title", "description", "priority", "creator", "events", "related_incidents",
            "related_alerts"), Set.of("escalation_path_id")),
        new Endpoint("/v2/escalation_paths", true, Set.of("id", "name", "path", "team_ids"),
            Set.of("current_responders", "repeat_config", "working_hours")),
        new Endpoint("/v2/schedules", true, Set.of("id", "name", "timezone", "team_ids",
            "permalink", "created_at", "updated_at", "annotations"), Set.of("config",
            "current_shifts", "holidays_public_config", "next_shifts")),
        new Endpoint("/v3/catalog_types", false, Set.of("id", "name", "description", "type_name",
            "engine_resource_type", "ranked", "schema", "icon", "categories", "color",
            "is_editable", "annotations", "created_at", "updated_at", "use_name_as_identifier"),
            Set.of("dynamic_resource_parameter", "estimated_count", "is_team_type",
                "last_synced_at", "owning_team_ids", "registry_type", "required_integrations",
                "source_repo_url")),
        new Endpoint("/v3/teams", true, Set.of("id", "name", "catalog_entry", "members"),
            Set.of()),
        new Endpoint("/v2/workflows", false, Set.of("include_private_incidents", "id", "name",
            "trigger", "once_for", "version", "expressions", "condition_groups", "steps",
            "private_incident_scope", "include_private_escalations", "runs_on_incident_modes",
            "continue_on_step_error", "runs_on_incidents", "state"), Set.of("delay", "folder",
            "owning_team_ids", "runs_from", "shortform")),
        new Endpoint("/v1/incident_attachments", false, Set.of("id", "incident_id", "resource"),
            Set.of()),
        new Endpoint("/v2/workflow_runs", true, Set.of("id", "workflow_id", "workflow_version_id",
            "workflow_version_number", "progress", "scheduled_at", "created_at", "updated_at"),
            Set.of("cancelled_at", "enqueued_at", "error", "incident_id", "incident_reference",
                "workflow_name")));
  }

  @ParameterizedTest
  @MethodSource("endpoints")
  void objectsHaveTheirSchemasPropertiesAndUniqueIds(Endpoint e) {
    List<ObjectNode> all = sim.dataset().objects(e.path());
    assertFalse(all.isEmpty(), e.path());
    Set<String> known = new HashSet<>(e.required());
    known.addAll(e.optional());
    Set<String> ids = new HashSet<>();
    for (ObjectNode o : all) {
      assertTrue(fieldNames(o).containsAll(e.required()), e.path() + " lacks a property: " + o);
      assertTrue(known.containsAll(fieldNames(o)), e.path() + " has an unknown property: " + o);
      assertTrue(ids.add(o.get("id").asText()), "ids are unique");
    }
  }

  @ParameterizedTest
  @MethodSource("endpoints")
  void pagedEndpointsServeEveryObjectAcrossPages(Endpoint e) {
    if (!e.paged()) {
      JsonNode body = api.ok(e.path() + (e.path().endsWith("follow_ups")
          || e.path().endsWith("actions") ? "?incident_mode=test" : ""));
      assertEquals(Set.of(e.listField()), fieldNames(body), "no pagination_meta");
      return;
    }
    List<ObjectNode> all = sim.dataset().objects(e.path());
    int size = Math.max(1, all.size() / 3);
    TestApi.Walk walk = api.walk(e.path(), e.listField(), "", size);
    assertEquals(TestApi.ids(all), walk.ids());
    assertTrue(walk.pages().size() > 1, e.path());
  }

  @Test
  void followUpsAndActionsLeaveOutTestAndTutorialIncidentsUnlessAsked() {
    for (String path : List.of("/v2/follow_ups", "/v2/actions")) {
      String field = path.substring(4);
      List<ObjectNode> all = sim.dataset().objects(path);
      for (String mode : List.of("standard", "retrospective", "test", "tutorial")) {
        List<String> expected = TestApi.expectedIds(all,
            o -> mode.equals(modes.get(o.get("incident_id").asText())));
        List<String> got = new ArrayList<>();
        api.ok(path + "?incident_mode=" + mode).get(field).forEach(o -> got.add(o.get("id").asText()));
        assertEquals(expected, got, path + " " + mode);
        if (!mode.startsWith("t")) {
          assertFalse(got.isEmpty(), path + " has records of " + mode + " incidents");
        }
      }
      List<String> byDefault = new ArrayList<>();
      api.ok(path).get(field).forEach(o -> byDefault.add(o.get("id").asText()));
      assertEquals(TestApi.expectedIds(all, o -> Set.of("standard", "retrospective")
          .contains(modes.get(o.get("incident_id").asText()))), byDefault);
      assertTrue(byDefault.size() < all.size(), path + ": some records are hidden by default");
      assertValidationError(api.get(path + "?incident_mode=drill"), "incident_mode");
    }
  }

  @Test
  void recordsPointAtObjectsTheOtherEndpointsList() {
    for (String path : List.of("/v2/follow_ups", "/v2/actions", "/v1/incident_attachments",
        "/v2/workflow_runs")) {
      for (ObjectNode o : sim.dataset().objects(path)) {
        assertTrue(modes.containsKey(o.get("incident_id").asText()), path + ": " + o);
      }
    }
    Set<String> workflows = ids("/v2/workflows");
    sim.dataset().objects("/v2/workflow_runs")
        .forEach(r -> assertTrue(workflows.contains(r.get("workflow_id").asText())));
    Set<String> teams = ids("/v3/teams");
    sim.dataset().objects("/v2/follow_ups").stream().filter(f -> f.has("assignee_team"))
        .forEach(f -> assertTrue(teams.contains(f.get("assignee_team").get("id").asText())));
    Set<String> paths = ids("/v2/escalation_paths");
    sim.dataset().objects("/v2/escalations").stream().filter(e -> e.has("escalation_path_id"))
        .forEach(e -> assertTrue(paths.contains(e.get("escalation_path_id").asText())));
    Set<String> types = ids("/v3/catalog_types");
    Set<String> entries = ids("/v3/catalog_entries");
    sim.dataset().objects("/v3/catalog_entries")
        .forEach(e -> assertTrue(types.contains(e.get("catalog_type_id").asText())));
    sim.dataset().objects("/v3/teams")
        .forEach(t -> assertTrue(entries.contains(t.get("catalog_entry").get("id").asText())));
    Set<String> alerts = TestApi.ids(sim.dataset().alerts()).stream().collect(Collectors.toSet());
    sim.dataset().objects("/v2/escalations").forEach(e -> e.get("related_alerts")
        .forEach(a -> assertTrue(alerts.contains(a.get("id").asText()))));
  }

  private static Set<String> ids(String path) {
    return new HashSet<>(TestApi.ids(sim.dataset().objects(path)));
  }

  @Test
  void catalogEntriesNeedTheirTypeAndAPageSize() {
    assertEquals("is_required",
        assertValidationError(api.get("/v3/catalog_entries?page_size=25"), "catalog_type_id"));
    String type = sim.dataset().objects("/v3/catalog_types").get(0).get("id").asText();
    assertEquals("is_required", assertValidationError(
        api.get("/v3/catalog_entries?catalog_type_id=" + type), "page_size"));
    List<String> expected = TestApi.expectedIds(sim.dataset().objects("/v3/catalog_entries"),
        e -> e.get("catalog_type_id").asText().equals(type));
    assertEquals(expected, api.walk("/v3/catalog_entries", "catalog_entries",
        "?catalog_type_id=" + type, 1).ids());
    ObjectNode aliased = sim.dataset().objects("/v3/catalog_entries").stream()
        .filter(e -> e.get("aliases").size() > 0).findFirst().orElseThrow();
    JsonNode found = api.ok("/v3/catalog_entries" + q("catalog_type_id",
        aliased.get("catalog_type_id").asText(), "page_size", "25", "identifier",
        aliased.get("aliases").get(0).asText()));
    assertEquals(List.of(aliased.get("id").asText()),
        TestApi.ids(List.of(found.get("catalog_entries").get(0))));
  }

  @Test
  void escalationsFilterByStatusAlertIncidentAndDates() {
    List<ObjectNode> all = sim.dataset().objects("/v2/escalations");
    assertEquals(TestApi.expectedIds(all, e -> e.get("status").asText().equals("acked")),
        api.walk("/v2/escalations", "escalations", "?status[one_of]=acked", 50).ids());
    ObjectNode withAlert = all.stream().filter(e -> e.get("related_alerts").size() > 0)
        .findFirst().orElseThrow();
    String alert = withAlert.get("related_alerts").get(0).get("id").asText();
    assertEquals(List.of(withAlert.get("id").asText()),
        api.walk("/v2/escalations", "escalations", "?alert[one_of]=" + alert, 50).ids());
    ObjectNode withIncident = all.stream().filter(e -> e.get("related_incidents").size() > 0)
        .findFirst().orElseThrow();
    String incident = withIncident.get("related_incidents").get(0).get("id").asText();
    assertTrue(api.walk("/v2/escalations", "escalations", "?incident[one_of]=" + incident, 50)
        .ids().contains(withIncident.get("id").asText()));
    assertEquals(TestApi.expectedIds(all, e -> {
      Instant t = Instant.parse(e.get("created_at").asText());
      return !t.isBefore(Instant.parse("2024-01-01T00:00:00Z"))
          && t.isBefore(Instant.parse("2024-02-01T00:00:00Z"));
    }), api.walk("/v2/escalations", "escalations",
        "?created_at[date_range]=2024-01-01~2024-01-31", 50).ids());
    assertValidationError(api.get("/v2/escalations?page_size=51"), "page_size");
    assertValidationError(api.get("/v2/escalations?created_at[gte]=2024-01-01"
        + "&created_at[lte]=2024-02-01"), "created_at[lte]");
  }

  @Test
  void scheduleEntriesCoverTheDataAndPageThroughTheWindowStart() {
    List<ObjectNode> schedules = sim.dataset().objects("/v2/schedules");
    String id = schedules.get(0).get("id").asText();
    Instant oldest = Instant.parse(sim.dataset().incidents().get(sim.dataset().incidents().size() - 1)
        .get("created_at").asText());
    Instant newest = Instant.parse(sim.dataset().incidents().get(0).get("created_at").asText());
    List<ObjectNode> entries = sim.dataset().scheduleEntries(0, oldest, newest);
    assertTrue(Instant.parse(entries.get(0).get("start_at").asText()).compareTo(oldest) <= 0);
    assertTrue(Instant.parse(entries.get(entries.size() - 1).get("end_at").asText())
        .isAfter(newest), "entries cover every incident");
    for (int i = 1; i < entries.size(); i++) {
      assertEquals(entries.get(i - 1).get("end_at"), entries.get(i).get("start_at"), "no gap");
    }
    Instant year3000 = Instant.parse("3000-01-01T00:00:00Z");
    assertEquals(1, sim.dataset().scheduleEntries(0, year3000, year3000.plusSeconds(1)).size(),
        "the rotation runs without end");
    assertEquals("is_required", assertValidationError(
        api.get("/v2/schedule_entries?entry_window_start=2024-01-01T00:00:00Z"), "schedule_id"));
    assertValidationError(api.get("/v2/schedule_entries?schedule_id=" + id
        + "&entry_window_start=yesterday"), "entry_window_start");
    assertValidationError(api.get("/v2/schedule_entries?schedule_id=" + id
        + "&entry_window_start=2024-02-01T00:00:00Z&entry_window_end=2024-01-01T00:00:00Z"),
        "entry_window_end");
    String start = "2024-01-01T00:00:00Z";
    String end = "2024-04-01T00:00:00Z";
    List<String> expected = sim.dataset().scheduleEntries(0, Instant.parse(start),
        Instant.parse(end)).stream().map(e -> e.get("entry_id").asText()).toList();
    assertTrue(expected.size() > 10, "a quarter of weekly shifts");
    sim.setServedPageSize("/v2/schedule_entries", 5);
    try {
      List<String> got = new ArrayList<>();
      String cursor = start;
      int pages = 0;
      while (cursor != null) {
        JsonNode body = api.ok("/v2/schedule_entries" + q("schedule_id", id,
            "entry_window_start", cursor, "entry_window_end", end));
        JsonNode groups = body.get("schedule_entries");
        assertEquals(Set.of("final", "overrides", "scheduled"), fieldNames(groups));
        assertEquals(groups.get("final"), groups.get("scheduled"));
        groups.get("final").forEach(e -> got.add(e.get("entry_id").asText()));
        cursor = body.has("pagination_meta") ? body.get("pagination_meta").get("after").asText()
            : null;
        pages++;
      }
      assertEquals(expected, got);
      assertTrue(pages > 1, "pages: " + pages);
    } finally {
      sim.setServedPageSize("/v2/schedule_entries", Integer.MAX_VALUE);
    }
    JsonNode none = api.ok("/v2/schedule_entries?schedule_id=no-such-schedule");
    assertEquals(0, none.get("schedule_entries").get("final").size());
  }

  @Test
  void unknownParametersAreRefused() {
    assertValidationError(api.get("/v3/catalog_types?page_size=5"), "page_size");
    assertValidationError(api.get("/v2/workflow_runs?status=done"), "status");
  }
}
