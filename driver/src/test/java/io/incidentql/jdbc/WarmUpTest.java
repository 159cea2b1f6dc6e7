package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Tests that the background warm-up started by the first connection is a daemon thread that
 * finishes on its own, sends nothing to the API the user connected to, and leaves queries
 * working.
 */
class WarmUpTest {
  @Test
  void theWarmUpRunsOnceInTheBackgroundAndSendsNothing() throws Exception {
    try (Simulator sim = SimulatorConnections.start(SimulatorConfig.builder().seed(3).unlimitedRate());
        Connection c = SimulatorConnections.connect(sim)) {
      Thread warmUp = IncidentIoWarmUp.thread();
      assertNotNull(warmUp, "started by the first connection");
      assertTrue(warmUp.isDaemon());
      warmUp.join(120_000);
      assertFalse(warmUp.isAlive(), "the warm-up finishes on its own");
      assertTrue(IncidentIoWarmUp.completed(), "the warm-up planned and ran its queries");
      assertEquals(0, sim.requestLog().size(), sim.requestLog().lines().toString());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidents WHERE mode = 'standard'")) {
        assertTrue(rs.next());
        assertTrue(rs.getLong(1) > 0);
      }
      // A second connection does not start another one.
      try (Connection again = SimulatorConnections.connect(sim)) {
        assertEquals(warmUp, IncidentIoWarmUp.thread());
      }
    }
  }
}
