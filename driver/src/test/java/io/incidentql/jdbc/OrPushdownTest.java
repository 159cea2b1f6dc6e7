package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.LoggedRequest;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests that an OR pushed as {@code filter_mode=any} returns the right rows whichever way the API
 * treats the filters the table always sends (the mode): as a scope applied with AND, or as one
 * more disjunct. The API does not say which; the simulator can do both.
 */
class OrPushdownTest {
  private static Simulator sim;
  private static String typeId;
  private static String severityId;
  private static String statusId;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(31).scale(20, 300, 0, 0));
    ObjectNode some = SimulatorConnections.tableIncidents(sim).stream()
        .filter(i -> i.path("incident_type").has("id") && i.path("severity").has("id"))
        .findFirst()
        .orElseThrow();
    typeId = some.get("incident_type").get("id").asText();
    severityId = some.get("severity").get("id").asText();
    statusId = some.get("incident_status").get("id").asText();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @AfterEach
  void reset() {
    sim.setScopesJoinAnyFilter(false);
    sim.requestLog().clear();
  }

  static Stream<Arguments> queries() {
    List<Arguments> out = new ArrayList<>();
    for (boolean join : List.of(false, true)) {
      // The status category is a scope too, so its disjuncts would keep an OR local: the status
      // id stands in for it.
      out.add(Arguments.of(join, "SELECT id FROM incidents WHERE incident_status_id ="
          + " '%STATUS%' OR incident_type_id = '%TYPE%'"));
      out.add(Arguments.of(join, "SELECT id FROM incidents WHERE severity_id = '%SEV%'"
          + " OR incident_status_id IN ('%STATUS%')"));
      out.add(Arguments.of(join, "SELECT id FROM incidents WHERE mode = 'standard' AND"
          + " (incident_status_id = '%STATUS%' OR incident_type_id = '%TYPE%')"));
      out.add(Arguments.of(join, "SELECT COUNT(*) FROM incidents WHERE"
          + " incident_status_id = '%STATUS%' OR severity_id = '%SEV%'"));
    }
    return out.stream();
  }

  private static List<String> rows(String extra, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(
            SimulatorConnections.url(sim) + extra, "", SimulatorConnections.TEST_KEY);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      out.sort(null);
      return out;
    }
  }

  @ParameterizedTest(name = "scopes join the OR: {0}: {1}")
  @MethodSource("queries")
  void anOrSentWithFilterModeAnyReturnsTheRowsOfALocalFilter(boolean join, String template)
      throws Exception {
    String sql = template.replace("%TYPE%", typeId).replace("%SEV%", severityId)
        .replace("%STATUS%", statusId);
    List<String> expected = rows(";pushdown=false", sql);
    sim.setScopesJoinAnyFilter(join);
    sim.requestLog().clear();
    List<String> actual = rows("", sql);
    assertEquals(expected, actual, sql);
    List<LoggedRequest> sent = sim.requestLog().requests();
    assertTrue(
        sent.stream().allMatch(r -> r.toString().contains("filter_mode=any")),
        "the OR is still sent to the API: " + sim.requestLog().lines());
    assertTrue(sent.stream().allMatch(r -> r.toString().contains("mode[one_of]=")),
        "the mode scope goes with it: " + sim.requestLog().lines());
    if (!sql.startsWith("SELECT COUNT")) {
      assertFalse(expected.isEmpty(), "a query that tells the two apart: " + sql);
    }
  }
}
