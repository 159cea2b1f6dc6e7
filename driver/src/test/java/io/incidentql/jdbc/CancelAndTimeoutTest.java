package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(3).scale(120, 20, 10, 600));
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.faults().clear();
    sim.requestLog().clear();
    sim.setLatency(Duration.ZERO);
  }

  private static int alertRequests() {
    return sim.requestLog().requestsTo("/v2/alerts").size();
  }

  /**
   * Runs the query with the timeout and returns its failure, bounded in time. The query is
   * prepared first: the timeout also bounds planning, which these tests are not about.
   */
  private static SQLException timedOut(String extra, int seconds, String sql) {
    SQLException[] e = new SQLException[1];
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          try (Connection c = FaultMatrixTest.connect(sim, PATIENT + extra);
              PreparedStatement s = c.prepareStatement(sql)) {
            s.setQueryTimeout(seconds);
            e[0] =
                assertThrows(
                    SQLException.class,
                    () -> {
                      try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                          rs.getObject(1);
                        }
                      }
                    });
          }
        });
    return e[0];
  }

  @Test
  void aScanOfManySlowPagesFailsAtItsTimeoutInsteadOfReturningPart() {
    // Each page takes 400 ms; three pages cannot fit in one second.
    // Another table than the other tests use: the page in flight at the timeout is logged (and
    // could take a planned fault) only after its latency, when the next test may be running.
    sim.setLatency(Duration.ofMillis(400));
    SQLException e = timedOut("", 1, "SELECT id FROM incident_updates");
    assertEquals("HYT00", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Query timeout of 1 s exceeded"), e.getMessage());
    assertTrue(
        sim.requestLog().requestsTo("/v2/incident_updates").size() <= 3,
        sim.requestLog().lines().toString());
  }

  @Test
  void theQueryTimeoutCutsARateLimitWaitShort() {
    sim.faults().next().onPath("/v2/alerts").tooManyRequests(Duration.ofSeconds(30));
    SQLException e =
        timedOut(";maxRateLimitWaitSeconds=60", 1, "SELECT COUNT(*) FROM alerts");
    assertEquals("HYT00", e.getSQLState(), e.getMessage());
    assertEquals(1, alertRequests(), "no second attempt after the timeout");
  }

  @Test
  void cancelEndsARateLimitWait() {
    sim.faults().next().onPath("/v2/alerts").tooManyRequests(Duration.ofSeconds(30));
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          try (Connection c =
                  FaultMatrixTest.connect(sim, PATIENT + ";maxRateLimitWaitSeconds=60");
              Statement s = c.createStatement()) {
            CompletableFuture<Void> query =
                CompletableFuture.runAsync(
                    () -> {
                      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
                        rs.next();
                      } catch (SQLException e) {
                        throw new CompletionException(e);
                      }
                    });
            while (alertRequests() == 0) {
              Thread.sleep(10);
            }
            s.cancel();
            CompletionException wrapped = assertThrows(CompletionException.class, query::join);
            assertEquals("HY008", ((SQLException) wrapped.getCause()).getSQLState());
          }
        });
    assertEquals(1, alertRequests());
  }

  @Test
  void aQueryThatOutlastsItsTimeoutFailsWithHyt00() {
    sim.faults().next().onPath("/v2/alerts").stallBody(Duration.ofSeconds(30));
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          // Prepared first: the timeout also bounds planning, which this test is not about.
          try (Connection c = FaultMatrixTest.connect(sim, PATIENT);
              PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM alerts")) {
            s.setQueryTimeout(1);
            SQLException e =
                assertThrows(
                    SQLException.class,
                    () -> {
                      try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                      }
                    });
            assertInstanceOf(SQLTimeoutException.class, e);
            assertEquals("HYT00", e.getSQLState());
            assertTrue(e.getMessage().startsWith("Query timeout of 1 s exceeded"), e.getMessage());
            assertTrue(e.getMessage().contains("setQueryTimeout"), e.getMessage());
          }
        });
    assertEquals(1, alertRequests(), "the timed-out page is not retried");
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
    SQLException e = cancelDuringAStalledPage("");
    assertEquals("HY008", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("cancel"), e.getMessage());
  }

  @Test
  void cancelAbortsTheRequestInFlightOfADslStatementToo() {
    SQLException e = cancelDuringAStalledPage(";language=dsl");
    assertTrue(e.getMessage().toLowerCase().contains("cancel"), e.getMessage());
  }

  /**
   * Runs {@code SELECT COUNT(*) FROM alerts} (valid SQL and DSL) while its first page stalls,
   * cancels the statement from this thread once the request is on the wire, and returns what
   * the query failed with.
   */
  private static SQLException cancelDuringAStalledPage(String extraProperties) {
    sim.faults().next().onPath("/v2/alerts").stallBody(Duration.ofSeconds(60));
    return assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          try (Connection c = FaultMatrixTest.connect(sim, PATIENT + extraProperties);
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
            while (alertRequests() == 0) {
              Thread.sleep(10);
            }
            s.cancel();
            CompletionException wrapped = assertThrows(CompletionException.class, query::join);
            return assertInstanceOf(SQLException.class, wrapped.getCause());
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
        while (alertRequests() == 0) {
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
