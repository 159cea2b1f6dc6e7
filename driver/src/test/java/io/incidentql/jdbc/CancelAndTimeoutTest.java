package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.incidentql.adapter.api.ApiActivity;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tests of {@code Statement.setQueryTimeout} and {@code Statement.cancel()} against a slow API.
 *
 * <p>What they measure is only the part under test: each connection first runs the query it is
 * tested with, so that the machine's first planning, class loading and JIT work are done, and
 * the tested statement is prepared before its clock starts. The server then makes the client
 * wait {@link #SERVER_WAIT}; the timeout or the cancel must end that wait within {@link #BOUND},
 * which a busy machine meets with a wide margin and which the server's wait alone never meets.
 * Whatever else the tests do (connecting, warming up) is bounded by the class's {@link Timeout}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CancelAndTimeoutTest {
  /** How long the server makes the client wait: a 429's retry time, a stalled body. */
  private static final Duration SERVER_WAIT = Duration.ofSeconds(60);

  /** How long a timeout of a few seconds or a cancel may take to end that wait. */
  private static final Duration BOUND = Duration.ofSeconds(20);

  /**
   * Patient enough that only the query timeout or a cancel can end the server's wait, and past the
   * response cache, so that every execution sends its requests.
   */
  private static final String PATIENT =
      ";readTimeoutSeconds=90;callTimeoutSeconds=120;maxRateLimitWaitSeconds=90"
          + SimulatorConnections.NO_CACHE;

  /**
   * The query timeout of the tests whose request must reach the server first: a request of a
   * warm connection takes milliseconds to get there, so it arrives long before the timeout.
   */
  private static final int TIMEOUT_SECONDS = 2;

  private static final String COUNT_ALERTS = "SELECT COUNT(*) FROM alerts";

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
   * Opens a patient connection (with {@code extra} properties) that has run {@code sql} once to
   * its end, and clears the request log: the test's own query then plans and runs warm.
   */
  private static Connection warmConnection(String extra, String sql) throws SQLException {
    Connection c = FaultMatrixTest.connect(sim, PATIENT + extra);
    try {
      SimulatorConnections.runToTheEnd(c, sql);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    sim.requestLog().clear();
    return c;
  }

  /**
   * Runs the prepared query with a timeout of {@code seconds}, reading every row, and returns
   * what it failed with. The run, timed from {@code executeQuery} on, must end within {@link
   * #BOUND}, and cannot end before its timeout.
   */
  private static SQLException failsAtItsTimeout(PreparedStatement s, int seconds)
      throws SQLException {
    s.setQueryTimeout(seconds);
    long start = System.nanoTime();
    SQLException e =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                assertThrows(
                    SQLException.class,
                    () -> {
                      try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                          rs.getObject(1);
                        }
                      }
                    }),
            () -> "a timeout of " + seconds + " s did not end the query within " + BOUND);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(
        took.compareTo(Duration.ofSeconds(seconds)) >= 0,
        "failed after " + took + ", before its timeout: " + e);
    return e;
  }

  /** Asserts the documented failure of a query that ran out of its timeout of {@code seconds}. */
  private static void assertTimedOut(SQLException e, int seconds) {
    assertInstanceOf(SQLTimeoutException.class, e, e.toString());
    assertEquals("HYT00", e.getSQLState(), e.getMessage());
    assertTrue(
        e.getMessage().startsWith("Query timeout of " + seconds + " s exceeded"), e.getMessage());
    assertTrue(e.getMessage().contains("setQueryTimeout"), e.getMessage());
  }

  /** Waits, within the class's timeout, until {@code condition} holds or {@code query} ended. */
  private static void awaitWhileRunning(BooleanSupplier condition, CompletableFuture<?> query)
      throws InterruptedException {
    while (!condition.getAsBoolean() && !query.isDone()) {
      Thread.sleep(5);
    }
  }

  /**
   * Cancels {@code s} and returns what its {@code query} failed with, which must come within
   * {@link #BOUND} of the cancel.
   */
  private static SQLException failsOnCancel(Statement s, CompletableFuture<?> query)
      throws Exception {
    assertFalse(query.isDone(), () -> "the query ended before the cancel: " + outcome(query));
    s.cancel();
    try {
      Object result = query.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
      return fail("the cancelled query returned " + result);
    } catch (TimeoutException e) {
      return fail("the cancel did not end the query within " + BOUND);
    } catch (ExecutionException e) {
      return assertInstanceOf(SQLException.class, e.getCause());
    }
  }

  private static String outcome(CompletableFuture<?> query) {
    try {
      return String.valueOf(query.join());
    } catch (CompletionException e) {
      return e.getCause().toString();
    }
  }

  /** Runs the query that {@code execution} starts on another thread and returns its count. */
  private static CompletableFuture<Integer> inBackground(Callable<ResultSet> execution) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (ResultSet rs = execution.call()) {
            assertTrue(rs.next());
            return rs.getInt(1);
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        });
  }

  @Test
  void aScanOfManySlowPagesFailsAtItsTimeoutInsteadOfReturningPart() throws Exception {
    // Another table than the other tests use: the page in flight at the timeout is logged (and
    // could take a planned fault) only after its latency, when the next test may be running.
    String sql = "SELECT id FROM incident_updates";
    try (Connection c = warmConnection("", sql);
        PreparedStatement s = c.prepareStatement(sql)) {
      // Each page takes 400 ms; three pages cannot fit in one second, nor all of them in BOUND.
      sim.setLatency(Duration.ofMillis(400));
      SQLException e = failsAtItsTimeout(s, 1);
      assertTimedOut(e, 1);
    }
    assertTrue(
        sim.requestLog().requestsTo("/v2/incident_updates").size() <= 3,
        sim.requestLog().lines().toString());
  }

  @Test
  void theQueryTimeoutCutsARateLimitWaitShort() throws Exception {
    try (Connection c = warmConnection("", COUNT_ALERTS);
        PreparedStatement s = c.prepareStatement(COUNT_ALERTS)) {
      ApiActivity activity = c.unwrap(ApiActivity.class);
      ApiActivity.Snapshot before = activity.snapshot();
      sim.faults().next().onPath("/v2/alerts").tooManyRequests(SERVER_WAIT);
      SQLException e = failsAtItsTimeout(s, TIMEOUT_SECONDS);
      assertTimedOut(e, TIMEOUT_SECONDS);
      ApiActivity.Snapshot used = activity.snapshot().minus(before);
      assertTrue(
          used.rateLimitWait().compareTo(Duration.ZERO) > 0
              && used.rateLimitWait().compareTo(BOUND) < 0,
          "the query waited for the rate limit, less than the server asked: " + used);
      assertEquals(1, used.requests(), "no second attempt after the timeout: " + used);
    }
    assertEquals(1, alertRequests(), "no second attempt after the timeout");
  }

  @Test
  void cancelEndsARateLimitWait() throws Exception {
    try (Connection c = warmConnection("", COUNT_ALERTS);
        PreparedStatement s = c.prepareStatement(COUNT_ALERTS)) {
      ApiActivity activity = c.unwrap(ApiActivity.class);
      Duration waitedBefore = activity.snapshot().rateLimitWait();
      sim.faults().next().onPath("/v2/alerts").tooManyRequests(SERVER_WAIT);
      CompletableFuture<Integer> query = inBackground(s::executeQuery);
      // The 429 came and the client is waiting it out (a wait under way counts as it goes).
      awaitWhileRunning(
          () ->
              alertRequests() == 1
                  && activity.snapshot().rateLimitWait().compareTo(waitedBefore) > 0,
          query);
      SQLException e = failsOnCancel(s, query);
      assertEquals("HY008", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("Query cancelled while"), e.getMessage());
    }
    assertEquals(1, alertRequests(), "no second attempt after the cancel");
  }

  @Test
  void aQueryThatOutlastsItsTimeoutFailsWithHyt00() throws Exception {
    try (Connection c = warmConnection("", COUNT_ALERTS);
        PreparedStatement s = c.prepareStatement(COUNT_ALERTS)) {
      sim.faults().next().onPath("/v2/alerts").stallBody(SERVER_WAIT);
      assertTimedOut(failsAtItsTimeout(s, TIMEOUT_SECONDS), TIMEOUT_SECONDS);
    }
    assertEquals(1, alertRequests(), "the timed-out page is not retried");
  }

  @Test
  void aQueryWithinItsTimeoutReturnsEveryRow() throws Exception {
    try (Connection c = warmConnection("", COUNT_ALERTS);
        Statement s = c.createStatement()) {
      s.setQueryTimeout(30);
      try (ResultSet rs = s.executeQuery(COUNT_ALERTS)) {
        assertTrue(rs.next());
        assertEquals(120, rs.getInt(1));
      }
    }
  }

  @Test
  void cancelAbortsTheRequestInFlight() throws Exception {
    try (Connection c = warmConnection("", COUNT_ALERTS)) {
      SQLException e = cancelDuringAStalledPage(c);
      assertEquals("HY008", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("Query cancelled while"), e.getMessage());
    }
  }

  @Test
  void cancelAbortsTheRequestInFlightOfADslStatementToo() throws Exception {
    try (Connection c = warmConnection(";language=dsl", COUNT_ALERTS)) {
      SQLException e = cancelDuringAStalledPage(c);
      assertEquals("HY008", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("Query cancelled while"), e.getMessage());
    }
  }

  /**
   * Runs {@code SELECT COUNT(*) FROM alerts} (valid SQL and DSL) on {@code c} while its first
   * page stalls, cancels the statement once the request is on the wire, checks that no request
   * follows, and returns what the query failed with.
   */
  private static SQLException cancelDuringAStalledPage(Connection c) throws Exception {
    sim.faults().next().onPath("/v2/alerts").stallBody(SERVER_WAIT);
    try (Statement s = c.createStatement()) {
      CompletableFuture<Integer> query = inBackground(() -> s.executeQuery(COUNT_ALERTS));
      // The server logs a request when it arrives, before it answers: the call is in flight.
      awaitWhileRunning(() -> alertRequests() > 0, query);
      SQLException e = failsOnCancel(s, query);
      assertEquals(1, alertRequests(), "no second attempt after the cancel");
      return e;
    }
  }

  @Test
  void aCancelledConnectionCanRunTheNextQuery() throws Exception {
    try (Connection c = warmConnection("", COUNT_ALERTS)) {
      cancelDuringAStalledPage(c);
      try (Statement s = c.createStatement()) {
        CompletableFuture<Integer> next = inBackground(() -> s.executeQuery(COUNT_ALERTS));
        assertEquals(120, next.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
      }
    }
  }
}
