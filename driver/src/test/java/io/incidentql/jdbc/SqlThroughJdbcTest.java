package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests that the SQL users write — joins, grouping, sorting, subqueries, window functions,
 * identifiers in any case — answers over the tables as it would over any database.
 */
class SqlThroughJdbcTest {
  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(5).unlimitedRate());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private static List<List<Object>> rows(String sql) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  @Test
  void theFirstQueryOfTheReadmeAnswers() throws Exception {
    List<List<Object>> rows = rows("SELECT reference, name FROM incidents LIMIT 5");
    assertEquals(5, rows.size());
    rows.forEach(r -> assertTrue(((String) r.get(0)).startsWith("INC-"), r.toString()));
  }

  @Test
  void identifiersMatchInAnyCaseUnlessQuoted() throws Exception {
    assertEquals(
        rows("SELECT reference FROM incidents ORDER BY reference"),
        rows("select Reference from INCIDENTS order by REFERENCE"));
    assertEquals(
        rows("SELECT reference FROM incidents ORDER BY reference"),
        rows("SELECT \"reference\" FROM \"incidents\" AS \"i\" ORDER BY 1"));
  }

  @Test
  void aJoinFollowsIncidentAlertsToTheirIncidentsAndAlerts() throws Exception {
    Map<String, String> references = new HashMap<>();
    SimulatorConnections.tableIncidents(sim).forEach(i -> references.put(i.get("id").asText(), i.get("reference").asText()));
    Map<String, String> titles = new HashMap<>();
    sim.dataset().alerts().forEach(a -> titles.put(a.get("id").asText(), a.get("title").asText()));
    List<String> expected = new ArrayList<>();
    for (ObjectNode link : sim.dataset().incidentAlerts()) {
      String ref = references.get(link.get("incident").get("id").asText());
      String title = titles.get(link.get("alert").get("id").asText());
      if (ref != null && title != null) {
        expected.add(ref + " | " + title);
      }
    }
    List<String> actual =
        rows("SELECT i.reference, a.title FROM incidents i"
                + " JOIN incident_alerts ia ON ia.incident_id = i.id"
                + " JOIN alerts a ON a.id = ia.alert_id")
            .stream().map(r -> r.get(0) + " | " + r.get(1)).collect(Collectors.toList());
    assertTrue(expected.size() > 10, "the data links alerts to incidents");
    assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList());
  }

  @Test
  void groupByAndOrderByCountIncidentsPerStatusCategory() throws Exception {
    Map<String, Long> expected = new TreeMap<>();
    SimulatorConnections.tableIncidents(sim).forEach(i -> expected.merge(i.get("incident_status").get("category").asText(), 1L, Long::sum));
    Map<String, Long> actual = new TreeMap<>();
    List<List<Object>> rows =
        rows("SELECT incident_status_category, COUNT(*) AS n FROM incidents"
            + " GROUP BY incident_status_category ORDER BY n DESC, incident_status_category");
    rows.forEach(r -> actual.put((String) r.get(0), (Long) r.get(1)));
    assertEquals(expected, actual);
    for (int i = 1; i < rows.size(); i++) {
      assertTrue((Long) rows.get(i - 1).get(1) >= (Long) rows.get(i).get(1), "sorted by count");
    }
  }

  @Test
  void aWindowFunctionPicksTheLatestUpdateOfEachIncident() throws Exception {
    Map<String, ObjectNode> latest = new HashMap<>();
    Comparator<ObjectNode> byTime =
        Comparator.comparing((ObjectNode u) -> Instant.parse(u.get("created_at").asText()))
            .thenComparing(u -> u.get("id").asText());
    for (ObjectNode u : sim.dataset().incidentUpdates()) {
      latest.merge(u.get("incident_id").asText(), u, (a, b) -> byTime.compare(a, b) >= 0 ? a : b);
    }
    Map<String, String> actual = new HashMap<>();
    for (List<Object> r :
        rows("SELECT incident_id, id FROM (SELECT u.incident_id, u.id, ROW_NUMBER() OVER ("
            + "PARTITION BY incident_id ORDER BY created_at DESC, id DESC) AS rn"
            + " FROM incident_updates u) WHERE rn = 1")) {
      actual.put((String) r.get(0), (String) r.get(1));
    }
    Map<String, String> expected = new HashMap<>();
    latest.forEach((k, v) -> expected.put(k, v.get("id").asText()));
    assertEquals(expected, actual);
  }

  @Test
  void aSubqueryFindsIncidentsWithoutAnyUpdate() throws Exception {
    java.util.Set<String> updated = new java.util.HashSet<>();
    sim.dataset().incidentUpdates().forEach(u -> updated.add(u.get("incident_id").asText()));
    long expected =
        SimulatorConnections.tableIncidents(sim).stream().filter(i -> !updated.contains(i.get("id").asText())).count();
    List<List<Object>> rows =
        rows("SELECT COUNT(*) FROM incidents WHERE id NOT IN (SELECT incident_id FROM incident_updates)");
    assertEquals(expected, rows.get(0).get(0));
  }

  @Test
  void jsonColumnsCanBeQueriedWithJsonFunctions() throws Exception {
    List<List<Object>> rows =
        rows("SELECT JSON_VALUE(duration_metrics, '$[0].duration_metric.name') FROM incidents"
            + " WHERE duration_metrics <> '[]'");
    assertTrue(rows.stream().anyMatch(r -> r.get(0) != null), rows.toString());
  }

  @Test
  void unicodeTextCanBeWrittenAsALiteralAndMatchesTheApiText() throws Exception {
    ObjectNode withEmoji =
        SimulatorConnections.tableIncidents(sim).stream()
            .filter(i -> i.get("name").asText().codePoints().anyMatch(cp -> cp > 0xFFFF))
            .findFirst()
            .orElseThrow();
    String name = withEmoji.get("name").asText();
    List<List<Object>> rows =
        rows("SELECT id FROM incidents WHERE name = '" + name.replace("'", "''") + "'");
    assertTrue(rows.contains(List.of(withEmoji.get("id").asText())), name + " -> " + rows);
  }
}
