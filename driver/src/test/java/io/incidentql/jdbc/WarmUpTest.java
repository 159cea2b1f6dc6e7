package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Tests that the warm-up's queries send nothing to an API that would answer them, that the
 * background warm-up started by the first connection is a daemon thread that finishes on its own
 * and leaves queries working, and that the test JVM runs no warm-up unless a test asks for it.
 */
class WarmUpTest {
  @Test
  void theWarmUpsQueriesSendNothingToAnApiThatWouldAnswer() throws Exception {
    try (Simulator sim = SimulatorConnections.start(SimulatorConfig.builder().seed(3).unlimitedRate())) {
      boolean completed = IncidentIoWarmUp.run(new IncidentIoDriver(), sim.baseUrl());
      assertEquals(0, sim.requestLog().size(), sim.requestLog().lines().toString());
      assertTrue(completed, "the warm-up planned and ran its queries");
    }
  }

  @Test
  void theWarmUpRunsOnceInTheBackgroundWhenTurnedOn() throws Exception {
    try (Simulator sim = SimulatorConnections.start(SimulatorConfig.builder().seed(3).unlimitedRate())) {
      // The build turns the warm-up off, so that it competes with no test for the CPU.
      try (Connection c = SimulatorConnections.connect(sim)) {
        assertNull(IncidentIoWarmUp.thread(), "no warm-up while turned off");
      }
      System.setProperty(IncidentIoWarmUp.PROPERTY, "true");
      try (Connection c = SimulatorConnections.connect(sim)) {
        Thread warmUp = IncidentIoWarmUp.thread();
        assertNotNull(warmUp, "started by the first connection");
        assertTrue(warmUp.isDaemon());
        warmUp.join(120_000);
        assertFalse(warmUp.isAlive(), "the warm-up finishes on its own");
        assertTrue(IncidentIoWarmUp.completed(), "the warm-up planned and ran its queries");
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidents WHERE mode = 'standard'")) {
          assertTrue(rs.next());
          assertTrue(rs.getLong(1) > 0);
        }
        // A second connection does not start another one.
        try (Connection again = SimulatorConnections.connect(sim)) {
          assertEquals(warmUp, IncidentIoWarmUp.thread());
        }
      } finally {
        System.setProperty(IncidentIoWarmUp.PROPERTY, "false");
      }
    }
  }
}
