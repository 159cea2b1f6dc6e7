package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests that each way of stopping a query (closing its connection from another thread, {@code
 * Statement.cancel()}, interrupting its thread, {@code setQueryTimeout}) ends the work in flight
 * at once, in every place a query can be waiting, and that nothing is sent after the stop.
 *
 * <p>Every wait the server causes lasts a minute (a backoff at least 15 s), and each stop must
 * end the query within ten seconds: a pass means the wait was aborted, not waited out. Only the
 * stop is timed: the query is prepared before, and stopped once it waits where the path makes it
 * wait.
 */
class StopsTest {
  /** How long the server makes the query wait: far beyond the bound below. */
  private static final Duration SERVER_WAIT = Duration.ofSeconds(60);
  /**
   * The most a stopped query may take to end: milliseconds are expected, the rest is slack for a
   * busy machine; shorter than the shortest wait the server causes (a 15 s backoff).
   */
  private static final Duration BOUND = Duration.ofSeconds(10);
  /**
   * Patient settings, so that only the stop under test can end a wait; a retry goes out at once
   * (unless a path says otherwise), so that one sent by mistake after the stop would be seen.
   */
  private static final String PATIENT =
      ";readTimeoutSeconds=120;callTimeoutSeconds=300;maxRateLimitWaitSeconds=120"
          + ";maxRetries=3;maxRetryTimeSeconds=120;retryBackoffSeconds=0.01";
  private static final String SCAN =
      "SELECT id FROM alerts WHERE created_at >= TIMESTAMP '2023-01-01 00:00:00'";

  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(5).scale(2_000, 10, 0, 0));
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.faults().clear();
    sim.requestLog().clear();
    sim.resetRateLimits();
  }

  /** A way to stop a query. */
  enum Stop {
    CLOSE("08003"),
    CANCEL("HY008"),
    INTERRUPT("HY008"),
    TIMEOUT("HYT00");

    final String sqlState;

    Stop(String sqlState) {
      this.sqlState = sqlState;
    }
  }

  /** A place where a query waits, with what makes it wait there. */
  enum Path {
    /** One cursor, its first page stalled. */
    SERIAL(";parallelism=1", SCAN, 1) {
      @Override
      void plan(Simulator s) {
        s.faults().next().onPath("/v2/alerts").stallBody(SERVER_WAIT);
      }
    },
    /**
     * Windows read in parallel, every page after the first stalled: once the first page and the
     * first page of four windows have arrived, no other request can be on its way.
     */
    WINDOWS(";parallelism=4", SCAN, 5) {
      @Override
      void plan(Simulator s) {
        s.faults().next().onPath("/v2/alerts").stallBody(Duration.ofMillis(1));
        s.faults().next(100).onPath("/v2/alerts").stallBody(SERVER_WAIT);
      }
    },
    /** A cursor reading ahead: the third page, requested while the second is read, stalls. */
    LOOK_AHEAD(";parallelism=1", SCAN, 3) {
      @Override
      void plan(Simulator s) {
        s.faults().next(2).onPath("/v2/alerts").stallBody(Duration.ofMillis(1));
        s.faults().next(100).onPath("/v2/alerts").stallBody(SERVER_WAIT);
      }
    },
    /** Waiting out a 429 that asks for a minute. */
    RATE_LIMIT_WAIT(";parallelism=1", SCAN, 1) {
      @Override
      void plan(Simulator s) {
        s.faults().next().onPath("/v2/alerts").tooManyRequests(SERVER_WAIT);
      }
    },
    /** Backing off after a 503, for at least 15 s. */
    RETRY_BACKOFF(";parallelism=1;retryBackoffSeconds=30", SCAN, 1) {
      @Override
      void plan(Simulator s) {
        s.faults().next().onPath("/v2/alerts").status(503);
      }
    },
    /** Planning a 40-way self-join, which would take Calcite minutes. */
    PLANNING(";parallelism=1", selfJoin(40), 0) {
      @Override
      void plan(Simulator s) {}
    };

    final String properties;
    final String sql;
    /** How many requests have arrived once the query waits where this path makes it wait. */
    final int requestsWhenWaiting;

    Path(String properties, String sql, int requestsWhenWaiting) {
      this.properties = properties;
      this.sql = sql;
      this.requestsWhenWaiting = requestsWhenWaiting;
    }

    abstract void plan(Simulator s);
  }

  static String selfJoin(int tables) {
    StringBuilder sql = new StringBuilder("SELECT t0.id FROM alerts t0");
    for (int i = 1; i < tables; i++) {
      sql.append(" JOIN alerts t").append(i).append(" ON t").append(i).append(".id = t")
          .append(i - 1).append(".id");
    }
    return sql.toString();
  }

  static Stream<Arguments> everyPathAndStop() {
    return Arrays.stream(Path.values())
        .flatMap(p -> Arrays.stream(Stop.values()).map(s -> Arguments.of(p, s)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyPathAndStop")
  void eachStopEndsTheWorkInFlightAtOnceAndNothingIsSentAfterIt(Path path, Stop stop)
      throws Exception {
    check(path, stop);
  }

  /**
   * Runs the path's query on a thread of its own, stops it once it waits where the path makes
   * it wait, and asserts that it ends within the bound with the stop's SQLState and that no
   * request arrives after it.
   */
  private static void check(Path path, Stop stop) throws Exception {
    path.plan(sim);
    Connection c =
        DriverManager.getConnection(
            SimulatorConnections.url(sim) + PATIENT + path.properties,
            "",
            SimulatorConnections.TEST_KEY);
    try (c) {
      // Prepared beforehand, except where planning is the path: the query timeout also bounds
      // planning, which would otherwise decide, on a busy machine, where the query stops.
      boolean prepared = path != Path.PLANNING;
      Statement s = prepared ? c.prepareStatement(path.sql) : c.createStatement();
      if (stop == Stop.TIMEOUT) {
        // Long enough for a prepared query's requests to arrive first on a busy machine.
        s.setQueryTimeout(2);
      }
      CompletableFuture<SQLException> failure = new CompletableFuture<>();
      Thread query =
          new Thread(
              () -> {
                try (ResultSet rs = prepared
                    ? ((PreparedStatement) s).executeQuery()
                    : s.executeQuery(path.sql)) {
                  while (rs.next()) {
                    rs.getString(1);
                  }
                  failure.complete(null);
                } catch (SQLException e) {
                  failure.complete(e);
                } catch (RuntimeException e) {
                  failure.completeExceptionally(e);
                }
              },
              "stops-test-query");
      query.setDaemon(true);
      query.start();
      if (path == Path.PLANNING) {
        // Planning sends nothing: the planner on the query's stack shows it is under way.
        awaitPlanning(query, failure);
      } else {
        awaitRequests(path.requestsWhenWaiting, failure);
      }
      // The stop itself may not hang either (cancel() once waited for planning to finish).
      SQLException e =
          assertTimeoutPreemptively(
              BOUND,
              () -> {
                switch (stop) {
                  case CLOSE -> c.close();
                  case CANCEL -> s.cancel();
                  case INTERRUPT -> query.interrupt();
                  case TIMEOUT -> {}
                }
                return failure.get();
              });
      assertNotNull(e, "the query ended without an error");
      assertEquals(stop.sqlState, e.getSQLState(), e.getMessage());
      int requests = sim.requestLog().size();
      // A request sent by mistake after the stop would be sent at once (retries are immediate).
      Thread.sleep(300);
      assertEquals(requests, sim.requestLog().size(), () -> "requests after the stop: "
          + sim.requestLog().lines());
      if (path == Path.PLANNING) {
        assertEquals(0, requests, "planning sends nothing");
      }
    }
  }

  /**
   * Waits, bounded, until Calcite's planner is on the stack of the {@code query} thread, or the
   * query ended (a timeout may end it before); a stop that came earlier, before the statement
   * started, would not be a stop during planning, and {@code cancel()} would find nothing to
   * cancel.
   */
  private static void awaitPlanning(Thread query, CompletableFuture<?> failure) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          while (!planning(query) && !failure.isDone()) {
            Thread.sleep(5);
          }
        });
  }

  private static boolean planning(Thread t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("org.apache.calcite.plan.volcano.")
          || frame.getClassName().startsWith("org.apache.calcite.plan.hep.")) {
        return true;
      }
    }
    return false;
  }

  /** Waits, bounded, until {@code n} requests have arrived (or the query ended early). */
  private static void awaitRequests(int n, CompletableFuture<?> query) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          while (sim.requestLog().size() < n && !query.isDone()) {
            Thread.sleep(5);
          }
        });
    assertTrue(sim.requestLog().size() >= n, "the query ended before it waited");
  }
}
