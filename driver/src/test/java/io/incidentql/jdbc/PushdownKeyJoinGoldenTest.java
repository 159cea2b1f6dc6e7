package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of joins that read one side by the keys of the other: the exact requests, the
 * EXPLAIN text, and rows equal to those without pushdown; and of joins where a scan of the other
 * side costs less and is kept.
 */
class PushdownKeyJoinGoldenTest {
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

  /** The incident with the most alert links, and its links in the API's order. */
  private static Map.Entry<String, List<ObjectNode>> incidentWithMostLinks() {
    Map<String, List<ObjectNode>> byIncident = sim.dataset().incidentAlerts().stream()
        .collect(Collectors.groupingBy(l -> PushdownFixture.text(l, "incident", "id")));
    return byIncident.entrySet().stream()
        .max(java.util.Comparator.comparingInt(e -> e.getValue().size())).orElseThrow();
  }

  @Test
  void linksThenAlertsByIdAreOneRequestPlusOnePerLinkedAlert() {
    String incident = incidentWithMostLinks().getKey();
    // The links in the order the API lists them, by asking it.
    List<List<Object>> links = fixture.execute(
        "select alert_id from incident_alerts where incident_id = '" + incident + "'", true).rows();
    assertTrue(links.size() >= 2, "an incident with several alerts: " + links);
    List<String> expected = new ArrayList<>();
    expected.add("GET /v2/incident_alerts?page_size=50&incident_id=" + incident);
    Set<Object> alerts = new LinkedHashSet<>();
    links.forEach(l -> alerts.add(l.get(0)));
    alerts.forEach(a -> expected.add("GET /v2/alerts/" + a));
    fixture.sql("SELECT a.title, a.status FROM incident_alerts ia JOIN alerts a ON a.id = ia.alert_id"
            + " WHERE ia.incident_id = '" + incident + "'")
        .returnsCount(links.size())
        .requests(expected.toArray(String[]::new))
        .explainContains("IncidentIoKeyJoin(table=[[incidentio, alerts]], joinType=[inner]",
            "requests=[for each key of alert_id: GET /v2/alerts/{alert_id};"
                + " past 200 keys, one scan instead: GET /v2/alerts?page_size=50]");
  }

  @Test
  void theSameJoinWrittenTheOtherWayRoundReadsTheAlertsByIdToo() {
    String incident = incidentWithMostLinks().getKey();
    int links = incidentWithMostLinks().getValue().size();
    PushdownFixture.Run run = fixture.sql("SELECT ia.id, a.title FROM alerts a JOIN incident_alerts ia"
            + " ON a.id = ia.alert_id WHERE ia.incident_id = '" + incident + "'")
        .returnsCount(links)
        .explainContains("for each key of alert_id: GET /v2/alerts/{alert_id}");
    assertEquals(1 + links, run.requestLines().size(), run.toString());
  }

  @Test
  void incidentsFilteredThenTheirUpdatesAreOneRequestPerMatchingIncident() {
    ObjectNode first = sim.dataset().incidents().get(0);
    String severity = PushdownFixture.text(first, "severity", "id");
    String type = PushdownFixture.text(first, "incident_type", "id");
    List<List<Object>> matching = fixture.execute("select id from incidents where severity_id = '"
        + severity + "' and incident_type_id = '" + type + "'", true).rows();
    assertTrue(matching.size() >= 2, "several incidents match: " + matching);
    PushdownFixture.Run run = fixture.sql("SELECT i.reference, u.id FROM incidents i"
            + " JOIN incident_updates u ON u.incident_id = i.id"
            + " WHERE i.severity_id = '" + severity + "' AND i.incident_type_id = '" + type + "'")
        .returnsSome()
        .explainContains("for each key of id: GET /v2/incident_updates?page_size=250&incident_id={id}");
    List<String> got = run.requestLines();
    assertTrue(got.get(0).startsWith("GET /v2/incidents?page_size=250&incident_type[one_of]=" + type
        + "&severity[one_of]=" + severity), got.get(0));
    List<String> updates = new ArrayList<>();
    matching.forEach(m -> updates.add("GET /v2/incident_updates?page_size=250&incident_id=" + m.get(0)));
    assertEquals(updates, got.subList(1, got.size()), run.toString());
  }

  private static String incidentWithUpdates() {
    return PushdownFixture.text(sim.dataset().incidentUpdates().get(0), "incident_id");
  }

