package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Tests, through JDBC, of what the live API does where the five documentation pages are silent
 * or wrong (LIVE-API-NOTES), each against a simulator that does it.
 */
class LiveApiBehaviourTest {
  private static final String NO_INCIDENTS_KEY = "test-key-not-real-no-incidents-view";

  private static Simulator start(SimulatorConfig.Builder config) {
    return SimulatorConnections.start(config.seed(23));
  }

  private static Map<String, Long> categoriesOf(List<ObjectNode> incidents) {
    Map<String, Long> out = new TreeMap<>();
    incidents.forEach(i -> out.merge(i.path("incident_status").path("category").asText(), 1L,
        Long::sum));
    return out;
  }

  @Test
  void aFullReadOfIncidentsHoldsDeclinedCanceledAndMergedIncidents() throws SQLException {
    try (Simulator sim = start(SimulatorConfig.builder().scale(10, 400, 0, 0).unlimitedRate());
        Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT incident_status_category, COUNT(*) FROM incidents"
            + " GROUP BY incident_status_category")) {
      Map<String, Long> got = new TreeMap<>();
      while (rs.next()) {
        got.put(rs.getString(1), rs.getLong(2));
      }
      Map<String, Long> want = categoriesOf(SimulatorConnections.tableIncidents(sim));
      assertEquals(want, got);
      for (String hidden : List.of("declined", "canceled", "merged")) {
        assertTrue(got.getOrDefault(hidden, 0L) > 0, hidden + " incidents are rows: " + got);
      }
    }
  }

  @Test
  void oneHundredTwentyIncidentQueriesInARowMeetNoTooManyRequests() throws Exception {
    // The live budget is 60 a minute; the test keeps the count and shortens the window to one
    // second so as to run in about two seconds. The driver learns it from X-RateLimit-Limit.
    try (Simulator sim = start(SimulatorConfig.builder().scale(10, 30, 0, 0)
            .endpointRateLimit("/v2/incidents", 60, Duration.ofSeconds(1)));
        Connection c = DriverManager.getConnection(SimulatorConnections.url(sim)
            // A 429 would fail the query: only pacing may avoid one. Every query is sent.
            + ";maxRateLimitRetries=0" + SimulatorConnections.NO_CACHE, "",
            SimulatorConnections.TEST_KEY)) {
      int n = SimulatorConnections.tableIncidents(sim).size();
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int i = 0; i < 120; i++) {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidents")) {
            assertTrue(rs.next());
            assertEquals(n, rs.getInt(1));
          }
        }
      });
      List<LoggedRequest> log = sim.requestLog().requests();
      assertEquals(120, log.stream().filter(r -> r.path().equals("/v2/incidents")).count());
      assertEquals(0, log.stream().filter(r -> r.status() == 429).count());
    }
  }

  @Test
  void aKeyWithoutTheIncidentsScopeReadsAsAPermissionErrorNamingTheScope() throws SQLException {
    try (Simulator sim = start(SimulatorConfig.builder().scale(10, 10, 0, 0).unlimitedRate()
            .apiKeyLacking(NO_INCIDENTS_KEY, "no incidents", "incidents.view"));
        Connection c = DriverManager.getConnection(SimulatorConnections.url(sim), "",
            NO_INCIDENTS_KEY);
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(java.sql.SQLSyntaxErrorException.class,
          () -> s.executeQuery("SELECT id FROM incidents").next());
      assertEquals("42501", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("'incidents.view' scope"), e.getMessage());
      assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
      assertTrue(!e.getMessage().contains(NO_INCIDENTS_KEY), e.getMessage());
      // The key itself is fine: alerts, which need another scope, are read.
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
        assertTrue(rs.next());
        assertEquals(10, rs.getInt(1));
      }
    }
  }

  @Test
  void pagesSmallerThanAskedForAreFollowedToTheEnd() throws SQLException {
    try (Simulator sim = start(SimulatorConfig.builder().scale(10, 400, 0, 0).unlimitedRate());
        Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement()) {
      // The live API serves a request for 500 with 250; here 250 is served with 100.
      sim.setIncidentsPerPage(100);
      int n = SimulatorConnections.tableIncidents(sim).size();
      try (ResultSet rs = s.executeQuery("SELECT id FROM incidents")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
        }
        assertEquals(n, rows);
      }
      List<LoggedRequest> log = sim.requestLog().requests();
      assertEquals((n + 99) / 100, log.size(), log.toString());
      log.forEach(r -> assertEquals(List.of("250"), r.params("page_size")));
    }
  }

  @Test
  void timestampsWithAndWithoutFractionalSecondsAreRead() throws SQLException {
    try (Simulator sim = start(SimulatorConfig.builder().scale(10, 400, 0, 0).unlimitedRate());
        Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, created_at FROM incidents")) {
      Map<String, String> sent = new HashMap<>();
      SimulatorConnections.tableIncidents(sim)
          .forEach(i -> sent.put(i.get("id").asText(), i.get("created_at").asText()));
      assertTrue(sent.values().stream().anyMatch(t -> t.matches(".*:\\d\\dZ")), "some whole");
      assertTrue(sent.values().stream().anyMatch(t -> t.matches(".*\\.\\d+Z")), "some fractional");
      int rows = 0;
      while (rs.next()) {
        Instant want = Instant.parse(sent.get(rs.getString(1))).truncatedTo(ChronoUnit.MILLIS);
        assertEquals(want, rs.getTimestamp(2).toInstant(), rs.getString(1));
        rows++;
      }
      assertEquals(sent.size(), rows);
    }
  }
}
