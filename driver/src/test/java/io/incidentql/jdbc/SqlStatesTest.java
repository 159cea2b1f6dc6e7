package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  void theEnginesOwnCancelCheckReadsAsACancelToo() {
    // Avatica's result set throws this, without a SQLState, when it sees the cancel flag first.
    SQLException e = JdbcErrors.translate(new SQLException("Statement canceled"));
    assertEquals("HY008", e.getSQLState());
    assertEquals("Statement canceled", e.getMessage());
  }
}
