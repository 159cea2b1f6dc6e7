package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden tests of the tables around incidents and alerts (follow-ups, actions, escalations and
 * the rest): every row through JDBC, across small pages where the endpoint pages, with primary
 * and foreign keys in metadata; and each pushed filter, asserting the rows (the same as with
 * pushdown off, and counted from the simulator's data) and the exact requests.
 */
class EndpointTablesGoldenTest {
  private static final String EVERY_MODE = "incident_mode=standard&incident_mode=retrospective"
      + "&incident_mode=test&incident_mode=tutorial";

  private static Simulator sim;
  private static PushdownFixture fixture;
  private static Set<String> documentedModeIncidents;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(11).scale(300, 200, 150, 400).unlimitedRate());
    fixture = new PushdownFixture(sim);
    documentedModeIncidents = sim.dataset().incidents().stream()
        .filter(i -> SimulatorConnections.DOCUMENTED_MODES.contains(i.path("mode").asText()))
        .map(i -> i.path("id").asText()).collect(Collectors.toSet());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static List<ObjectNode> objects(String path) {
    return new ArrayList<>(sim.dataset().objects(path));
  }

  /** The rows of a table of follow-ups or actions: those of incidents of a documented mode. */
  private static List<ObjectNode> ofDocumentedModes(String path) {
    return objects(path).stream()
        .filter(o -> documentedModeIncidents.contains(o.path("incident_id").asText())).toList();
  }

  private static int count(List<ObjectNode> rows, Predicate<ObjectNode> p) {
    return (int) rows.stream().filter(p).count();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static Set<String> ids(List<ObjectNode> rows) {
    return rows.stream().map(o -> o.path("id").asText()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> idsThroughJdbc(String table) throws Exception {
    Set<String> out = new TreeSet<>();
    try (Connection c = fixture.connect(true); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      while (rs.next()) {
        assertTrue(out.add(rs.getString("id")), table + " returned a row twice");
      }
    }
    return out;
  }

  // ---- every row, across pages

  @ParameterizedTest(name = "{0} returns every row of {1}, {2} a page")
  @CsvSource({
    "escalations, /v2/escalations, 7",
    "escalation_paths, /v2/escalation_paths, 2",
    "schedules, /v2/schedules, 1",
    "teams, /v3/teams, 3",
    "workflow_runs, /v2/workflow_runs, 9",
    "catalog_entries, /v3/catalog_entries, 2",
  })
  void aPagedTableReturnsEveryRowAcrossPages(String table, String path, int served)
      throws Exception {
    sim.setServedPageSize(path, served);
    try {
      sim.requestLog().clear();
      Set<String> expected = ids(objects(path));
      assertTrue(expected.size() > served, "the data fills more than one page of " + table);
      assertEquals(expected, idsThroughJdbc(table));
      long pages = sim.requestLog().lines().stream().filter(l -> l.startsWith("GET " + path + "?"))
          .filter(l -> l.contains("after=")).count();
      assertTrue(pages > 0, "further pages of " + table + ": " + sim.requestLog().lines());
    } finally {
      sim.setServedPageSize(path, Integer.MAX_VALUE);
    }
  }

  @ParameterizedTest(name = "{0} returns every row of {1}")
  @CsvSource({
    "catalog_types, /v3/catalog_types",
    "workflows, /v2/workflows",
    "incident_attachments, /v1/incident_attachments",
  })
  void anUnpagedTableReturnsEveryRow(String table, String path) throws Exception {
    assertEquals(ids(objects(path)), idsThroughJdbc(table));
  }

  @Test
  void followUpsAndActionsHoldEveryDocumentedModeOneRequestEach() throws Exception {
    for (String table : List.of("follow_ups", "actions")) {
      String path = "/v2/" + table;
      List<ObjectNode> rows = ofDocumentedModes(path);
      assertTrue(rows.size() < objects(path).size(), "the data has records of a mode no request"
          + " asks for, which must not be rows");
      Set<String> standard = sim.dataset().incidents().stream()
          .filter(i -> Set.of("standard", "retrospective").contains(i.path("mode").asText()))
          .map(i -> i.path("id").asText()).collect(Collectors.toSet());
      assertTrue(rows.stream().anyMatch(r -> !standard.contains(r.path("incident_id").asText())),
          "the data has records of test or tutorial incidents, which the API hides by default");
      sim.requestLog().clear();
      assertEquals(ids(rows), idsThroughJdbc(table));
      assertEquals(List.of("GET " + path + "?incident_mode=standard",
          "GET " + path + "?incident_mode=retrospective", "GET " + path + "?incident_mode=test",
          "GET " + path + "?incident_mode=tutorial"), sim.requestLog().lines());
    }
  }

  // ---- pushed filters

  @Test
  void followUpsOfAnIncident() {
    List<ObjectNode> rows = ofDocumentedModes("/v2/follow_ups");
    String incident = rows.get(0).path("incident_id").asText();
    fixture.sql("SELECT id, title FROM follow_ups WHERE incident_id = " + quote(incident))
        .returnsCount(count(rows, r -> r.path("incident_id").asText().equals(incident)))
        .requests(each("GET /v2/follow_ups?incident_id=" + incident));
  }

  @Test
  void followUpsOfATeam() {
    List<ObjectNode> rows = ofDocumentedModes("/v2/follow_ups");
    String team = rows.stream().filter(r -> r.has("assignee_team")).findFirst().orElseThrow()
        .path("assignee_team").path("id").asText();
    fixture.sql("SELECT id FROM follow_ups WHERE assignee_team_id = " + quote(team))
        .returnsCount(count(rows, r -> r.path("assignee_team").path("id").asText().equals(team)))
        .requests(each("GET /v2/follow_ups?assignee_team_id=" + team));
  }

  @Test
  void actionsOfAnIncident() {
    List<ObjectNode> rows = ofDocumentedModes("/v2/actions");
    String incident = rows.get(rows.size() - 1).path("incident_id").asText();
    fixture.sql("SELECT id, description FROM actions WHERE incident_id = " + quote(incident))
        .returnsCount(count(rows, r -> r.path("incident_id").asText().equals(incident)))
        .requests(each("GET /v2/actions?incident_id=" + incident));
  }

  /** A request once per documented incident mode. */
  private static String[] each(String request) {
    return List.of("standard", "retrospective", "test", "tutorial").stream()
        .map(m -> request + "&incident_mode=" + m).toArray(String[]::new);
  }

  @Test
  void escalationsByStatusAndPath() {
    List<ObjectNode> rows = objects("/v2/escalations");
    fixture.sql("SELECT id FROM escalations WHERE status IN ('acked', 'resolved')")
        .returnsCount(count(rows, r -> Set.of("acked", "resolved").contains(r.path("status").asText())))
        .requests("GET /v2/escalations?page_size=50&status[one_of]=acked&status[one_of]=resolved");
    String path = rows.stream().filter(r -> r.has("escalation_path_id")).findFirst().orElseThrow()
        .path("escalation_path_id").asText();
    fixture.sql("SELECT id FROM escalations WHERE escalation_path_id = " + quote(path))
        .returnsCount(count(rows, r -> r.path("escalation_path_id").asText().equals(path)))
        .requests("GET /v2/escalations?page_size=50&escalation_path[one_of]=" + path);
  }

  @Test
  void escalationsCreatedInARangeSendOneDateRange() {
    List<ObjectNode> rows = objects("/v2/escalations");
    fixture.sql("SELECT id FROM escalations WHERE created_at >= TIMESTAMP '2024-03-01 00:00:00'"
            + " AND created_at < TIMESTAMP '2024-06-01 00:00:00'")
        .returnsCount(count(rows, r -> r.path("created_at").asText().compareTo("2024-03-01") >= 0
            && r.path("created_at").asText().compareTo("2024-06-01") < 0))
        .requests("GET /v2/escalations?page_size=50&created_at[date_range]=2024-03-01~2024-06-01");
    fixture.sql("SELECT id FROM escalations WHERE updated_at >= TIMESTAMP '2024-10-01 00:00:00'")
        .returnsCount(count(rows, r -> r.path("updated_at").asText().compareTo("2024-10-01") >= 0))
        .requests("GET /v2/escalations?page_size=50&updated_at[gte]=2024-10-01");
  }

  @Test
  void catalogEntriesWithAndWithoutTheirType() {
    List<ObjectNode> entries = objects("/v3/catalog_entries");
    String type = entries.get(0).path("catalog_type_id").asText();
    fixture.sql("SELECT id, name FROM catalog_entries WHERE catalog_type_id = " + quote(type))
        .returnsCount(count(entries, e -> e.path("catalog_type_id").asText().equals(type)))
        .requests("GET /v3/catalog_entries?page_size=250&catalog_type_id=" + type);
    List<String> expected = new ArrayList<>(List.of("GET /v3/catalog_types"));
    objects("/v3/catalog_types").stream().map(t -> t.path("id").asText()).sorted()
        .forEach(id -> expected.add("GET /v3/catalog_entries?page_size=250&catalog_type_id=" + id));
    fixture.sql("SELECT id, catalog_type_id FROM catalog_entries")
        .returnsCount(entries.size())
        .requests(expected.toArray(new String[0]));
  }

  @Test
  void attachmentsOfAnIncidentAndOfAResourceType() {
    List<ObjectNode> rows = objects("/v1/incident_attachments");
    String incident = rows.get(0).path("incident_id").asText();
    fixture.sql("SELECT id FROM incident_attachments WHERE incident_id = " + quote(incident))
        .returnsCount(count(rows, r -> r.path("incident_id").asText().equals(incident)))
        .requests("GET /v1/incident_attachments?incident_id=" + incident);
    fixture.sql("SELECT id FROM incident_attachments WHERE resource_resource_type = 'jira_issue'")
        .returnsCount(count(rows,
            r -> r.path("resource").path("resource_type").asText().equals("jira_issue")))
        .requests("GET /v1/incident_attachments?resource_type=jira_issue");
  }

  @Test
  void workflowRunsByWorkflowIncidentAndCreation() {
    List<ObjectNode> runs = objects("/v2/workflow_runs");
    String workflow = runs.get(0).path("workflow_id").asText();
    fixture.sql("SELECT id FROM workflow_runs WHERE workflow_id = " + quote(workflow))
        .returnsCount(count(runs, r -> r.path("workflow_id").asText().equals(workflow)))
        .requests("GET /v2/workflow_runs?page_size=50&workflow_id=" + workflow);
    String incident = runs.get(1).path("incident_id").asText();
    fixture.sql("SELECT id FROM workflow_runs WHERE incident_id = " + quote(incident))
        .returnsCount(count(runs, r -> r.path("incident_id").asText().equals(incident)))
        .requests("GET /v2/workflow_runs?page_size=50&incident_id=" + incident);
    fixture.sql("SELECT id FROM workflow_runs WHERE created_at >= TIMESTAMP '2024-07-01 00:00:00'")
        .returnsCount(count(runs, r -> r.path("created_at").asText().compareTo("2024-07-01") >= 0))
        .requests("GET /v2/workflow_runs?page_size=50&created_at[gte]=2024-07-01");
  }

  // ---- schedule entries: a parent key the rows do not carry, and a window

  private static List<ObjectNode> schedules() {
    return objects("/v2/schedules");
  }

  /** The entries of schedule {@code i} that overlap [from, to), as the endpoint selects them. */
  private static List<ObjectNode> entriesOverlapping(int i, String from, String to) {
    return sim.dataset().scheduleEntries(i, java.time.Instant.parse(from),
        java.time.Instant.parse(to));
  }

  @Test
  void whoWasOnCallAtAnInstantSendsItsDayAsTheWindow() {
    String scheduleId = schedules().get(0).path("id").asText();
    String at = "2024-06-12T09:30:00Z";
    List<ObjectNode> onCall = entriesOverlapping(0, at, "2024-06-12T09:30:00.000001Z");
    assertEquals(1, onCall.size(), "one weekly shift holds the instant");
    // The table holds the entries of the window the query asks for, so without pushdown (and its
    // default window) the rows differ: they are compared with the data instead.
    PushdownFixture.Result r = fixture.execute("SELECT schedule_id, user_id, start_at FROM"
        + " schedule_entries WHERE schedule_id = " + quote(scheduleId)
        + " AND start_at <= TIMESTAMP '2024-06-12 09:30:00'"
        + " AND end_at > TIMESTAMP '2024-06-12 09:30:00'", true);
    assertEquals(1, r.rows().size());
    assertEquals(List.of(
        "GET /v2/schedule_entries?schedule_id=" + scheduleId
            + "&entry_window_start=2024-06-11T00:00:00Z&entry_window_end=2024-06-14T00:00:00Z"),
        r.requests());
    List<List<Object>> rows = fixture.execute("SELECT schedule_id, user_id FROM schedule_entries"
        + " WHERE schedule_id = " + quote(scheduleId) + " AND start_at <= TIMESTAMP"
        + " '2024-06-12 09:30:00' AND end_at > TIMESTAMP '2024-06-12 09:30:00'", true).rows();
    assertEquals(List.of(List.of(scheduleId, onCall.get(0).path("user").path("id").asText())),
        rows, "the schedule_id column is the one the request sent");
  }

  @Test
  void withoutAScheduleEachIsReadAcrossPagesOverTheWindowInWhere() throws Exception {
    sim.setServedPageSize("/v2/schedule_entries", 4);
    try {
      List<String> ids = schedules().stream().map(s -> s.path("id").asText()).sorted().toList();
      String where = " WHERE end_at >= TIMESTAMP '2024-03-01 00:00:00'"
          + " AND start_at < TIMESTAMP '2024-05-01 00:00:00'";
      List<List<Object>> expected = new ArrayList<>();
      for (int i = 0; i < schedules().size(); i++) {
        String id = schedules().get(i).path("id").asText();
        entriesOverlapping(i, "2024-02-29T23:59:59.999999Z", "2024-05-01T00:00:00Z").forEach(
            e -> expected.add(List.of(id, e.path("entry_id").asText())));
      }
      PushdownFixture.Result run = fixture.execute("SELECT schedule_id, entry_id FROM"
          + " schedule_entries" + where, true);
      assertEquals(PushdownFixture.multiset(expected), PushdownFixture.multiset(run.rows()));
      List<String> lines = run.requests();
      assertEquals("GET /v2/schedules?page_size=10000", lines.get(0));
      Set<String> firsts = new TreeSet<>();
      for (String line : lines.subList(1, lines.size())) {
        assertTrue(line.contains("&entry_window_end=2024-05-02T00:00:00Z"), line);
        if (line.contains("entry_window_start=2024-02-29T00:00:00Z")) {
          firsts.add(line);
        }
      }
      List<String> expectedFirsts = new ArrayList<>();
      ids.forEach(id -> expectedFirsts.add("GET /v2/schedule_entries?schedule_id=" + id
          + "&entry_window_start=2024-02-29T00:00:00Z&entry_window_end=2024-05-02T00:00:00Z"));
      assertEquals(new TreeSet<>(expectedFirsts), firsts);
      assertTrue(lines.size() > 1 + ids.size(), "further pages carry the cursor: " + lines);
    } finally {
      sim.setServedPageSize("/v2/schedule_entries", Integer.MAX_VALUE);
    }
  }

  @Test
  void withoutBoundsTheWindowIsTheDocumentedDefault() {
    String scheduleId = schedules().get(1).path("id").asText();
    java.time.LocalDate before = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    PushdownFixture.Run run = fixture.sql("SELECT entry_id FROM schedule_entries"
        + " WHERE schedule_id = " + quote(scheduleId));
    java.time.LocalDate after = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    List<String> allowed = new ArrayList<>();
    for (java.time.LocalDate today : new TreeSet<>(List.of(before, after))) {
      allowed.add("GET /v2/schedule_entries?schedule_id=" + scheduleId + "&entry_window_start="
          + today.minusDays(365) + "T00:00:00Z&entry_window_end=" + today.plusDays(30)
          + "T00:00:00Z");
    }
    assertEquals(1, run.requestLines().size(), run.requestLines().toString());
    assertTrue(allowed.contains(run.requestLines().get(0)), run.requestLines().toString());
    run.sameRowsAsWithoutPushdown();
  }

  // ---- keys in metadata

  @Test
  void primaryAndForeignKeysAreInMetadata() throws Exception {
    Map<String, List<String>> expected = Map.ofEntries(
        Map.entry("follow_ups", List.of("incident_id -> incidents", "assignee_id -> users",
            "assignee_team_id -> teams", "creator_alert_id -> alerts",
            "creator_user_id -> users", "creator_workflow_id -> workflows")),
        Map.entry("actions", List.of("incident_id -> incidents", "assignee_id -> users",
            "creator_alert_id -> alerts", "creator_user_id -> users",
            "creator_workflow_id -> workflows")),
        Map.entry("escalations", List.of("escalation_path_id -> escalation_paths",
            "creator_alert_id -> alerts", "creator_user_id -> users",
            "creator_workflow_id -> workflows")),
        Map.entry("catalog_entries", List.of("catalog_type_id -> catalog_types")),
        Map.entry("teams", List.of("catalog_entry_id -> catalog_entries")),
        Map.entry("incident_attachments", List.of("incident_id -> incidents")),
        Map.entry("workflow_runs", List.of("workflow_id -> workflows", "incident_id -> incidents")),
        Map.entry("schedule_entries", List.of("schedule_id -> schedules", "user_id -> users")),
        Map.entry("escalation_paths", List.of()),
        Map.entry("schedules", List.of()),
        Map.entry("catalog_types", List.of()),
        Map.entry("workflows", List.of()));
    try (Connection c = fixture.connect(true)) {
      DatabaseMetaData md = c.getMetaData();
      for (Map.Entry<String, List<String>> e : expected.entrySet()) {
        try (ResultSet rs = md.getPrimaryKeys(null, null, e.getKey())) {
          assertTrue(rs.next(), e.getKey() + " has a primary key");
          assertEquals(e.getKey().equals("schedule_entries") ? "entry_id" : "id",
              rs.getString("COLUMN_NAME"), e.getKey());
        }
        Set<String> keys = new HashSet<>();
        try (ResultSet rs = md.getImportedKeys(null, null, e.getKey())) {
          while (rs.next()) {
            keys.add(rs.getString("FKCOLUMN_NAME") + " -> " + rs.getString("PKTABLE_NAME"));
          }
        }
        assertEquals(new HashSet<>(e.getValue()), keys, e.getKey());
      }
    }
  }
}
