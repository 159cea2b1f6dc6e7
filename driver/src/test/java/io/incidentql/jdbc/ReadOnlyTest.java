package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests that statements which would write or define something fail with a read-only error before
 * any request, and that the transaction calls clients make as routine succeed.
 */
class ReadOnlyTest {
  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(1).unlimitedRate());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void clearLog() {
    sim.requestLog().clear();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "INSERT INTO alerts (id) VALUES ('a')",
    "update alerts set title = 'x' where id = 'a'",
    "DELETE FROM incidents",
    "MERGE INTO alerts a USING incidents i ON a.id = i.id WHEN MATCHED THEN UPDATE SET title = 'x'",
    "CREATE TABLE t (a INT)",
    "  -- a comment first\n /* and another */ DROP TABLE alerts",
    "ALTER TABLE alerts ADD COLUMN x INT",
    "TRUNCATE TABLE alerts",
  })
  void writesAndDefinitionsFailAsReadOnlyBeforeAnyRequest(String sql) throws Exception {
    String keyword = IncidentIoReadOnly.firstKeyword(sql);
    try (Connection c = SimulatorConnections.connect(sim); Statement s = c.createStatement()) {
      for (ThrowingCall call : List.<ThrowingCall>of(
          () -> s.execute(sql),
          () -> s.executeUpdate(sql),
          () -> s.executeQuery(sql),
          () -> s.addBatch(sql),
          () -> c.prepareStatement(sql))) {
        SQLException e = assertThrows(SQLException.class, call::run);
        assertEquals("25006", e.getSQLState());
        assertEquals("IncidentQL is read-only: " + keyword + " statements are not supported (the"
            + " incident.io API is only read); use SELECT", e.getMessage());
      }
    }
    assertEquals(List.of(), sim.requestLog().requests());
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void queriesThatMerelyMentionWritingWordsStillRun() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "(SELECT 'delete' AS word, COUNT(*) AS updates FROM incident_updates WHERE message <> 'insert')")) {
      assertTrue(rs.next());
      assertEquals("delete", rs.getString(1));
    }
  }

  @Test
  void transactionCallsThatToolsMakeSucceedAsNoOps() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim)) {
      assertTrue(c.getAutoCommit());
      c.setAutoCommit(false);
      assertFalse(c.getAutoCommit());
      c.commit();
      c.rollback();
      c.setReadOnly(false);
      assertTrue(c.isReadOnly(), "the connection stays read-only");
      assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
        assertTrue(rs.next());
      }
      c.setAutoCommit(true);
      c.close();
      SQLException e = assertThrows(SQLException.class, c::commit);
      assertEquals("08003", e.getSQLState());
    }
  }
}
