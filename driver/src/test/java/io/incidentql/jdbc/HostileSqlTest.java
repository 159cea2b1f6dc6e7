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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Test of SQL written to exhaust the driver: a statement nested too deeply to plan is refused
 * with SQLState 54001 and a message saying what to simplify, and the connection stays usable.
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
