package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that SQL as analysts coming from PostgreSQL write it returns the rows of its standard
 * spelling: {@code GROUP BY} a position or an alias, {@code HAVING} an alias, {@code ILIKE} and
 * {@code DATE_TRUNC}.
 */
class AnalystSqlTest {
  private static Simulator sim;
  private Connection connection;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(9).scale(80, 60, 40, 60)
        .unlimitedRate());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void open() throws SQLException {
    connection = SimulatorConnections.connect(sim);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
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

  private void same(String standard, String analyst) throws SQLException {
    List<String> expected = rows(standard);
    assertFalse(expected.isEmpty(), standard);
    assertEquals(expected, rows(analyst), analyst);
  }

  @Test
  void groupByAPositionOrAnAlias() throws SQLException {
    String standard = "SELECT status, COUNT(*) FROM alerts GROUP BY status ORDER BY status";
    same(standard, "SELECT status, COUNT(*) FROM alerts GROUP BY 1 ORDER BY 1");
    same(standard, "SELECT status AS s, COUNT(*) AS n FROM alerts GROUP BY s ORDER BY s");
    same("SELECT status, COUNT(*) FROM alerts GROUP BY status HAVING COUNT(*) > 1 ORDER BY status",
        "SELECT status, COUNT(*) AS n FROM alerts GROUP BY 1 HAVING n > 1 ORDER BY 1");
  }

  @Test
  void iLikeMatchesWithoutRegardToCase() throws SQLException {
    same("SELECT id FROM alerts WHERE LOWER(title) LIKE '%a%' ORDER BY id",
        "SELECT id FROM alerts WHERE title ILIKE '%A%' ORDER BY id");
  }

  @Test
  void dateTruncIsFloorToTheUnit() throws SQLException {
    same("SELECT FLOOR(created_at TO DAY) AS d, COUNT(*) FROM incidents"
            + " GROUP BY FLOOR(created_at TO DAY) ORDER BY d",
        "SELECT DATE_TRUNC('day', created_at) AS d, COUNT(*) FROM incidents GROUP BY 1 ORDER BY 1");
    same("SELECT id, FLOOR(created_at TO MONTH) FROM incidents ORDER BY id",
        "SELECT id, date_trunc('MONTH', created_at) FROM incidents ORDER BY id");
  }
}
