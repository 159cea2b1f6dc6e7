package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that fetching stops as soon as no more rows are wanted: after a LIMIT, at
 * {@code setMaxRows}, when a ResultSet is closed and when a statement is cancelled.
 */
class PushdownStreamingTest {
  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(13).scale(300, 200, 150, 400).unlimitedRate());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void clear() {
    sim.requestLog().clear();
  }

  private static List<String> requests() {
    return PushdownFixture.masked(sim.requestLog().lines());
  }

  @Test
  void setMaxRowsStopsAfterThePageThatHoldsTheLastRow() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim); Statement s = c.createStatement()) {
      s.setMaxRows(55);
      int n = 0;
      try (ResultSet rs = s.executeQuery("select id from alerts where status <> 'nope'")) {
        while (rs.next()) {
          n++;
        }
      }
      assertEquals(55, n);
    }
    assertEquals(List.of("GET /v2/alerts?page_size=50&status[not_in]=nope",
        "GET /v2/alerts?page_size=50&status[not_in]=nope&after=…"), requests());
  }

  @Test
  void closingAResultSetAfterOneRowSendsNoFurtherPage() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select id from alerts")) {
        assertTrue(rs.next());
      }
      // A later statement on the same connection shows that nothing is still being fetched.
      try (ResultSet rs = s.executeQuery("select count(*) from incidents")) {
        assertTrue(rs.next());
      }
    }
    assertEquals(List.of("GET /v2/alerts?page_size=50", "GET /v2/incidents?page_size=1&"
        + SimulatorConnections.EVERY_MODE_AND_CATEGORY), requests());
  }

  @Test
  void aLimitStopsInTheMiddleOfTheSecondPage() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from alerts limit 70")) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      assertEquals(70, n);
    }
    assertEquals(List.of("GET /v2/alerts?page_size=50", "GET /v2/alerts?page_size=50&after=…"),
        requests());
  }

  @Test
  void cancellingAStatementStopsTheScan() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from alerts")) {
      assertTrue(rs.next());
      s.cancel();
      SQLException e = assertThrows(SQLException.class, () -> {
        while (rs.next()) {
          // Reading on would page through the whole table.
        }
      });
      assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("cancel"), e.getMessage());
    }
    assertEquals(List.of("GET /v2/alerts?page_size=50"), requests());
  }
}
