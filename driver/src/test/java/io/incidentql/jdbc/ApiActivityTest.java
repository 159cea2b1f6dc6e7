package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.api.ApiActivity;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests of the figures a client reads while or after a query runs, through {@code
 * unwrap(ApiActivity.class)}: requests sent, rows read, answers and rows taken from the response
 * cache, time spent waiting for the rate limit.
 */
class ApiActivityTest {
  private static final int ALERTS = 250;

  /**
   * Runs a scan on a simulator of its own first: the first query of a JVM pays for loading and
   * compiling the engine, which would count against the bound of the rate-limited scan below.
   */
  @BeforeAll
  static void warmUp() throws SQLException {
    try (Simulator sim = SimulatorConnections.start(
            SimulatorConfig.builder().seed(5).scale(ALERTS, 10, 10, 10).unlimitedRate());
        Connection c = SimulatorConnections.connect(sim)) {
      SimulatorConnections.runToTheEnd(c, "SELECT id FROM alerts");
    }
  }

  @Test
  void aScanCountsItsRequestsRowsAndRateLimitWaits() throws Exception {
    try (Simulator sim =
        SimulatorConnections.start(SimulatorConfig.builder().seed(5).scale(ALERTS, 10, 10, 10))) {
      // Three requests a second: a scan of several pages has to wait for the client's budget.
      String url = SimulatorConnections.url(sim) + ";rateLimit=3;rateLimitWindowSeconds=1";
      try (Connection c = DriverManager.getConnection(url, "", SimulatorConnections.TEST_KEY);
          Statement st = c.createStatement()) {
        assertTrue(c.isWrapperFor(ApiActivity.class));
        ApiActivity activity = st.unwrap(ApiActivity.class);
        assertTrue(activity == c.unwrap(ApiActivity.class), "one total per connection");
        sim.requestLog().clear();
        ApiActivity.Snapshot before = activity.snapshot();
        int rows = 0;
        try (ResultSet rs = assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> st.executeQuery("SELECT id FROM alerts"))) {
          while (rs.next()) {
            rows++;
          }
        }
        ApiActivity.Snapshot used = activity.snapshot().minus(before);
        assertEquals(ALERTS, rows);
        int requests = sim.requestLog().lines().size();
        assertTrue(requests > 3, "several pages: " + sim.requestLog().lines());
        assertEquals(requests, used.requests(), "every request the server received");
        assertEquals(ALERTS, used.rows(), "every row of every page");
        assertTrue(
            used.rateLimitWait().compareTo(Duration.ofMillis(200)) > 0,
            "more than three requests in a second wait for the budget: " + used);
        assertEquals(0, used.cachedResponses(), "nothing was in the cache: " + used);
        assertEquals(0, used.cachedRows(), used.toString());
      }
    }
  }

  @Test
  void aRepeatedQueryAnsweredFromTheCacheCountsNoRequestsAndItsRowsApart() throws Exception {
    try (Simulator sim = SimulatorConnections.start(
            SimulatorConfig.builder().seed(5).scale(ALERTS, 10, 10, 10).unlimitedRate());
        // An hour to live: the second run is well within it however slow the machine.
        Connection c = DriverManager.getConnection(
            SimulatorConnections.url(sim) + ";cacheTtlSeconds=3600", "",
            SimulatorConnections.TEST_KEY);
        Statement st = c.createStatement()) {
      ApiActivity activity = c.unwrap(ApiActivity.class);
      for (String sql : queries(sim)) {
        Run first = run(sim, activity, st, sql);
        assertTrue(first.used.requests() > 1, sql + ": " + first);
        assertEquals(first.sent, first.used.requests(), sql + ": " + first);
        assertEquals(first.rows, first.used.rows(), sql + ": every row came from the API");
        assertEquals(0, first.used.cachedResponses(), sql + ": " + first);
        assertEquals(0, first.used.cachedRows(), sql + ": " + first);

        Run second = run(sim, activity, st, sql);
        assertEquals(first.rows, second.rows, sql + ": the same rows");
        assertEquals(0, second.sent, sql + ": nothing reached the server");
        assertEquals(0, second.used.requests(), sql + ": " + second);
        assertEquals(0, second.used.rows(), sql + ": no row received: " + second);
        assertEquals(
            first.used.requests(), second.used.cachedResponses(),
            sql + ": one cached answer for each request of the first run");
        assertEquals(first.used.rows(), second.used.cachedRows(), sql + ": " + second);
      }
    }
  }

  @Test
  void withoutTheCacheARepeatedQuerySendsAndReceivesAgain() throws Exception {
    try (Simulator sim = SimulatorConnections.start(
            SimulatorConfig.builder().seed(5).scale(ALERTS, 10, 10, 10).unlimitedRate());
        Connection c = DriverManager.getConnection(
            SimulatorConnections.url(sim) + SimulatorConnections.NO_CACHE, "",
            SimulatorConnections.TEST_KEY);
        Statement st = c.createStatement()) {
      ApiActivity activity = c.unwrap(ApiActivity.class);
      for (String sql : queries(sim)) {
        Run first = run(sim, activity, st, sql);
        Run second = run(sim, activity, st, sql);
        assertNotEquals(0, second.sent, sql);
        assertEquals(first.used, second.used, sql + ": the second run sends and receives again");
        assertEquals(second.sent, second.used.requests(), sql + ": " + second);
        assertEquals(0, second.used.cachedResponses(), sql + ": " + second);
      }
    }
  }

  /** What one run of a query did: rows returned, requests the server logged, the figures. */
  private record Run(int rows, int sent, ApiActivity.Snapshot used) {}

  private static Run run(Simulator sim, ApiActivity activity, Statement st, String sql)
      throws Exception {
    sim.requestLog().clear();
    ApiActivity.Snapshot before = activity.snapshot();
    int rows = 0;
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
      }
    }
    return new Run(rows, sim.requestLog().lines().size(), activity.snapshot().minus(before));
  }

  /** A scan of several pages, and a read by id of three alerts: one show request per id. */
  private static List<String> queries(Simulator sim) {
    String ids = sim.dataset().alerts().stream()
        .limit(3)
        .map(a -> "'" + a.path("id").asText() + "'")
        .collect(Collectors.joining(", "));
    return List.of(
        "SELECT id, title FROM alerts", "SELECT id, title FROM alerts WHERE id IN (" + ids + ")");
  }
}
