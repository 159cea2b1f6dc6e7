package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of what the catalog adds: filters by name and rank resolved through a lookup
 * table, incidents by id and by reference, and a table whose endpoint needs a parent key. Each
 * asserts the rows (the same as with pushdown off, and counted from the simulator's data) and the
 * exact requests the simulator received.
 */
class CatalogGoldenTest {
  private static final String MODES = SimulatorConnections.EVERY_MODE_AND_CATEGORY;

  private static Simulator sim;
  private static PushdownFixture fixture;
  private static List<ObjectNode> incidents;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(11).scale(300, 200, 150, 400).unlimitedRate());
    fixture = new PushdownFixture(sim);
    incidents = SimulatorConnections.tableIncidents(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static PushdownFixture.Run sql(String sql) {
    return fixture.sql(sql);
  }

  private static int incidentsWhere(Predicate<ObjectNode> p) {
    return (int) incidents.stream().filter(p).count();
  }

  private static ObjectNode severityWithIncidents() {
    return sim.dataset().severities().stream()
        .filter(s -> incidentsWhere(i -> i.path("severity").path("id").asText()
            .equals(s.path("id").asText())) > 0)
        .findFirst().orElseThrow();
  }

  private static List<ObjectNode> severitiesByRank() {
    List<ObjectNode> out = new ArrayList<>(sim.dataset().severities());
    out.sort(Comparator.comparingLong(s -> s.path("rank").asLong()));
    return out;
  }

  private static long rank(ObjectNode incident) {
    return incident.path("severity").path("rank").asLong(Long.MIN_VALUE);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  // ---- names and ranks

  @Test
  void aSeverityNameIsLookedUpThenSentAsItsId() {
    ObjectNode s = severityWithIncidents();
    String name = s.path("name").asText();
    sql("SELECT reference FROM incidents WHERE severity_name = " + quote(name))
        .returnsCount(incidentsWhere(i -> i.path("severity").path("name").asText().equals(name)))
        .requests("GET /v1/severities",
            "GET /v2/incidents?page_size=250&severity[one_of]=" + s.path("id").asText() + "&" + MODES)
        .explainContains("GET /v1/severities (lookup), then GET /v2/incidents?"
            + "page_size=250&severity[one_of]=<severities.id where name = " + quote(name) + ">");
  }

  @Test
  void aCountBySeverityNameSendsTheLookupAndOneCount() {
    ObjectNode s = severityWithIncidents();
    String name = s.path("name").asText();
    long n = incidentsWhere(i -> i.path("severity").path("name").asText().equals(name));
    sql("SELECT COUNT(*) FROM incidents WHERE severity_name = " + quote(name))
        .returns(List.of(n))
        .requests("GET /v1/severities",
            "GET /v2/incidents?page_size=1&severity[one_of]=" + s.path("id").asText() + "&" + MODES);
  }

  @Test
  void aNameThatMatchesNothingSendsOnlyTheLookup() {
    sql("SELECT reference FROM incidents WHERE severity_name = 'No such severity'")
        .returnsCount(0)
        .requests("GET /v1/severities");
  }

  @Test
  void severalNamesBecomeOneListOfIds() {
    List<ObjectNode> sev = severitiesByRank();
    String a = sev.get(0).path("name").asText();
    String b = sev.get(1).path("name").asText();
    List<String> ids = new ArrayList<>(List.of(sev.get(0).path("id").asText(), sev.get(1).path("id").asText()));
    ids.sort(null);
    sql("SELECT reference FROM incidents WHERE severity_name IN (" + quote(a) + ", " + quote(b) + ")")
        .returnsCount(incidentsWhere(i -> List.of(a, b).contains(i.path("severity").path("name").asText())))
        .requests("GET /v1/severities", "GET /v2/incidents?page_size=250&severity[one_of]=" + ids.get(0)
            + "&severity[one_of]=" + ids.get(1) + "&" + MODES);
  }

  @Test
  void aRankBoundIsSentAsTheSeverityThatBoundsIt() {
    List<ObjectNode> sev = severitiesByRank();
    long r = sev.get(1).path("rank").asLong();
    sql("SELECT reference FROM incidents WHERE severity_rank >= " + r)
        .returnsCount(incidentsWhere(i -> i.path("severity").has("rank") && rank(i) >= r))
        .requests("GET /v1/severities", "GET /v2/incidents?page_size=250&severity[gte]="
            + sev.get(1).path("id").asText() + "&" + MODES);
    // Strictly below the highest rank: at most the one just under it.
    long top = sev.get(sev.size() - 1).path("rank").asLong();
    sql("SELECT reference FROM incidents WHERE severity_rank < " + top)
        .returnsCount(incidentsWhere(i -> i.path("severity").has("rank") && rank(i) < top))
        .requests("GET /v1/severities", "GET /v2/incidents?page_size=250&severity[lte]="
            + sev.get(sev.size() - 2).path("id").asText() + "&" + MODES);
  }

  @Test
  void aRankRangeSendsItsLowerBoundAndChecksTheRestLocally() {
    List<ObjectNode> sev = severitiesByRank();
    long lo = sev.get(1).path("rank").asLong();
    long hi = sev.get(2).path("rank").asLong();
    sql("SELECT reference FROM incidents WHERE severity_rank BETWEEN " + lo + " AND " + hi)
        .returnsCount(incidentsWhere(i -> i.path("severity").has("rank") && rank(i) >= lo && rank(i) <= hi))
        .requests("GET /v1/severities", "GET /v2/incidents?page_size=250&severity[gte]="
            + sev.get(1).path("id").asText() + "&" + MODES);
  }

  @Test
  void aRankAboveEverySeveritySendsOnlyTheLookup() {
    long top = severitiesByRank().get(sim.dataset().severities().size() - 1).path("rank").asLong();
    sql("SELECT reference FROM incidents WHERE severity_rank > " + top)
        .returnsCount(0)
        .requests("GET /v1/severities");
  }

  @Test
  void statusAndTypeNamesAreLookedUpToo() {
    ObjectNode status = sim.dataset().incidentStatuses().stream()
        .filter(st -> incidentsWhere(i -> i.path("incident_status").path("id").asText()
            .equals(st.path("id").asText())) > 0)
        .findFirst().orElseThrow();
    String sname = status.path("name").asText();
    sql("SELECT reference FROM incidents WHERE incident_status_name = " + quote(sname))
        .returnsCount(incidentsWhere(i -> i.path("incident_status").path("name").asText().equals(sname)))
        .requests("GET /v1/incident_statuses", "GET /v2/incidents?page_size=250&status[one_of]="
            + status.path("id").asText() + "&" + MODES);
    ObjectNode type = sim.dataset().incidentTypes().stream()
        .filter(t -> incidentsWhere(i -> i.path("incident_type").path("id").asText()
            .equals(t.path("id").asText())) > 0)
        .findFirst().orElseThrow();
    String tname = type.path("name").asText();
    sql("SELECT reference FROM incidents WHERE incident_type_name = " + quote(tname))
        .returnsCount(incidentsWhere(i -> i.path("incident_type").path("name").asText().equals(tname)))
        .requests("GET /v1/incident_types", "GET /v2/incidents?page_size=250&incident_type[one_of]="
            + type.path("id").asText() + "&" + MODES);
  }

  @Test
  void aConnectionReusesItsLookupWithinTheTimeToLive() throws Exception {
    ObjectNode s = severityWithIncidents();
    String where = " FROM incidents WHERE severity_name = " + quote(s.path("name").asText());
    try (Connection c = fixture.connect(true)) {
      fixture.execute(c, "SELECT reference" + where);
      // Another incidents request, and the lookup's answer from the response cache.
      PushdownFixture.Result count = fixture.execute(c, "SELECT COUNT(*)" + where);
      assertEquals(List.of("GET /v2/incidents?page_size=1&severity[one_of]="
          + s.path("id").asText() + "&" + MODES), count.requests());
    }
  }

  @Test
  void withoutTheCacheEachQueryReadsTheLookupAgain() throws Exception {
    ObjectNode s = severityWithIncidents();
    String sql = "SELECT reference FROM incidents WHERE severity_name = " + quote(s.path("name").asText());
    try (Connection c = fixture.connect(true, SimulatorConnections.NO_CACHE)) {
      fixture.execute(c, sql);
      PushdownFixture.Result again = fixture.execute(c, sql);
      assertEquals(List.of("GET /v1/severities", "GET /v2/incidents?page_size=250&severity[one_of]="
          + s.path("id").asText() + "&" + MODES), again.requests());
    }
  }

  // ---- incidents by id and by reference

  @Test
  void anIncidentByIdIsOneShowRequest() {
    ObjectNode i = incidents.get(7);
    String id = i.path("id").asText();
    sql("SELECT reference, name FROM incidents WHERE id = " + quote(id))
        .returns(List.of(i.path("reference").asText(), i.path("name").asText()))
        .requests("GET /v2/incidents/" + id)
        .explainContains("requests=[GET /v2/incidents/" + id + "]");
  }

  @Test
  void incidentsByReferenceAskForTheNumberAndCheckTheWholeReference() {
    ObjectNode a = incidents.get(3);
    ObjectNode b = incidents.get(9);
    String ra = a.path("reference").asText();
    String rb = b.path("reference").asText();
    String na = ra.substring(ra.lastIndexOf('-') + 1);
    String nb = rb.substring(rb.lastIndexOf('-') + 1);
    List<String> sorted = new ArrayList<>(List.of(ra, rb));
    sorted.sort(null);
    List<String> paths = new ArrayList<>();
    for (String r : sorted) {
      paths.add("GET /v2/incidents/" + r.substring(r.lastIndexOf('-') + 1));
    }
    sql("SELECT id FROM incidents WHERE reference IN (" + quote(ra) + ", " + quote(rb) + ")")
        .returnsCount(2)
        .requests(paths.toArray(new String[0]));
    // Another prefix reaches the same incident, which then does not match.
    sql("SELECT id FROM incidents WHERE reference = " + quote("XYZ-" + na))
        .returnsCount(0)
        .requests("GET /v2/incidents/" + na);
    assertTrue(!na.equals(nb));
  }

  @Test
  void anUnknownIncidentIdIsNoRow() {
    sql("SELECT id FROM incidents WHERE id = '01NOSUCHINCIDENT0000000000'")
        .returnsCount(0)
        .requests("GET /v2/incidents/01NOSUCHINCIDENT0000000000");
  }

  @Test
  void anIdThatIsANumberIsNotLookedUpSinceTheApiReadsItAsAReference() {
    // GET /v2/incidents/3 answers INC-3, whatever its id: no incident has the id "3".
    sql("SELECT id FROM incidents WHERE id = '3'")
        .returnsCount(0)
        .requestsThenPages(0, "GET /v2/incidents?page_size=250&" + MODES);
  }

  @Test
  void aReferenceWithoutANumberIsNotLookedUp() {
    sql("SELECT id FROM incidents WHERE reference = 'not-a-reference'")
        .returnsCount(0)
        .requestsThenPages(0, "GET /v2/incidents?page_size=250&" + MODES);
  }

  // ---- a table whose endpoint needs a parent key

  @Test
  void optionsOfOneCustomFieldAreOneRequestSequence() {
    ObjectNode field = sim.dataset().customFields().stream()
        .filter(f -> sim.dataset().customFieldOptions().stream()
            .anyMatch(o -> o.path("custom_field_id").asText().equals(f.path("id").asText())))
        .findFirst().orElseThrow();
    String id = field.path("id").asText();
    int n = (int) sim.dataset().customFieldOptions().stream()
        .filter(o -> o.path("custom_field_id").asText().equals(id)).count();
    sql("SELECT id, \"value\" FROM custom_field_options WHERE custom_field_id = " + quote(id))
        .returnsCount(n)
        .requests("GET /v1/custom_field_options?page_size=250&custom_field_id=" + id)
        .explainContains("requests=[GET /v1/custom_field_options?page_size=250&custom_field_id=" + id + "]");
  }

  @Test
  void withoutTheParentKeyEveryCustomFieldIsListedFirst() {
    List<String> expected = new ArrayList<>();
    expected.add("GET /v2/custom_fields");
    List<String> ids = new ArrayList<>();
    sim.dataset().customFields().forEach(f -> ids.add(f.path("id").asText()));
    ids.sort(null);
    for (String id : ids) {
      expected.add("GET /v1/custom_field_options?page_size=250&custom_field_id=" + id);
    }
    sql("SELECT id, custom_field_id, \"value\" FROM custom_field_options")
        .returnsCount(sim.dataset().customFieldOptions().size())
        .requests(expected.toArray(new String[0]))
        .explainContains("GET /v2/custom_fields (lookup), then "
            + "GET /v1/custom_field_options?page_size=250&custom_field_id=<each custom_fields.id>");
  }

  // ---- every new table, every row

  @Test
  void everyLookupTableReturnsEveryRowItsEndpointLists() throws Exception {
    try (Connection c = fixture.connect(true); Statement s = c.createStatement()) {
      assertEquals(sim.dataset().severities().size(), count(s, "severities"));
      assertEquals(sim.dataset().incidentStatuses().size(), count(s, "incident_statuses"));
      assertEquals(sim.dataset().incidentTypes().size(), count(s, "incident_types"));
      assertEquals(sim.dataset().incidentRoles().size(), count(s, "incident_roles"));
      assertEquals(sim.dataset().incidentTimestamps().size(), count(s, "incident_timestamps"));
      assertEquals(sim.dataset().customFields().size(), count(s, "custom_fields"));
      assertEquals(sim.dataset().customFieldOptions().size(), count(s, "custom_field_options"));
      assertEquals(sim.dataset().users().size(), count(s, "users"));
      assertEquals(sim.dataset().alertSources().size(), count(s, "alert_sources"));
      assertEquals(sim.dataset().alertAttributes().size(), count(s, "alert_attributes"));
    }
  }

  @Test
  void pagedLookupTablesFollowTheirCursorsAcrossPages() {
    int users = sim.dataset().users().size();
    sim.setServedPageSize("/v2/users", 5);
    try {
      List<String> pages = new ArrayList<>();
      pages.add("GET /v2/users?page_size=10000&include_inactive=true");
      for (int i = 1; i < (users + 4) / 5; i++) {
        pages.add("GET /v2/users?page_size=10000&include_inactive=true&after=…");
      }
      assertTrue(pages.size() >= 3, "the users span pages: " + users);
      sql("SELECT id, name FROM users").returnsCount(users).requests(pages.toArray(new String[0]));
    } finally {
      sim.setServedPageSize("/v2/users", 10_000);
    }
    ObjectNode field = sim.dataset().customFields().stream()
        .max(Comparator.comparingLong(f -> sim.dataset().customFieldOptions().stream()
            .filter(o -> o.path("custom_field_id").asText().equals(f.path("id").asText())).count()))
        .orElseThrow();
    String id = field.path("id").asText();
    int options = (int) sim.dataset().customFieldOptions().stream()
        .filter(o -> o.path("custom_field_id").asText().equals(id)).count();
    assertTrue(options >= 3, "the field has options over several pages: " + options);
    sim.setServedPageSize("/v1/custom_field_options", 2);
    try {
      List<String> pages = new ArrayList<>();
      pages.add("GET /v1/custom_field_options?page_size=250&custom_field_id=" + id);
      for (int i = 1; i < (options + 1) / 2; i++) {
        pages.add("GET /v1/custom_field_options?page_size=250&custom_field_id=" + id + "&after=…");
      }
      sql("SELECT id FROM custom_field_options WHERE custom_field_id = " + quote(id))
          .returnsCount(options).requests(pages.toArray(new String[0]));
    } finally {
      sim.setServedPageSize("/v1/custom_field_options", 250);
    }
  }

  @Test
  void deactivatedUsersAreRowsAndEmailIsPushed() {
    long inactive = sim.dataset().users().stream().filter(u -> !u.path("is_active").asBoolean(true)).count();
    assertTrue(inactive > 0, "the data has deactivated users");
    sql("SELECT id FROM users WHERE NOT is_active").returnsCount((int) inactive);
    ObjectNode u = sim.dataset().users().stream().filter(x -> x.hasNonNull("email")).findFirst().orElseThrow();
    String email = u.path("email").asText();
    sql("SELECT id FROM users WHERE email = " + quote(email))
        .returns(List.of(u.path("id").asText()))
        .requests("GET /v2/users?page_size=10000&email=" + email + "&include_inactive=true");
  }

  @Test
  void anAlertSourcesSecretTokenIsNeverAColumnNorReturned() throws Exception {
    assertTrue(sim.dataset().alertSources().stream().anyMatch(a -> a.has("secret_token")),
        "the simulator sends secret tokens");
    try (Connection c = fixture.connect(true); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM alert_sources")) {
      StringBuilder all = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        assertTrue(!rs.getMetaData().getColumnName(i).toLowerCase().contains("secret"));
      }
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          all.append(rs.getString(i)).append('|');
        }
      }
      for (ObjectNode a : sim.dataset().alertSources()) {
        if (a.has("secret_token")) {
          assertTrue(!all.toString().contains(a.path("secret_token").asText()));
        }
      }
    }
  }

  private static long count(Statement s, String table) throws Exception {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
