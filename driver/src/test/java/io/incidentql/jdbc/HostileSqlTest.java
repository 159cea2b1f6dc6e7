package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Test of SQL written to exhaust the driver: a ten-thousand-value IN list runs (as rows held as
 * data, not code per value), and a statement nested too deeply to plan is refused with SQLState
 * 54001 and a message saying what to simplify, the connection staying usable.
 */
class HostileSqlTest {
  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(3).scale(20, 5, 5, 5));
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  /** Returns {@code 'a','b',...} of the given values and {@code fakes} values no row has. */
  private static String inList(List<String> real, int fakes) {
    StringBuilder sb = new StringBuilder();
    for (String v : real) {
      sb.append('\'').append(v.replace("'", "''")).append("',");
    }
    for (int i = 0; i < fakes; i++) {
      sb.append(i == 0 ? "" : ",").append("'no-such-value-").append(i).append('\'');
    }
    return sb.toString();
  }

  private static List<String> column(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void aTenThousandValueInListRunsWithoutCodePerValue() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim); Statement s = c.createStatement()) {
      List<String> titles = column(s, "SELECT DISTINCT title FROM alerts ORDER BY title LIMIT 3");
      List<String> ids = column(s, "SELECT id FROM alerts ORDER BY id LIMIT 4");
      long total = count(s, "SELECT COUNT(*) FROM alerts");
      String[][] cases = {
        // local column, pushable column, looked-up column; IN and NOT IN
        {"title IN (" + inList(titles, 10_000) + ")",
            "title IN (" + inList(titles, 0).replaceAll(",$", "") + ")"},
        {"status IN (" + inList(List.of("firing", "resolved"), 10_000) + ")",
            "status IN ('firing', 'resolved')"},
        {"id IN (" + inList(ids, 10_000) + ")", "id IN (" + inList(ids, 0).replaceAll(",$", "") + ")"},
        {"title NOT IN (" + inList(titles, 10_000) + ")",
            "title NOT IN (" + inList(titles, 0).replaceAll(",$", "") + ")"},
      };
      for (String[] pair : cases) {
        long expected = count(s, "SELECT COUNT(*) FROM alerts WHERE " + pair[1]);
        assertTrue(expected > 0 && expected <= total, pair[1]);
        sim.requestLog().clear();
        long got =
            assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> count(s, "SELECT COUNT(*) FROM alerts WHERE " + pair[0]));
        assertEquals(expected, got, pair[0].substring(0, 60));
        // Rows are read page by page and checked locally: no request per value.
        List<String> requests = sim.requestLog().lines();
        assertTrue(requests.size() <= total / 50 + 2, requests.toString());
      }
    }
  }

  @Test
  void aStatementNestedTooDeeplyIsRefusedAsTooComplex() throws Exception {
    // Deep enough to exhaust any thread stack the tests run with (surefire gives 4 MB).
    String parens = "SELECT " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + " FROM alerts";
    StringBuilder ors = new StringBuilder("SELECT id FROM alerts WHERE ");
    for (int i = 0; i < 50_000; i++) {
      ors.append("(title = 't").append(i).append("' OR ");
    }
    ors.append("FALSE").append(")".repeat(50_000));
    try (Connection c = SimulatorConnections.connect(sim); Statement s = c.createStatement()) {
      for (String sql : new String[] {parens, ors.toString()}) {
        SQLException e =
            assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> assertThrows(SQLException.class, () -> s.executeQuery(sql).close()));
        assertEquals("54001", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().startsWith("The statement is too complex: it nests too deeply"),
            e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
        assertTrue(rs.next(), "the connection still answers");
      }
    }
  }
}
