package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of pushdown into the link tables (incident alerts, incident updates), of column
 * pruning and joins, and of the {@code pushdown} connection property: rows, exact requests and
 * EXPLAIN text, as in {@link PushdownGoldenTest}.
 */
class PushdownLinksGoldenTest {
  private static Simulator sim;
  private static PushdownFixture fixture;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(11).scale(300, 200, 150, 400).unlimitedRate());
    fixture = new PushdownFixture(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static PushdownFixture.Run sql(String sql) {
    return fixture.sql(sql);
  }

  // ---- incident alerts and incident updates

  @Test
  void incidentAlertsByIncidentIdSendIncidentId() {
    ObjectNode link = sim.dataset().incidentAlerts().get(0);
    String id = link.path("incident").path("id").asText();
    int n = (int) sim.dataset().incidentAlerts().stream()
        .filter(l -> l.path("incident").path("id").asText().equals(id)).count();
    sql("select id, alert_id from incident_alerts where incident_id = '" + id + "'")
        .returnsCount(n)
        .requests("GET /v2/incident_alerts?page_size=50&incident_id=" + id);
  }

  @Test
  void incidentAlertsByAlertIdSendAlertId() {
    String id = sim.dataset().incidentAlerts().get(1).path("alert").path("id").asText();
    sql("select incident_id from incident_alerts where alert_id = '" + id + "'")
        .returnsSome()
        .requests("GET /v2/incident_alerts?page_size=50&alert_id=" + id);
  }

  @Test
  void incidentAlertsByTwoIncidentsAreTwoRequestSequences() {
    String a = sim.dataset().incidentAlerts().get(0).path("incident").path("id").asText();
    String b = sim.dataset().incidentAlerts().get(5).path("incident").path("id").asText();
    String first = a.compareTo(b) < 0 ? a : b;
    String second = a.compareTo(b) < 0 ? b : a;
    sql("select id from incident_alerts where incident_id in ('" + a + "', '" + b + "')")
        .returnsSome()
        .requests("GET /v2/incident_alerts?page_size=50&incident_id=" + first,
            "GET /v2/incident_alerts?page_size=50&incident_id=" + second);
  }

  @Test
  void incidentUpdatesByIncidentIdSendIncidentId() {
    String id = sim.dataset().incidentUpdates().get(0).path("incident_id").asText();
    int n = (int) sim.dataset().incidentUpdates().stream()
        .filter(u -> u.path("incident_id").asText().equals(id)).count();
    sql("select id, message from incident_updates where incident_id = '" + id + "'")
        .returnsCount(n)
        .requests("GET /v2/incident_updates?page_size=250&incident_id=" + id);
  }

  @Test
  void incidentUpdatesOfTwoIncidentsAreTwoRequestSequences() {
    String a = sim.dataset().incidentUpdates().get(0).path("incident_id").asText();
    String b = sim.dataset().incidentUpdates().stream().map(u -> u.path("incident_id").asText())
        .filter(x -> !x.equals(a)).findFirst().orElseThrow();
    String first = a.compareTo(b) < 0 ? a : b;
    String second = a.compareTo(b) < 0 ? b : a;
    sql("select id from incident_updates where incident_id in ('" + a + "', '" + b + "')")
        .returnsSome()
        .requests("GET /v2/incident_updates?page_size=250&incident_id=" + first,
            "GET /v2/incident_updates?page_size=250&incident_id=" + second);
  }

  // ---- projection and joins

  @Test
  void onlyTheColumnsAQueryReadsAreConverted() {
    sql("select id, upper(title) from alerts where status = 'resolved'")
        .returnsSome()
        .explainContains("fields=[id, title]");
  }

  @Test
  void eachSideOfAJoinPushesItsOwnFilters() {
    // Standard incidents are more keys than a scan of the updates is estimated at: both scanned.
    sql("select i.reference, u.id from incidents i join incident_updates u on u.incident_id = i.id"
            + " where i.mode = 'standard'")
        .returnsSome()
        .requests("GET /v2/incidents?page_size=250&mode[one_of]=standard"
                + "&status_category[one_of]=triage&status_category[one_of]=live"
                + "&status_category[one_of]=learning&status_category[one_of]=paused"
                + "&status_category[one_of]=closed&status_category[one_of]=declined"
                + "&status_category[one_of]=canceled&status_category[one_of]=merged",
            "GET /v2/incident_updates?page_size=250",
            "GET /v2/incident_updates?page_size=250&after=…")
        .explainContains("mode[one_of]=standard");
  }

  // ---- the pushdown property

  @Test
  void withPushdownOffEveryTableIsReadWholeAndFilteredLocally() throws Exception {
    try (java.sql.Connection c = fixture.connect(false);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(
            "explain plan for select id from alerts where status = 'firing' limit 5")) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      assertTrue(plan.contains("requests=[GET /v2/alerts?page_size=50]"), plan);
      assertTrue(plan.contains("EnumerableLimit"), plan);
      assertTrue(plan.contains("'firing'"), plan);
    }
  }

  @Test
  void aPushdownValueOtherThanTrueOrFalseIsRefused() {
    java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.sql.SQLException.class,
        () -> java.sql.DriverManager.getConnection(SimulatorConnections.url(sim) + ";pushdown=maybe",
            "", SimulatorConnections.TEST_KEY));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("'maybe' for connection property pushdown"), e.getMessage());
  }

  @Test
  void noGoldenQuerySendsMoreRequestsThanWithoutPushdown() {
    PushdownFixture.Run run = sql("select id from alerts where status = 'firing' limit 1");
    run.noMoreRequestsThanWithoutPushdown();
    assertEquals(1, run.requestLines().size());
  }
}
