package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that a connection checks its key with {@code GET /v1/identity} when it opens, so that a
 * refused key fails "Test connection" rather than the first query, and that {@code isValid}
 * says whether the API answers.
 */
class KeyCheckTest {
  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(3).unlimitedRate());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void clearLog() {
    sim.requestLog().clear();
  }

  private static List<String> identityChecks() {
    return sim.requestLog().identityChecks().stream()
        .map(r -> r + " -> " + r.status())
        .toList();
  }

  @Test
  void aRefusedKeyFailsTheConnectionWith28000AfterOneRequest() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        SimulatorConnections.url(sim), "", "test-key-wrong-0000"));
    assertEquals("28000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("401"), e.getMessage());
    assertFalse(e.getMessage().contains("test-key-wrong-0000"), e.getMessage());
    assertEquals(List.of("GET /v1/identity -> 401"), identityChecks());
    assertEquals(List.of(), sim.requestLog().lines());
  }

  @Test
  void anAcceptedKeyConnectsAfterOneIdentityRequest() throws SQLException {
    try (Connection c = SimulatorConnections.connect(sim)) {
      assertEquals(List.of("GET /v1/identity -> 200"), identityChecks());
      assertEquals(List.of(), sim.requestLog().lines(), "connecting reads no table");
      assertTrue(c.isValid(2));
      assertTrue(c.isValid(0));
      assertEquals(3, identityChecks().size(), "one request per isValid");
    }
  }

  @Test
  void isValidIsFalseWhenTheApiDoesNotAnswerAndOnceClosed() throws SQLException {
    Connection c = DriverManager.getConnection(
        SimulatorConnections.url(sim) + ";maxRetries=0", "", SimulatorConnections.TEST_KEY);
    sim.faults().next().onPath("/v1/identity").status(503);
    assertFalse(c.isValid(2));
    sim.faults().next().onPath("/v1/identity").disconnect();
    assertFalse(c.isValid(2));
    assertTrue(c.isValid(2), "the faults were used up: the API answers again");
    SQLException e = assertThrows(SQLException.class, () -> c.isValid(-1));
    assertEquals("HY024", e.getSQLState());
    c.close();
    int before = identityChecks().size();
    assertFalse(c.isValid(2));
    assertEquals(before, identityChecks().size(), "a closed connection sends nothing");
  }

  @Test
  void aServerWithoutTheIdentityEndpointIsNotTheApi() {
    sim.faults().next().onPath("/v1/identity").status(404);
    SQLException e = assertThrows(SQLException.class, () -> SimulatorConnections.connect(sim));
    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("baseUrl"), e.getMessage());
  }

  @Test
  void demoDataNeedsNoKey() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:incidentio:demo=true");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidents")) {
      assertTrue(rs.next());
      assertTrue(c.isValid(2));
    }
  }
}
