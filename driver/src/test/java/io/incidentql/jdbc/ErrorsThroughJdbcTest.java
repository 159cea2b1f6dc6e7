package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.LoggedRequest;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests that the API's refusals and limits reach the JDBC user as they should. */
class ErrorsThroughJdbcTest {
  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(11).scale(120, 30, 20, 40));
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.requestLog().clear();
    sim.faults().clear();
    sim.resetRateLimits();
  }

  @Test
  void aRefusedKeyIsAnSqlExceptionThatSaysSoWithoutTheKey() throws Exception {
    String wrongKey = "wrong-key-not-real-9876";
    // The key is checked when connecting, so the connection itself fails.
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(SimulatorConnections.url(sim), "", wrongKey));
    assertEquals("28000", e.getSQLState());
    assertTrue(e.getMessage().toLowerCase().contains("key"), e.getMessage());
    assertTrue(e.getMessage().contains("401"), e.getMessage());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(wrongKey), "the key is nowhere in the exception");
    assertFalse(trace.toString().contains(SimulatorConnections.TEST_KEY));
  }

  @Test
  void connectingWithoutAnyKeyFailsAtOnceAndSaysWhereToPutOne() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(SimulatorConnections.url(sim), new Properties()));
    // The environment of a test run may hold a key; only assert when it does not.
    if (System.getenv(ConnectionSettings.API_KEY_ENV) == null) {
      assertEquals("28000", e.getSQLState());
      assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
      assertTrue(e.getMessage().contains(ConnectionSettings.API_KEY_ENV), e.getMessage());
    }
    assertTrue(sim.requestLog().requests().isEmpty(), "no request without a key");
  }

  @Test
  void theKeyMayComeFromTheUrlOrFromProperties() throws Exception {
    Properties props = new Properties();
    props.setProperty("apiKey", SimulatorConnections.TEST_KEY);
    try (Connection c = DriverManager.getConnection(SimulatorConnections.url(sim), props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidents")) {
      assertTrue(rs.next());
      assertEquals(SimulatorConnections.tableIncidents(sim).size(), rs.getInt(1));
    }
    String url = SimulatorConnections.url(sim) + ";apiKey=" + SimulatorConnections.TEST_KEY;
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
      assertTrue(rs.next());
      assertEquals(120, rs.getInt(1));
      assertFalse(c.getMetaData().getURL().contains(SimulatorConnections.TEST_KEY));
      assertFalse(c.toString().contains(SimulatorConnections.TEST_KEY));
    }
  }

  @Test
  void aRateLimitRefusalIsWaitedOutAndTheQueryReturnsEveryRow() throws Exception {
    sim.faults().next().onPath("/v2/alerts").tooManyRequests(Duration.ofSeconds(1));
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM alerts")) {
      assertTrue(rs.next());
      assertEquals(120, rs.getInt(1));
      assertEquals(120, rs.getInt(2));
    }
    List<LoggedRequest> requests = sim.requestLog().requests();
    assertEquals(429, requests.get(0).status());
    assertEquals(requests.get(0).params(), requests.get(1).params(), "the same page asked again");
    assertEquals(4, requests.size(), "the refused request, then three pages of 50");
  }

  @Test
  void aSpentBudgetIsWaitedOutUntilTheWindowRefills() throws Exception {
    sim.setRateLimit(2, Duration.ofSeconds(2));
    // Without a client-side budget: the driver would otherwise learn the 2-in-2-seconds limit
    // from X-RateLimit-Limit and pace the pages so that none is refused.
    try (Connection c = DriverManager.getConnection(
            SimulatorConnections.url(sim) + ";rateLimit=0", "", SimulatorConnections.TEST_KEY);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
      assertTrue(rs.next());
      assertEquals(120, rs.getInt(1));
    } finally {
      sim.setRateLimit(1200, Duration.ofMinutes(1));
    }
    long refused = sim.requestLog().requests().stream().filter(r -> r.status() == 429).count();
    assertTrue(refused >= 1, "the third page was refused at first");
  }
}