  private static String incidentWithoutUpdates() {
    Set<String> withUpdates = sim.dataset().incidentUpdates().stream()
        .map(u -> PushdownFixture.text(u, "incident_id")).collect(Collectors.toSet());
    return sim.dataset().incidents().stream().map(i -> PushdownFixture.text(i, "id"))
        .filter(id -> !withUpdates.contains(id)).findFirst().orElseThrow();
  }

  @Test
  void followUpsOfIncidentsOfOneSeverityAreReadWholeNotOneRequestPerIncident() {
    // The follow-ups endpoint sends all follow-ups of a mode in one answer: four requests, as
    // many as for one incident's follow-ups; a severity has many incidents.
    String severity = PushdownFixture.text(sim.dataset().incidents().get(0), "severity", "id");
    PushdownFixture.Run run = fixture.sql("SELECT i.reference, f.title FROM incidents i"
            + " JOIN follow_ups f ON f.incident_id = i.id WHERE i.severity_id = '" + severity + "'")
        .returnsSome()
        .explainContains("past 1 key, one scan instead: GET /v2/follow_ups?incident_mode=standard");
    assertEquals(List.of("GET /v2/follow_ups?incident_mode=standard",
            "GET /v2/follow_ups?incident_mode=retrospective",
            "GET /v2/follow_ups?incident_mode=test", "GET /v2/follow_ups?incident_mode=tutorial"),
        run.requestLines().stream()
        .filter(r -> r.startsWith("GET /v2/follow_ups")).toList(), run.toString());
  }

  @Test
  void aLeftJoinKeepsTheIncidentWithoutUpdates() {
    String with = incidentWithUpdates();
    String without = incidentWithoutUpdates();
    String a = with.compareTo(without) < 0 ? with : without;
    String b = with.compareTo(without) < 0 ? without : with;
    long updates = sim.dataset().incidentUpdates().stream()
        .filter(u -> PushdownFixture.text(u, "incident_id").equals(with)).count();
    PushdownFixture.Run run = fixture.sql("SELECT i.id, u.id FROM incidents i"
            + " LEFT JOIN incident_updates u ON u.incident_id = i.id"
            + " WHERE i.id IN ('" + with + "', '" + without + "')")
        .returnsCount((int) updates + 1)
        // The incidents first: two keys are fewer than a scan's requests, so they are sent.
        .requests("GET /v2/incidents/" + a, "GET /v2/incidents/" + b,
            "GET /v2/incident_updates?page_size=250&incident_id=" + a,
            "GET /v2/incident_updates?page_size=250&incident_id=" + b)
        .explainContains("joinType=[left]");
    assertTrue(run.rows().contains(Arrays.asList(without, null)), run.rows().toString());
  }

  @Test
  void aRightJoinWithTheFetchingTableOnTheLeftKeepsTheIncidentWithoutUpdates() {
    String with = incidentWithUpdates();
    String without = incidentWithoutUpdates();
    long updates = sim.dataset().incidentUpdates().stream()
        .filter(u -> PushdownFixture.text(u, "incident_id").equals(with)).count();
    PushdownFixture.Run run = fixture.sql("SELECT u.id, i.id FROM incident_updates u"
            + " RIGHT JOIN incidents i ON u.incident_id = i.id"
            + " WHERE i.id IN ('" + with + "', '" + without + "')")
        .returnsCount((int) updates + 1)
        .explainContains("joinType=[left]", "for each key of id");
    assertEquals(4, run.requestLines().size(), run.toString());
    assertTrue(run.rows().contains(Arrays.asList(null, without)), run.rows().toString());
  }

  @Test
  void aChildTableIsReadByItsParentsShowRequestPerKey() {
    String incident = incidentWithMostLinks().getKey();
    fixture.sql("SELECT ia.alert_id, r.incident_id FROM incident_alerts ia"
            + " JOIN incident_role_assignments r ON r.incident_id = ia.incident_id"
            + " WHERE ia.incident_id = '" + incident + "'")
        .returnsSome()
        .requests("GET /v2/incident_alerts?page_size=50&incident_id=" + incident,
            "GET /v2/incidents/" + incident)
        .explainContains("IncidentIoKeyJoin(table=[[incidentio, incident_role_assignments]]");
  }

  @Test
  void eachKeyIsAskedForOnce() {
    String incident = PushdownFixture.text(sim.dataset().incidentUpdates().get(0), "incident_id");
    long updates = sim.dataset().incidentUpdates().stream()
        .filter(u -> PushdownFixture.text(u, "incident_id").equals(incident)).count();
    assertTrue(updates >= 2, "an incident with several updates");
    fixture.sql("SELECT u.id, i.reference FROM incident_updates u JOIN incidents i ON i.id = u.incident_id"
            + " WHERE u.incident_id = '" + incident + "'")
        .returnsCount((int) updates)
        .requests("GET /v2/incident_updates?page_size=250&incident_id=" + incident,
            "GET /v2/incidents/" + incident);
  }

