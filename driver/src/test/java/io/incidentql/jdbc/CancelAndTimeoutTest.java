package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests of {@code Statement.setQueryTimeout} and {@code Statement.cancel()} against a slow API. */
class CancelAndTimeoutTest {
  /** Patient enough that only the query timeout or a cancel can end a stalled page. */
  private static final String PATIENT = ";readTimeoutSeconds=60;callTimeoutSeconds=120";

  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(3).scale(120, 20, 10, 20));
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.faults().clear();
    sim.requestLog().clear();
  }

  @Test
  void aQueryThatOutlastsItsTimeoutFailsWithHyt00() {
    sim.faults().next().onPath("/v2/alerts").stallBody(Duration.ofSeconds(30));
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          try (Connection c = FaultMatrixTest.connect(sim, PATIENT);
              Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            SQLException e =
                assertThrows(
                    SQLException.class,
                    () -> {
                      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
                        rs.next();
                      }
                    });
            assertInstanceOf(SQLTimeoutException.class, e);
            assertEquals("HYT00", e.getSQLState());
            assertTrue(e.getMessage().startsWith("Query timeout of 1 s exceeded"), e.getMessage());
            assertTrue(e.getMessage().contains("setQueryTimeout"), e.getMessage());
          }
        });
    assertEquals(1, sim.requestLog().size(), "the timed-out page is not retried");
  }

  @Test
  void aQueryWithinItsTimeoutReturnsEveryRow() throws Exception {
    try (Connection c = FaultMatrixTest.connect(sim, "");
        Statement s = c.createStatement()) {
      s.setQueryTimeout(30);
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
        assertTrue(rs.next());
        assertEquals(120, rs.getInt(1));
      }
    }
  }

  @Test
  void cancelAbortsTheRequestInFlight() {
    sim.faults().next().onPath("/v2/alerts").stallBody(Duration.ofSeconds(60));
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          try (Connection c = FaultMatrixTest.connect(sim, PATIENT);
              Statement s = c.createStatement()) {
            CompletableFuture<Integer> query =
                CompletableFuture.supplyAsync(
                    () -> {
                      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
                        rs.next();
                        return rs.getInt(1);
                      } catch (SQLException e) {
                        throw new CompletionException(e);
                      }
                    });
            while (sim.requestLog().size() == 0) {
              Thread.sleep(10);
            }
            s.cancel();
            CompletionException wrapped = assertThrows(CompletionException.class, query::join);
            SQLException e = assertInstanceOf(SQLException.class, wrapped.getCause());
            assertEquals("HY008", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("cancel"), e.getMessage());
          }
        });
  }

  @Test
  void aCancelledConnectionCanRunTheNextQuery() throws Exception {
    sim.faults().next().onPath("/v2/alerts").stallBody(Duration.ofSeconds(60));
    try (Connection c = FaultMatrixTest.connect(sim, PATIENT)) {
      try (Statement s = c.createStatement()) {
        CompletableFuture<Void> query =
            CompletableFuture.runAsync(
                () -> {
                  try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
                    rs.next();
                  } catch (SQLException e) {
                    throw new CompletionException(e);
                  }
                });
        while (sim.requestLog().size() == 0) {
          Thread.sleep(10);
        }
        s.cancel();
        assertThrows(CompletionException.class, query::join);
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
        assertTrue(rs.next());
        assertEquals(120, rs.getInt(1));
      }
    }
  }
}
