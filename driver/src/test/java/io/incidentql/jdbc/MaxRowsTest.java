package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that {@code setMaxRows} gives exactly that many rows and sends only the pages that hold
 * them, the same way for plain, prepared and DSL statements, and that a prepared statement's cap
 * can change between executions of one plan.
 */
class MaxRowsTest {
  /** 55 rows: all of the first page of 50 and five of the second; a third is never needed. */
  private static final int MAX = 55;
  private static final List<String> TWO_PAGES = List.of(
      "GET /v2/alerts?page_size=50&status[not_in]=nope",
      "GET /v2/alerts?page_size=50&status[not_in]=nope&after=…");

  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(17).scale(300, 10, 0, 0).unlimitedRate());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void clear() {
    sim.requestLog().clear();
  }

  private static int count(ResultSet rs) throws SQLException {
    int n = 0;
    while (rs.next()) {
      n++;
    }
    assertFalse(rs.next(), "still no row after the last");
    return n;
  }

  private static List<String> requests() {
    return PushdownFixture.masked(sim.requestLog().lines());
  }

  @Test
  void aPlainStatementReadsExactlyMaxRowsFromThePagesThatHoldThem() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim); Statement s = c.createStatement()) {
      s.setMaxRows(MAX);
      try (ResultSet rs = s.executeQuery("SELECT id FROM alerts WHERE status <> 'nope'")) {
        assertEquals(MAX, count(rs));
        // A scan not told of the cap would have asked for the third page when the reader moved
        // on to the second; it would show here within a second (a pass costs that second).
        long until = System.nanoTime() + 1_000_000_000L;
        while (sim.requestLog().size() <= TWO_PAGES.size() && System.nanoTime() < until) {
          Thread.sleep(20);
        }
      }
    }
    assertEquals(TWO_PAGES, requests());
  }

  @Test
  void aPreparedStatementReadsExactlyMaxRowsFromThePagesThatHoldThem() throws Exception {
    // Run twice, each time from the simulator's pages, not from the cache.
    try (Connection c = DriverManager.getConnection(
            SimulatorConnections.url(sim) + SimulatorConnections.NO_CACHE, "",
            SimulatorConnections.TEST_KEY);
        PreparedStatement ps = c.prepareStatement("SELECT id FROM alerts WHERE status <> ?")) {
      ps.setString(1, "nope");
      ps.setMaxRows(MAX);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(MAX, count(rs));
      }
      assertEquals(TWO_PAGES, requests());
      // The cap is not part of the plan: the same prepared plan runs with another one.
      sim.requestLog().clear();
      ps.setMaxRows(3);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(3, count(rs));
      }
      assertEquals(TWO_PAGES.subList(0, 1), requests());
    }
  }

  @Test
  void aDslStatementReadsExactlyMaxRowsFromThePagesThatHoldThem() throws Exception {
    try (Connection c = DriverManager.getConnection(SimulatorConnections.url(sim)
            + ";language=dsl", "", SimulatorConnections.TEST_KEY);
        Statement s = c.createStatement()) {
      s.setMaxRows(MAX);
      try (ResultSet rs = s.executeQuery("SELECT id FROM alerts WHERE status <> 'nope'")) {
        assertEquals(MAX, count(rs));
      }
    }
    assertEquals(TWO_PAGES, requests());
  }
}
