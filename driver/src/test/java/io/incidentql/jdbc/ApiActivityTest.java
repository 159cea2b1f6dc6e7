package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.api.ApiActivity;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tests of the figures a client reads while or after a query runs, through {@code
 * unwrap(ApiActivity.class)}: requests sent, rows read, time spent waiting for the rate limit.
 */
class ApiActivityTest {
  private static final int ALERTS = 250;

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
      }
    }
  }
}
