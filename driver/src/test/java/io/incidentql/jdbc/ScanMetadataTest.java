package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Tests that what the planner believes about a scan (its unique keys, distinct counts, order,
 * row count) holds for the columns the scan returns once the rules have pruned its fields: a key
 * of the table ({@code id}) is no key of a scan that does not return it. Each query is checked
 * against rows computed from the simulator's data and against the same query without pushdown.
 * Also Calcite's own rewrite of a LIMIT over a UNION, which the oracle test found dropping rows.
 */
class ScanMetadataTest {
  private static Simulator sim;
  private static PushdownFixture fixture;
  private static List<ObjectNode> incidents;
  private static List<ObjectNode> incidentAlerts;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(11).scale(300, 200, 320, 300).unlimitedRate());
    fixture = new PushdownFixture(sim);
    incidents = SimulatorConnections.tableIncidents(sim);
    incidentAlerts = List.copyOf(sim.dataset().incidentAlerts());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  /** How many incident alerts each incident has, by incident id. */
  private static Map<String, Long> alertsPerIncident() {
    return incidentAlerts.stream()
        .collect(Collectors.groupingBy(ia -> ia.path("incident").path("id").asText(),
            Collectors.counting()));
  }

  @Test
  void aJoinThatCountsRowsPerIncidentIsNotTurnedIntoASemiJoin() {
    String sql = "SELECT i.reference, COUNT(*) AS n FROM incidents i"
        + " JOIN incident_alerts ia ON ia.incident_id = i.id"
        + " GROUP BY i.reference ORDER BY n DESC, i.reference LIMIT 5";
    Map<String, Long> perIncident = alertsPerIncident();
    List<List<Object>> expected = incidents.stream()
        .filter(i -> perIncident.containsKey(i.path("id").asText()))
        .map(i -> List.<Object>of(i.path("reference").asText(), perIncident.get(i.path("id").asText())))
        .sorted(Comparator.comparing((List<Object> r) -> -(Long) r.get(1))
            .thenComparing(r -> (String) r.get(0)))
        .limit(5)
        .toList();
    assertTrue((Long) expected.get(0).get(1) > 1, "the data has incidents with several alerts");
    fixture.sql(sql).sameOrderedRowsAsWithoutPushdown();
    assertEquals(expected, fixture.execute(sql, true).rows(), sql);
    assertFalse(fixture.explain(sql).contains("semi"), fixture.explain(sql));
  }

  @Test
  void aLeftJoinKeepsOneRowPerMatchingAlert() {
    String sql = "SELECT i.reference FROM incidents i"
        + " LEFT JOIN incident_alerts ia ON ia.incident_id = i.id";
    Map<String, Long> perIncident = alertsPerIncident();
    long expected = incidents.stream()
        .mapToLong(i -> Math.max(1, perIncident.getOrDefault(i.path("id").asText(), 0L)))
        .sum();
    assertTrue(expected > incidents.size(), "some incidents have several alerts");
    fixture.sql(sql).sameRowsAsWithoutPushdown();
    assertEquals(expected, fixture.execute(sql, true).rows().size(), sql);
  }

  @Test
  void countDistinctOfAColumnCountsValuesNotRows() {
    String sql = "SELECT has_debrief, COUNT(DISTINCT incident_status_category) FROM incidents"
        + " GROUP BY has_debrief";
    Map<Boolean, Set<String>> categories = new HashMap<>();
    for (ObjectNode i : incidents) {
      categories.computeIfAbsent(i.path("has_debrief").asBoolean(), k -> new HashSet<>())
          .add(i.path("incident_status").path("category").asText());
    }
    List<List<Object>> expected = categories.entrySet().stream()
        .map(e -> List.<Object>of(e.getKey(), (long) e.getValue().size()))
        .toList();
    fixture.sql(sql).sameRowsAsWithoutPushdown();
    assertEquals(PushdownFixture.multiset(expected),
        PushdownFixture.multiset(fixture.execute(sql, true).rows()), sql);
  }

  @Test
  void anAggregateGroupedByANonKeyColumnIsKept() {
    String type = incidents.get(0).path("incident_type").path("name").asText();
    String sql = "SELECT creator_user_name, COUNT(*) FROM incidents"
        + " WHERE incident_type_name = '" + type + "' GROUP BY creator_user_name";
    Map<String, Long> expected = new HashMap<>();
    for (ObjectNode i : incidents) {
      if (type.equals(i.path("incident_type").path("name").asText())) {
        expected.merge(creator(i), 1L, Long::sum);
      }
    }
    assertTrue(expected.values().stream().anyMatch(n -> n > 1), "some creator opened several");
    fixture.sql(sql).sameRowsAsWithoutPushdown();
    Map<String, Long> actual = new HashMap<>();
    for (List<Object> row : fixture.execute(sql, true).rows()) {
      actual.put((String) row.get(0), (Long) row.get(1));
    }
    assertEquals(expected, actual, sql);

    String avg = "SELECT AVG(workload_minutes_late) FROM incidents WHERE incident_type_name = '"
        + type + "' GROUP BY creator_user_name";
    fixture.sql(avg).sameRowsAsWithoutPushdown();
    assertEquals(expected.size(), fixture.execute(avg, true).rows().size(), avg);

    String having = avg + " HAVING COUNT(*) > 1";
    fixture.sql(having).sameRowsAsWithoutPushdown();
    assertEquals(expected.values().stream().filter(n -> n > 1).count(),
        fixture.execute(having, true).rows().size(), having);
  }

  private static String creator(JsonNode incident) {
    JsonNode name = incident.path("creator").path("user").path("name");
    return name.isTextual() ? name.asText() : null;
  }

  @Test
  void aLimitOverLookupsCountsRowsNotIncidents() {
    Map<String, Long> perIncident = alertsPerIncident();
    List<String> ids = new ArrayList<>();
    long matching = 0;
    for (Map.Entry<String, Long> e : new TreeMap<>(perIncident).entrySet()) {
      if (ids.size() == 22) {
        break;
      }
      ids.add(e.getKey());
      matching += e.getValue();
    }
    String sql = "SELECT COUNT(*) FROM (SELECT id FROM incident_alerts WHERE incident_id IN ("
        + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "))
        + ") LIMIT 50) x";
    assertTrue(matching > 22, "several alerts for some of the incidents");
    fixture.sql(sql).sameRowsAsWithoutPushdown();
    assertEquals(List.of(List.of(Math.min(50L, matching))), fixture.execute(sql, true).rows(), sql);
  }

  @Test
  void aLimitOverAUnionDistinctKeepsEveryDistinctValue() {
    String sql = "SELECT status FROM alerts UNION SELECT status FROM alerts"
        + " ORDER BY 1 ASC NULLS LAST LIMIT 12";
    List<List<Object>> expected = sim.dataset().alerts().stream()
        .map(a -> a.path("status").asText()).distinct().sorted()
        .map(s -> List.<Object>of(s)).toList();
    assertTrue(expected.size() > 1 && expected.size() < 12, "a few statuses: " + expected);
    fixture.sql(sql).sameOrderedRowsAsWithoutPushdown();
    assertEquals(expected, fixture.execute(sql, true).rows(), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {"alerts", "incidents", "incident_alerts", "incident_updates"})
  void aLimitedScanWithoutColumnsCountsItsRows(String table) {
    String sql = "SELECT COUNT(*) FROM (SELECT id FROM " + table + " LIMIT 50) x";
    fixture.sql(sql).sameRowsAsWithoutPushdown();
    assertEquals(List.of(List.of(50L)), fixture.execute(sql, true).rows(), sql);
  }
}
