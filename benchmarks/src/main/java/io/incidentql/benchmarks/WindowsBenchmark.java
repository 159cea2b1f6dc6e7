package io.incidentql.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiConfig;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.PageCursor;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark of a long scan read as one serial cursor against the same rows read as k
 * {@code created_at} windows fetched at once, with the client's limiter at the API's budget and
 * without it, then the same through JDBC with the {@code parallelism} property.
 *
 * <p>Every run uses a key of its own, so each starts with a full budget on both sides (the
 * client's bucket and the simulator's window), as a first large query of the minute would.
 */
final class WindowsBenchmark {
  private static final int ALERTS = 10_000;
  private static final LocalDate FROM = LocalDate.of(2023, 1, 1);
  private static final LocalDate TO = LocalDate.of(2025, 1, 1);
  private static final int[] WINDOWS = {1, 2, 4, 8};
  private static int keys;

  private WindowsBenchmark() {}

  static void run() throws Exception {
    System.out.printf("%n## windows: %,d alerts (%d pages of 50) created %s to %s%n",
        ALERTS, ALERTS / 50, FROM, TO);
    SimulatorConfig.Builder config =
        SimulatorConfig.builder().seed(1).scale(ALERTS, 10, 0, 0).requestLogCapacity(100_000);
    for (int i = 1; i <= 64; i++) {
      config.apiKey(BenchmarkMain.KEY + "-" + i);
    }
    try (Simulator sim = Simulator.start(config.build())) {
      // Warm-up of both paths, without latency, not reported.
      clientScan(sim.baseUrl(), nextKey(), false, 1);
      clientScan(sim.baseUrl(), nextKey(), false, 4);
      System.out.println("\n### client: one serial cursor (k = 1, baseline) vs k windows at once");
      System.out.println("| latency | limiter | k | wall time | ratio to k = 1 | requests | rows |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (int latency : new int[] {50, 200}) {
        for (boolean limited : new boolean[] {false, true}) {
          sim.setLatency(Duration.ofMillis(latency));
          double serial = 0;
          for (int k : WINDOWS) {
            limit(sim, limited);
            sim.requestLog().clear();
            String key = nextKey();
            long t0 = System.nanoTime();
            long rows = clientScan(sim.baseUrl(), key, limited, k);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (rows != ALERTS) {
              throw new IllegalStateException("k=" + k + " read " + rows + " rows");
            }
            serial = k == 1 ? ms : serial;
            System.out.printf("| %d ms | %s | %d | %s | %.2f | %d | %,d |%n", latency,
                limited ? "1,200/min" : "off", k, Stats.ms(ms), ms / serial,
                sim.requestLog().size(), rows);
          }
        }
      }
      jdbc(sim);
    }
  }

  /** The same scans through the driver: {@code parallelism=1} (serial) against windows. */
  private static void jdbc(Simulator sim) throws Exception {
    System.out.println("\n### JDBC: SELECT * FROM alerts WHERE created_at >= TIMESTAMP '"
        + FROM + " 00:00:00', every column read");
    System.out.println("| latency | limiter | parallelism | wall time | ratio to 1 | requests | rows |");
    System.out.println("|---|---|---|---|---|---|---|");
    String sql = "SELECT * FROM alerts WHERE created_at >= TIMESTAMP '" + FROM + " 00:00:00'";
    sim.setLatency(Duration.ZERO);
    jdbcScan(sim, sql, "1", false);
    jdbcScan(sim, sql, "4", false);
    for (int latency : new int[] {50, 200}) {
      for (boolean limited : new boolean[] {false, true}) {
        sim.setLatency(Duration.ofMillis(latency));
        double serial = 0;
        for (int p : new int[] {1, 4, 8}) {
          long t0 = System.nanoTime();
          long rows = jdbcScan(sim, sql, String.valueOf(p), limited);
          double ms = (System.nanoTime() - t0) / 1e6;
          if (rows != ALERTS) {
            throw new IllegalStateException("parallelism=" + p + " read " + rows + " rows");
          }
          serial = p == 1 ? ms : serial;
          System.out.printf("| %d ms | %s | %d | %s | %.2f | %d | %,d |%n", latency,
              limited ? "1,200/min" : "off", p, Stats.ms(ms), ms / serial,
              sim.requestLog().size(), rows);
        }
      }
    }
  }

  private static long jdbcScan(Simulator sim, String sql, String parallelism, boolean limited)
      throws Exception {
    limit(sim, limited);
    sim.requestLog().clear();
    String url = "jdbc:incidentio:baseUrl=" + sim.baseUrl() + ";parallelism=" + parallelism
        + (limited ? "" : BenchmarkMain.UNLIMITED);
    long rows = 0;
    try (Connection c = DriverManager.getConnection(url, "", nextKey());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          rs.getObject(i);
        }
        rows++;
      }
    }
    return rows;
  }

  private static void limit(Simulator sim, boolean limited) {
    if (limited) {
      sim.setRateLimit(1200, Duration.ofSeconds(60));
    } else {
      sim.setRateLimit(Integer.MAX_VALUE, Duration.ofSeconds(60));
    }
  }

  private static String nextKey() {
    return BenchmarkMain.KEY + "-" + (++keys);
  }

  /**
   * Reads every alert of the range: k = 1 is one cursor; otherwise k threads each read one
   * equal share of the days, and the rows are counted in window order.
   */
  private static long clientScan(String baseUrl, String key, boolean limited, int k)
      throws Exception {
    ApiConfig.Builder b = ApiConfig.builder().baseUrl(baseUrl).apiKey(key);
    b.rateLimit(limited ? 1200 : 0, Duration.ofSeconds(60));
    try (IncidentIoClient client = new IncidentIoClient(b.build())) {
      if (k == 1) {
        return window(client, FROM, TO, false);
      }
      long days = TO.toEpochDay() - FROM.toEpochDay();
      ExecutorService pool = Executors.newFixedThreadPool(k);
      try {
        List<Future<Long>> parts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          // Newest window first, as the serial cursor reads.
          LocalDate hi = LocalDate.ofEpochDay(TO.toEpochDay() - days * i / k);
          LocalDate lo = LocalDate.ofEpochDay(TO.toEpochDay() - days * (i + 1) / k);
          boolean exclusive = i > 0;
          parts.add(pool.submit(() -> window(client, lo, hi, exclusive)));
        }
        long rows = 0;
        for (Future<Long> f : parts) {
          rows += f.get();
        }
        return rows;
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Counts the alerts of {@code created_at[date_range]=lo~hi}; the API's range includes both
   * ends, so a window below another leaves out rows at its upper end, which the other has.
   */
  private static long window(IncidentIoClient client, LocalDate lo, LocalDate hi,
      boolean upperExclusive) {
    ApiRequest request = ApiRequest.of("/v2/alerts").with("page_size", "50")
        .with("created_at[date_range]", lo + "~" + hi);
    Instant upper = hi.atStartOfDay(ZoneOffset.UTC).toInstant();
    long rows = 0;
    try (PageCursor<JsonNode> cursor = client.list(request, "alerts")) {
      while (cursor.hasNext()) {
        JsonNode alert = cursor.next();
        if (upperExclusive && !Instant.parse(alert.get("created_at").asText()).isBefore(upper)) {
          continue;
        }
        rows++;
      }
    }
    return rows;
  }
}
