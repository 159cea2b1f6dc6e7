package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that prepared statements with parameters return the rows of the same query written
 * with literals, and that the statement settings clients use (max rows, fetch size, warnings)
 * behave.
 */
class PreparedStatementTest {
  private static final DateTimeFormatter LITERAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static Simulator sim;
  private Connection connection;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(11).unlimitedRate());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void open() throws Exception {
    connection = SimulatorConnections.connect(sim);
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  private static List<String> read(ResultSet rs) throws Exception {
    List<String> rows = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        rows.add(b.toString());
      }
    }
    return rows;
  }

  private List<String> literal(String sql) throws Exception {
    try (Statement s = connection.createStatement()) {
      return read(s.executeQuery(sql));
    }
  }

  @Test
  void aStringParameterReturnsTheRowsOfTheLiteralQuery() throws Exception {
    List<String> firing = literal("SELECT id, status FROM alerts WHERE status = 'firing' ORDER BY id");
    List<String> resolved = literal("SELECT id, status FROM alerts WHERE status = 'resolved' ORDER BY id");
    assertFalse(firing.isEmpty());
    assertFalse(resolved.isEmpty());
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT id, status FROM alerts WHERE status = ? ORDER BY id")) {
      assertEquals(1, ps.getParameterMetaData().getParameterCount());
      ps.setString(1, "firing");
      assertEquals(firing, read(ps.executeQuery()));
      // The same statement, run again with another value.
      ps.setString(1, "resolved");
      assertEquals(resolved, read(ps.executeQuery()));
    }
  }

  @Test
  void aTimestampParameterMeansTheSameInstantAsTheUtcLiteral() throws Exception {
    Timestamp bound;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT created_at FROM incidents ORDER BY created_at LIMIT 1 OFFSET 200")) {
      assertTrue(rs.next());
      bound = rs.getTimestamp(1);
    }
    String text = LITERAL.format(bound.toInstant());
    List<String> expected = literal(
        "SELECT id, created_at FROM incidents WHERE created_at >= TIMESTAMP '" + text + "' ORDER BY id");
    assertTrue(expected.size() > 10, "some incidents are newer: " + expected.size());
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id, created_at FROM incidents WHERE created_at >= ? ORDER BY id")) {
      ps.setTimestamp(1, bound);
      assertEquals(expected, read(ps.executeQuery()));
    }
  }

  @Test
  void severalParametersInAJoinReturnTheRowsOfTheLiteralQuery() throws Exception {
    String template = "SELECT i.reference, COUNT(*) AS alerts FROM incidents i"
        + " JOIN incident_alerts ia ON ia.incident_id = i.id"
        + " JOIN alerts a ON a.id = ia.alert_id"
        + " WHERE a.status = %s AND i.incident_status_category <> %s"
        + " GROUP BY i.reference HAVING COUNT(*) >= %s ORDER BY i.reference";
    List<String> expected = literal(String.format(template, "'firing'", "'closed'", "1"));
    assertFalse(expected.isEmpty());
    try (PreparedStatement ps = connection.prepareStatement(String.format(template, "?", "?", "?"))) {
      ps.setString(1, "firing");
      ps.setString(2, "closed");
      ps.setInt(3, 1);
      assertEquals(expected, read(ps.executeQuery()));
    }
  }

  @Test
  void maxRowsCapsTheRowsAndStopsFetchingPages() throws Exception {
    sim.requestLog().clear();
    try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM alerts WHERE status <> ?")) {
      ps.setMaxRows(3);
      assertEquals(3, ps.getMaxRows());
      ps.setString(1, "nothing-has-this-status");
      assertEquals(3, read(ps.executeQuery()).size());
    }
    assertEquals(1, sim.requestLog().requestsTo("/v2/alerts").size(), "one page is enough for 3 rows");
  }

  @Test
  void fetchSizeIsKeptAndWarningsAreEmpty() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.setFetchSize(25);
      assertEquals(25, s.getFetchSize());
      try (ResultSet rs = s.executeQuery("SELECT id FROM incident_updates")) {
        rs.setFetchSize(10);
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertTrue(n > 250, "every row, across pages: " + n);
        assertNull(rs.getWarnings());
      }
      assertNull(s.getWarnings());
    }
    assertNull(connection.getWarnings());
  }
}
