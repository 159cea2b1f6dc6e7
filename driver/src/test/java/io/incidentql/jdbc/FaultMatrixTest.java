package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.LoggedRequest;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tests that each misbehaviour of the API ends, through JDBC and within a bounded time, either
 * in every row or in the documented error: never in a short result, never in a hang.
 *
 * <p>Small retry, backoff and timeout settings (connection properties) keep the matrix fast.
 */
class FaultMatrixTest {
  /** Retries: 2, backoff from 10 ms, read timeout 0.5 s. */
  static final String FAST =
      ";maxRetries=2;retryBackoffSeconds=0.01;maxRetryTimeSeconds=2;readTimeoutSeconds=0.5"
          + ";connectTimeoutSeconds=1;callTimeoutSeconds=15;maxRateLimitWaitSeconds=5";

  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final int ALERTS = 120;

  private static Simulator sim;

  @BeforeAll
  static void startSimulator() throws SQLException {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(21).scale(ALERTS, 30, 20, 40));
    // The first query of a JVM pays for loading and compiling the engine, which would count
    // against the bound of a case; the cases then plan warm.
    try (Connection c = connect(sim, "")) {
      SimulatorConnections.runToTheEnd(c, "SELECT id FROM alerts");
    }
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.faults().clear();
    sim.requestLog().clear();
    sim.resetRateLimits();
    sim.setLatency(Duration.ZERO);
  }

  static Connection connect(Simulator sim, String extra) throws SQLException {
    return DriverManager.getConnection(
        SimulatorConnections.url(sim) + FAST + extra, "", SimulatorConnections.TEST_KEY);
  }

  /** Reads every alert id, asserting that none comes twice. */
  private static Set<String> allAlertIds() throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = connect(sim, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM alerts")) {
      while (rs.next()) {
        assertTrue(ids.add(rs.getString(1)), "no row twice");
      }
    }
    return ids;
  }

  private static void assertEveryRow() {
    assertTimeoutPreemptively(BOUND, () -> assertEquals(ALERTS, allAlertIds().size()));
  }

  private static SQLException assertFails(String sqlState) {
    SQLException[] thrown = new SQLException[1];
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          Executable scan = FaultMatrixTest::allAlertIds;
          thrown[0] = assertThrows(SQLException.class, scan);
        });
    SQLException e = thrown[0];
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    assertFalse(e.getMessage().contains(SimulatorConnections.TEST_KEY));
    return e;
  }

  private static List<Integer> statuses() {
    List<Integer> out = new ArrayList<>();
    for (LoggedRequest r : sim.requestLog().requests()) {
      out.add(r.status());
    }
    return out;
  }

  @Test
  void aServerErrorIsRetriedAndTheScanIsComplete() {
    sim.faults().next().onPath("/v2/alerts").status(500);
    assertEveryRow();
    assertEquals(List.of(500, 200, 200, 200), statuses());
    LoggedRequest failed = sim.requestLog().requests().get(0);
    assertEquals(failed.params(), sim.requestLog().requests().get(1).params(), "same page again");
  }

  @Test
  void aServiceUnavailableOnALaterPageIsRetriedToo() {
    sim.faults().next().onPath("/v2/alerts").status(503);
    sim.faults().next().onPath("/v2/alerts").status(503);
    assertEveryRow();
    assertEquals(List.of(503, 503, 200, 200, 200), statuses());
  }

  @Test
  void aServerErrorThatOutlastsTheRetriesFailsTheQueryWithConnectionState() {
    sim.faults().next(3).onPath("/v2/alerts").status(503);
    SQLException e = assertFails("08006");
    assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
    assertTrue(e.getMessage().contains("maxRetries"), e.getMessage());
    assertEquals(3, sim.requestLog().size(), "one try and two retries, then no more");
  }

  @Test
  void aRateLimitRefusalIsWaitedOut() {
    sim.faults().next().onPath("/v2/alerts").tooManyRequests(Duration.ofMillis(300));
    assertEveryRow();
    assertEquals(List.of(429, 200, 200, 200), statuses());
  }

  @Test
  void aRateLimitThatOutlastsTheAllowedWaitFailsWithItsState() throws Exception {
    sim.faults().next().onPath("/v2/alerts").tooManyRequests(Duration.ofSeconds(30));
    SQLException e = assertFails("08004");
    assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
    assertTrue(e.getMessage().contains("maxRateLimitWait"), e.getMessage());
  }

  @Test
  void aDroppedConnectionIsRetried() {
    sim.faults().next().onPath("/v2/alerts").disconnect();
    assertEveryRow();
    assertEquals(3, sim.requestLog().requests().stream().filter(r -> r.status() == 200).count());
  }

  @Test
  void aConnectionDroppedInTheMiddleOfABodyIsRetried() {
    sim.faults().next().onPath("/v2/alerts").disconnectMidBody();
    assertEveryRow();
    assertEquals(4, sim.requestLog().size(), "the broken page is asked again");
  }

  @Test
  void connectionsThatKeepDroppingFailTheQueryWithConnectionState() {
    sim.faults().next(3).onPath("/v2/alerts").disconnect();
    SQLException e = assertFails("08006");
    assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
  }

  @Test
  void aStalledBodyTimesOutAndIsRetried() {
    sim.faults().next().onPath("/v2/alerts").stallBody(Duration.ofSeconds(5));
    assertEveryRow();
    assertEquals(4, sim.requestLog().size());
  }

  @Test
  void bodiesThatKeepStallingFailTheQueryAsATimeout() {
    sim.faults().next(3).onPath("/v2/alerts").stallBody(Duration.ofSeconds(5));
    SQLException e = assertFails("HYT00");
    assertTrue(e.getMessage().contains("read timeout 500 ms"), e.getMessage());
    assertTrue(e.getMessage().contains("readTimeoutSeconds"), e.getMessage());
  }

  @Test
  void aTruncatedBodyIsADataErrorNotAShortResult() {
    sim.faults().next().onPath("/v2/alerts").truncatedBody();
    SQLException e = assertFails("22000");
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aProxysHtmlErrorPageIsRetriedAndThenQuoted() {
    sim.faults().next().onPath("/v2/alerts").htmlErrorPage(502);
    assertEveryRow();
    reset();
    sim.faults().next(3).onPath("/v2/alerts").htmlErrorPage(502);
    SQLException e = assertFails("08006");
    assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("<html"), e.getMessage());
  }

  @Test
  void aProxysHtmlNotFoundPageFailsTheQueryAndIsNotRetried() {
    sim.faults().next().onPath("/v2/alerts").htmlErrorPage(404);
    SQLException e = assertFails("22000");
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertTrue(e.getMessage().contains("check baseUrl"), e.getMessage());
    assertEquals(1, sim.requestLog().size());
  }

  @Test
  void aRepeatedCursorFailsInsteadOfLooping() {
    sim.faults().next().onPath("/v2/alerts").repeatCursor();
    SQLException e = assertFails("22000");
    assertTrue(e.getMessage().contains("same pagination cursor twice"), e.getMessage());
    assertTrue(sim.requestLog().size() <= 3, "no loop: " + sim.requestLog().lines());
  }

  @Test
  void aKeyRefusedInTheMiddleOfAScanFailsTheQueryNotShortensIt() throws Exception {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          try (Connection c = connect(sim, "");
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT id FROM alerts")) {
            assertTrue(rs.next());
            // The first page is read; the next request is the second page.
            sim.faults().next().onPath("/v2/alerts").status(401);
            int rows = 1;
            SQLException e = null;
            try {
              while (rs.next()) {
                rows++;
              }
            } catch (SQLException thrown) {
              e = thrown;
            }
            assertTrue(e != null, "the scan ended after " + rows + " rows without an error");
            assertEquals("28000", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("401"), e.getMessage());
            // The engine reads one row ahead, so the error may come just before the 50th row.
            assertTrue(rows <= 50, "no row beyond the first page: " + rows);
          }
        });
    assertEquals(List.of(200, 401), statuses(), "a refused key is not retried");
  }

  @Test
  void unknownFieldsAndEnumValuesAreRead() throws Exception {
    Set<String> statuses = new HashSet<>();
    try (Connection c = connect(sim, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT status FROM alerts")) {
      while (rs.next()) {
        statuses.add(rs.getString(1));
      }
    }
    // "acknowledged" is a status the documentation does not list; the simulator sends it.
    assertTrue(statuses.contains("acknowledged"), statuses.toString());
  }
}