  @Test
  void aLimitStopsTheRequestsByKey() {
    String incident = incidentWithMostLinks().getKey();
    PushdownFixture.Run run = fixture.sql("SELECT a.title FROM incident_alerts ia"
        + " JOIN alerts a ON a.id = ia.alert_id WHERE ia.incident_id = '" + incident + "' LIMIT 1");
    assertEquals(1, run.rows().size());
    int links = incidentWithMostLinks().getValue().size();
    assertTrue(links > 3, "an incident with more than three alerts: " + links);
    // The links, the first alert, and the second: Calcite's LIMIT reads one row past the last.
    assertEquals(3, run.requestLines().size(), run.toString());
  }

  /** The ids of the incidents whose mode is {@code mode}, in the order the API lists them. */
  private static List<String> incidentsOfMode(String mode) {
    return fixture.execute("select id from incidents where mode = '" + mode + "'", true).rows()
        .stream().map(r -> (String) r.get(0)).toList();
  }

  @Test
  void aScanThatCostsLessIsKeptWhenTheKeysTurnOutMany() throws Exception {
    // Standard incidents are most of them: more keys than the 40 requests a scan of the updates
    // is estimated at. The join reads the incidents, counts the keys and scans the updates once:
    // the requests of the same query with join requests off.
    List<String> standard = incidentsOfMode("standard");
    assertTrue(standard.size() > 40, "more standard incidents than a scan's requests: " + standard.size());
    String sql = "select i.reference, u.id from incidents i join incident_updates u"
        + " on u.incident_id = i.id where i.mode = 'standard'";
    PushdownFixture.Run run = fixture.sql(sql)
        .returnsSome()
        .explainContains("past 40 keys, one scan instead: GET /v2/incident_updates?page_size=250");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(SimulatorConnections.url(sim)
        + ";joinRequests=false" + SimulatorConnections.NO_CACHE, "", SimulatorConnections.TEST_KEY)) {
      PushdownFixture.Result off = fixture.execute(c, sql);
      assertEquals(off.requests().stream().sorted().toList(),
          run.requestLines().stream().sorted().toList());
    }
    assertTrue(run.requestLines().get(0).startsWith("GET /v2/incidents?"), run.toString());
    assertTrue(run.requestLines().contains("GET /v2/incident_updates?page_size=250"), run.toString());
  }

  @Test
  void keysFewerThanEstimatedAreReadByKey() {
    // The planner guesses a tenth of the incidents for one mode, more keys than a scan of the
    // updates costs; the join counts the test incidents when it runs, and they are fewer.
    List<String> test = incidentsOfMode("test");
    assertTrue(test.size() >= 2 && test.size() <= 40, "a few test incidents: " + test.size());
    PushdownFixture.Run run = fixture.sql("select i.reference, u.id from incidents i"
            + " join incident_updates u on u.incident_id = i.id where i.mode = 'test'")
        .returnsSome()
        .explainContains("IncidentIoKeyJoin");
    List<String> got = run.requestLines();
    assertTrue(got.get(0).startsWith("GET /v2/incidents?page_size=250&mode[one_of]=test"), got.get(0));
    List<String> updates = new ArrayList<>();
    test.forEach(id -> updates.add("GET /v2/incident_updates?page_size=250&incident_id=" + id));
    assertEquals(updates, got.subList(1, got.size()), run.toString());
  }

  @Test
  void incidentsAreCountedBeforeManyAreReadByIdAndAShortScanIsRead() {
    // Follow-ups name many incidents (a LEFT JOIN keeps them the side read first). Reading
    // incidents by id is one request each, and their scan is estimated at 40; but the API counts
    // incidents, so from the third key the join asks the count (200 incidents: one page of 250)
    // and scans that one page instead.
    String every = SimulatorConnections.EVERY_MODE_AND_CATEGORY;
    PushdownFixture.Run run = fixture.sql("SELECT f.title, i.reference FROM follow_ups f"
            + " LEFT JOIN incidents i ON i.id = f.incident_id")
        .returnsSome()
        .explainContains("IncidentIoKeyJoin(table=[[incidentio, incidents]]",
            "past 2 keys, the rows are counted first to settle that number: GET /v2/incidents?page_size=1&" + every);
    // The first mode's follow-ups hold more than two keys: the count and the scan follow them.
    assertEquals(List.of("GET /v2/follow_ups?incident_mode=standard",
            "GET /v2/incidents?page_size=1&" + every, "GET /v2/incidents?page_size=250&" + every,
            "GET /v2/follow_ups?incident_mode=retrospective",
            "GET /v2/follow_ups?incident_mode=test", "GET /v2/follow_ups?incident_mode=tutorial"),
        run.requestLines());
  }

  /** The requests of the query with join requests off, in the order sent. */
  private static List<String> requestsWithJoinRequestsOff(String sql) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(SimulatorConnections.url(sim)
        + ";joinRequests=false" + SimulatorConnections.NO_CACHE, "", SimulatorConnections.TEST_KEY)) {
      return fixture.execute(c, sql).requests();
    }
  }

  @Test
  void aKeyThatCannotBeSentMakesTheJoinScanOnceAndSendNoKeys() throws Exception {
    // An empty key cannot be sent as a path segment, a parameter or a list value: it needs the
    // scan, which then answers the other keys too, so none of them is sent on its own.
    String alert = PushdownFixture.text(sim.dataset().alerts().get(0), "id");
    String source = PushdownFixture.text(sim.dataset().alerts().get(0), "alert_source_id");
    String incident = incidentWithUpdates();
    for (String[] join : List.of(
        new String[] {"alerts a ON a.id = v.k", alert},
        new String[] {"alerts a ON a.alert_source_id = v.k", source},
        new String[] {"incident_updates a ON a.incident_id = v.k", incident})) {
      String sql = "SELECT v.k, a.id FROM (VALUES CAST('' AS VARCHAR(30)), CAST(NULL AS VARCHAR(30)),"
          + " CAST('" + join[1] + "' AS VARCHAR(30))) v(k) LEFT JOIN " + join[0];
      PushdownFixture.Run run = fixture.sql(sql)
          .sameRowsAsWithoutPushdown()
          .explainContains("IncidentIoKeyJoin");
      assertEquals(requestsWithJoinRequestsOff(sql), run.requestLines(), sql);
    }
  }

  @Test
  void aKeyThatIsANumberIsNoIncidentIdAndIsMatchedAgainstTheScan() throws Exception {
    // GET /v2/incidents/1 answers INC-1, which has another id: sending the number would fail
    // the query on a row that is not the one asked for, where the scan finds no match.
    String incident = PushdownFixture.text(sim.dataset().incidents().get(0), "id");
    String sql = "SELECT v.k, i.reference FROM (VALUES CAST('1' AS VARCHAR(30)),"
        + " CAST('" + incident + "' AS VARCHAR(30))) v(k) LEFT JOIN incidents i ON i.id = v.k";
    PushdownFixture.Run run = fixture.sql(sql)
        .sameRowsAsWithoutPushdown()
        .returnsCount(2)
        .explainContains("IncidentIoKeyJoin(table=[[incidentio, incidents]]");
    assertEquals(requestsWithJoinRequestsOff(sql), run.requestLines(), sql);
  }

  /** The error of the query when the next incidents request is answered with {@code status}. */
  private static java.sql.SQLException failureWhenIncidentsAnswer(int status, String sql) {
    sim.faults().clear();
    sim.faults().next().onPath("/v2/incidents").status(status);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(SimulatorConnections.url(sim)
            + ";maxRetries=0" + SimulatorConnections.NO_CACHE, "", SimulatorConnections.TEST_KEY);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        // read every row
      }
    } catch (java.sql.SQLException e) {
      return e;
    } finally {
      sim.faults().clear();
    }
    throw new AssertionError("no failure: " + sql);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {401, 403, 422, 500})
  void theCountRequestOfAKeyJoinFailsAsTheSameCountDoes(int status) {
    // The follow-ups name many incidents, so the first incidents request is the join's count.
    java.sql.SQLException join = failureWhenIncidentsAnswer(status,
        "SELECT f.title, i.reference FROM follow_ups f LEFT JOIN incidents i ON i.id = f.incident_id");
    java.sql.SQLException count = failureWhenIncidentsAnswer(status, "SELECT COUNT(*) FROM incidents");
    assertEquals(count.getSQLState(), join.getSQLState(), join.getMessage());
    assertTrue(join.getMessage().contains("GET /v2/incidents?page_size=1&"), join.getMessage());
  }

  /** Runs the query past the response cache, asserting the rows of the query without pushdown. */
  private static PushdownFixture.Result uncached(String sql) throws Exception {
    try (java.sql.Connection c = fixture.connect(true, SimulatorConnections.NO_CACHE)) {
      PushdownFixture.Result on = fixture.execute(c, sql);
      assertEquals(PushdownFixture.multiset(fixture.execute(sql, false).rows()),
          PushdownFixture.multiset(on.rows()), sql);
      return on;
    }
  }

  @Test
  void twoHundredAlertIdsAreReadByIdAndOneMoreMakesTheJoinScanOnce() throws Exception {
    // EXPLAIN says "past 200 keys": 200 keys are read by key, 201 by the scan, whose requests
    // are then those of the same join with join requests off.
    String sql = "SELECT x.id, a.title FROM (SELECT id FROM alerts ORDER BY id LIMIT %d) x"
        + " JOIN alerts a ON a.id = x.id";
    assertTrue(fixture.explain(String.format(sql, 200)).contains("past 200 keys, one scan instead"));
    List<String> at = uncached(String.format(sql, 200)).requests();
    List<String> ids = fixture.execute("SELECT id FROM alerts ORDER BY id LIMIT 200", true).rows()
        .stream().map(r -> "GET /v2/alerts/" + r.get(0)).toList();
    assertEquals(ids, at.stream().filter(r -> r.startsWith("GET /v2/alerts/")).toList());
    String past = String.format(sql, 201);
    assertEquals(requestsWithJoinRequestsOff(past).stream().sorted().toList(),
        uncached(past).requests().stream().sorted().toList());
  }

  @Test
  void twoIncidentIdsAreReadByIdAndAThirdIsCountedFirst() throws Exception {
    String every = SimulatorConnections.EVERY_MODE_AND_CATEGORY;
    String sql = "SELECT x.id, i.reference FROM (SELECT id FROM incidents ORDER BY id LIMIT %d) x"
        + " JOIN incidents i ON i.id = x.id";
    List<List<Object>> ids = fixture.execute("SELECT id FROM incidents ORDER BY id LIMIT 2", true).rows();
    String scan = "GET /v2/incidents?page_size=250&" + every;
    assertEquals(List.of(scan, "GET /v2/incidents/" + ids.get(0).get(0),
        "GET /v2/incidents/" + ids.get(1).get(0)), uncached(String.format(sql, 2)).requests());
    // The third key: the count (200 incidents, one page of 250), then that page.
    assertEquals(List.of(scan, "GET /v2/incidents?page_size=1&" + every, scan),
        uncached(String.format(sql, 3)).requests());
  }

  @Test
  void otherConditionsOfAnInnerJoinAreCheckedAfterIt() {
    String incident = incidentWithMostLinks().getKey();
    fixture.sql("SELECT a.title FROM incident_alerts ia JOIN alerts a ON a.id = ia.alert_id"
            + " AND a.status <> ia.incident_id WHERE ia.incident_id = '" + incident + "'")
        .returnsSome()
        .explainContains("IncidentIoKeyJoin");
  }

  @Test
  void withJoinRequestsOffBothSidesAreScannedWithTheirOwnFilters() throws Exception {
    String incident = incidentWithMostLinks().getKey();
    String sql = "SELECT a.title, a.status FROM incident_alerts ia JOIN alerts a ON a.id = ia.alert_id"
        + " WHERE ia.incident_id = '" + incident + "'";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(
        SimulatorConnections.url(sim) + ";joinRequests=false", "", SimulatorConnections.TEST_KEY)) {
      PushdownFixture.Result off = fixture.execute(c, sql);
      assertEquals(PushdownFixture.multiset(fixture.execute(sql, true).rows()),
          PushdownFixture.multiset(off.rows()));
      assertEquals("GET /v2/alerts?page_size=50", off.requests().get(0), off.requests().toString());
      assertTrue(off.requests().contains("GET /v2/incident_alerts?page_size=50&incident_id=" + incident),
          off.requests().toString());
      try (java.sql.ResultSet rs = c.createStatement().executeQuery("EXPLAIN PLAN FOR " + sql)) {
        assertTrue(rs.next());
        assertTrue(!rs.getString(1).contains("IncidentIoKeyJoin"), rs.getString(1));
      }
    }
  }

  @Test
  void aJoinRequestsValueOtherThanTrueOrFalseIsRefused() {
    java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.sql.SQLException.class,
        () -> java.sql.DriverManager.getConnection(
            SimulatorConnections.url(sim) + ";joinRequests=sometimes", "", SimulatorConnections.TEST_KEY));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("'sometimes' for connection property joinRequests"),
        e.getMessage());
  }
}
