package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.incidentql.simulator.LoggedRequest;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Soak test: many threads on several connections scan as fast as they can, asking far more than
 * the budget allows, against a simulator that enforces the API's budget; the client-side limiter,
 * shared by the connections, keeps every request within it.
 *
 * <p>The API allows 1,200 requests a minute; to stay short the test scales the window down to
 * 2 seconds (40 requests) on both sides, which is the same rate.
 */
class RateLimitSoakTest {
  private static final int BUDGET = 40;
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final int THREADS = 9;
  private static final int SCANS_PER_THREAD = 3;
  private static final int ALERTS = 250;
  private static final int PAGES_PER_SCAN = 5;

  @Test
  void concurrentScansOnSeveralConnectionsNeverMeetA429() throws Exception {
    try (Simulator sim =
        SimulatorConnections.start(
            SimulatorConfig.builder().seed(17).scale(ALERTS, 10, 10, 10).rateLimit(BUDGET, WINDOW))) {
      String url =
          SimulatorConnections.url(sim)
              + ";rateLimit=" + BUDGET
              + ";rateLimitWindowSeconds=" + WINDOW.toSeconds()
              // The soak must not be rescued by waiting out 429s: none may happen at all.
              + ";maxRateLimitRetries=0"
              // Every scan goes on the wire, as the soak is about the budget.
              + SimulatorConnections.NO_CACHE;
      List<Connection> connections = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        connections.add(DriverManager.getConnection(url, "", SimulatorConnections.TEST_KEY));
      }
      // Warm up: the first query of a connection compiles code; the soak should measure requests.
      for (Connection c : connections) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
          rs.next();
        }
      }
      Thread.sleep(WINDOW.toMillis());
      sim.resetRateLimits();
      sim.requestLog().clear();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      AtomicInteger scans = new AtomicInteger();
      try {
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> {
              List<Future<?>> workers = new ArrayList<>();
              for (int t = 0; t < THREADS; t++) {
                Connection c = connections.get(t % connections.size());
                workers.add(
                    pool.submit(
                        () -> {
                          for (int i = 0; i < SCANS_PER_THREAD; i++) {
                            try (Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
                              rs.next();
                              assertEquals(ALERTS, rs.getInt(1));
                              scans.incrementAndGet();
                            }
                          }
                          return null;
                        }));
              }
              for (Future<?> w : workers) {
                w.get();
              }
            });
      } finally {
        pool.shutdownNow();
        for (Connection c : connections) {
          c.close();
        }
      }
      List<LoggedRequest> requests = sim.requestLog().requests();
      long refused = requests.stream().filter(r -> r.status() == 429).count();
      assertEquals(0, refused, "requests refused for the rate limit, of " + requests.size());
      // Over three times the budget of one window: only pacing can have avoided a refusal.
      assertEquals(THREADS * SCANS_PER_THREAD * PAGES_PER_SCAN, requests.size());
      assertEquals(THREADS * SCANS_PER_THREAD, scans.get());
    }
  }
}
