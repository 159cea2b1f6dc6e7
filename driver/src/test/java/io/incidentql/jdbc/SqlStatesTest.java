package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests that each kind of failure reaches JDBC with the SQLState class that names it. */
class SqlStatesTest {
  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(4).scale(20, 10, 10, 10));
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.faults().clear();
  }

  private static SQLException failure(String sql) {
    return assertThrows(
        SQLException.class,
        () -> {
          try (Connection c = FaultMatrixTest.connect(sim, "");
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        });
  }

  @Test
  void aSyntaxErrorIs42000AndSaysWhere() {
    SQLException e = failure("SELEC id FROM alerts");
    assertInstanceOf(SQLSyntaxErrorException.class, e);
    assertEquals("42000", e.getSQLState());
    assertTrue(e.getMessage().contains("line 1, column 1"), e.getMessage());
  }

  @Test
  void anUnknownTableIs42S02() {
    SQLException e = failure("SELECT * FROM alertz");
    assertEquals("42S02", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("alertz"), e.getMessage());
  }

  @Test
  void anUnknownColumnIs42S22() {
    SQLException e = failure("SELECT severity FROM alerts");
    assertEquals("42S22", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("severity"), e.getMessage());
  }

  @Test
  void aTypeMismatchInSqlIs42000() {
    SQLException e = failure("SELECT * FROM alerts WHERE created_at = TRUE");
    assertEquals("42000", e.getSQLState(), e.getMessage());
  }

  @Test
  void aValidationRefusalByTheApiIs22023WithItsRequestId() {
    sim.faults().next().onPath("/v2/alerts").status(422);
    SQLException e = failure("SELECT id FROM alerts");
    assertInstanceOf(SQLDataException.class, e);
    assertEquals("22023", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 422"), e.getMessage());
    assertTrue(e.getMessage().contains("request_id"), e.getMessage());
  }

  @Test
  void everyWriteIsRefusedAsNotSupportedBeforeAnyRequest() throws Exception {
    sim.requestLog().clear();
    String[] writes = {
      "DELETE FROM alerts",
      "  insert into alerts (id) values ('x')",
      "-- a comment first\nUPDATE alerts SET status = 'resolved'",
      "/* note */ MERGE INTO alerts USING alerts ON TRUE WHEN MATCHED THEN DELETE",
      "(DELETE FROM alerts)",
      "CREATE TABLE t (x INT)",
      "DROP TABLE alerts",
    };
    try (Connection c = FaultMatrixTest.connect(sim, "");
        Statement s = c.createStatement()) {
      for (String sql : writes) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("25006", e.getSQLState(), sql);
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals("25006", assertThrows(SQLException.class, () -> s.executeUpdate(sql)).getSQLState());
        assertEquals("25006", assertThrows(SQLException.class, () -> c.prepareStatement(sql)).getSQLState());
      }
      // A query that merely mentions a write keyword later on is still a query.
      try (ResultSet rs = s.executeQuery("SELECT 'DELETE' AS word FROM alerts LIMIT 1")) {
        assertTrue(rs.next());
      }
    }
    assertTrue(
        sim.requestLog().requests().stream().allMatch(r -> r.path().equals("/v2/alerts")),
        "only the SELECT reached the API");
  }

  @Test
  void aStringThatIsNoTimestampIs22007NamingTheColumn() {
    SQLException e = failure("SELECT id FROM incidents WHERE created_at > 'yesterday'");
    assertEquals("22007", e.getSQLState(), e.getMessage());
    assertEquals("line 1:45: cannot compare TIMESTAMP column 'created_at' with string"
        + " 'yesterday', which is not a timestamp (write e.g. '2025-01-01T10:00:00Z' or"
        + " TIMESTAMP '2025-01-01 10:00:00')", e.getMessage());
  }

  @Test
  void aStringThatIsNoNumberIs42000NamingTheColumn() {
    SQLException e = failure("SELECT id FROM incidents WHERE severity_rank > 'high'");
    assertEquals("42000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().startsWith("line 1:48: cannot compare numeric column"
        + " 'severity_rank' with string 'high', which is not a number"), e.getMessage());
  }

  @Test
  void anIsoTimestampStringMeansItsInstantAsTheDslDocsSay() throws Exception {
    try (Connection c = FaultMatrixTest.connect(sim, "");
        Statement s = c.createStatement()) {
      for (String[] same : new String[][] {
          {"'2024-12-01T00:00:00Z'", "TIMESTAMP '2024-12-01 00:00:00'"},
          {"'2024-12-01T09:30:00+09:00'", "TIMESTAMP '2024-12-01 00:30:00'"},
          {"'2024-11-30T12:00:00.250Z'", "TIMESTAMP '2024-11-30 12:00:00.250'"}}) {
        List<String> iso = ids(s, "SELECT id FROM alerts WHERE created_at < " + same[0]
            + " ORDER BY id");
        assertEquals(ids(s, "SELECT id FROM alerts WHERE created_at < " + same[1] + " ORDER BY id"),
            iso, same[0]);
        assertFalse(iso.isEmpty());
      }
    }
  }

  private static List<String> ids(Statement s, String sql) throws SQLException {
    List<String> ids = new java.util.ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  @Test
  void anUnknownNameSuggestsTheNearestKnownOne() {
    SQLException e = failure("SELECT id FROM incidentz");
    assertEquals("42S02", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().endsWith("; did you mean 'incidents'?"), e.getMessage());
    e = failure("SELECT severity_rnak FROM incidents");
    assertEquals("42S22", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().endsWith("; did you mean 'severity_rank'?"), e.getMessage());
    e = failure("SELECT zzzzzzzz FROM incidents");
    assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
  }

  @Test
  void aJsonValueReturningDoubleSumsAsItsCastDoes() throws Exception {
    try (Connection c = FaultMatrixTest.connect(sim, "");
        Statement s = c.createStatement()) {
      String path = "'$[0].value_seconds'";
      List<String> returning = ids(s, "SELECT SUM(JSON_VALUE(duration_metrics, " + path
          + " RETURNING DOUBLE)) FROM incidents");
      List<String> cast = ids(s, "SELECT SUM(CAST(JSON_VALUE(duration_metrics, " + path
          + ") AS DOUBLE)) FROM incidents");
      assertEquals(cast, returning);
    }
  }

  /**
   * Mistakes users make, each of which must fail with a SQLState that names the kind: HY000 is
   * kept for the driver's own defects.
   */
  @Test
  void noTypicalMistakeIsAnInternalError() throws Exception {
    String[] mistakes = {
      "SELEC id FROM alerts",
      "SELECT id FROM alertz",
      "SELECT idd FROM alerts",
      "SELECT id FROM incidents WHERE created_at > 'yesterday'",
      "SELECT id FROM incidents WHERE created_at BETWEEN 'last week' AND 'now'",
      "SELECT id FROM incidents WHERE created_at > '2024-13-45T00:00:00Z'",
      "SELECT id FROM incidents WHERE created_at IN ('soon', 'later')",
      "SELECT id FROM incidents WHERE severity_rank > 'high'",
      "SELECT id FROM incidents WHERE severity_rank = 'two'",
      "SELECT id FROM incidents WHERE CAST('soon' AS TIMESTAMP) < created_at",
      "SELECT id FROM incidents WHERE CAST('many' AS BIGINT) > severity_rank",
      "SELECT id FROM alerts WHERE created_at = TRUE",
      "SELECT COUNT(*) FROM alerts GROUP BY nosuch",
      "SELECT id, COUNT(*) FROM alerts",
      "SELECT nosuchfn(id) FROM alerts",
      "SELECT * FROM alerts a JOIN incidents i ON a.nosuch = i.id",
      "SELECT id FROM alerts ORDER BY 99",
      "SELECT id FROM alerts LIMIT -1",
      "SELECT id FROM alerts WHERE id = 'x' AND",
      "SELECT 1/0 FROM alerts",
      "DELETE FROM alerts",
    };
    List<String> internal = new java.util.ArrayList<>();
    try (Connection c = FaultMatrixTest.connect(sim, "")) {
      for (String sql : mistakes) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            rs.getObject(1);
          }
          internal.add("no failure: " + sql);
        } catch (SQLException e) {
          if (e.getSQLState() == null || e.getSQLState().startsWith("HY0")
              || e.getMessage().contains("\n\tat ")) {
            internal.add(e.getSQLState() + " " + sql + ": " + e.getMessage());
          }
        }
      }
      try (java.sql.PreparedStatement ps =
          c.prepareStatement("SELECT id FROM alerts WHERE created_at > ?")) {
        SQLException e = assertThrows(SQLException.class, ps::executeQuery);
        assertEquals("07001", e.getSQLState(), e.getMessage());
      }
    }
    assertEquals(List.of(), internal);
  }

  @Test
  void theEnginesOwnCancelCheckReadsAsACancelToo() {
    // Avatica's result set throws this, without a SQLState, when it sees the cancel flag first.
    SQLException e = JdbcErrors.translate(new SQLException("Statement canceled"));
    assertEquals("HY008", e.getSQLState());
    assertEquals("Statement canceled", e.getMessage());
  }
}
