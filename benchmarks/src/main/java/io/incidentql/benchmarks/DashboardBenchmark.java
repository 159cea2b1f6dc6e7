package io.incidentql.benchmarks;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark of a dashboard's refresh: panels that read two tables whole and then narrower views
 * of them, run in turn on one connection with the response cache (its default time to live,
 * emptied before each refresh) and with {@code cacheTtlSeconds=0}, at 50 ms simulator latency
 * on the default demo data: requests and wall time of each panel, measured in one run.
 */
final class DashboardBenchmark {
  private static final int LATENCY_MS = 50;
  private static final int RUNS = 3;

  private DashboardBenchmark() {}

  /** One panel of the dashboard. */
  private record Panel(String what, String sql) {}

  static void run() throws Exception {
    System.out.printf("%n## dashboard: panels narrowing cached whole scans, at %d ms latency"
        + " (default demo data), median of %d refreshes%n", LATENCY_MS, RUNS);
    try (Simulator sim = Simulator.start(
        SimulatorConfig.builder().seed(1).apiKey(BenchmarkMain.KEY).unlimitedRate().build())) {
      String url = "jdbc:incidentio:baseUrl=" + sim.baseUrl() + BenchmarkMain.UNLIMITED;
      List<Panel> panels = panels(sim);
      refresh(sim, url, panels);
      refresh(sim, url + ";cacheTtlSeconds=0", panels);
      sim.setLatency(Duration.ofMillis(LATENCY_MS));
      List<List<long[]>> cached = new ArrayList<>();
      List<List<long[]>> uncached = new ArrayList<>();
      for (int r = 0; r < RUNS; r++) {
        cached.add(refresh(sim, url, panels));
        uncached.add(refresh(sim, url + ";cacheTtlSeconds=0", panels));
      }
      System.out.println("| # | panel | rows | requests with the cache | wall time"
          + " | requests with `cacheTtlSeconds=0` | wall time |");
      System.out.println("|---|---|---|---|---|---|---|");
      double totalOn = 0;
      double totalOff = 0;
      long requestsOn = 0;
      long requestsOff = 0;
      for (int i = 0; i < panels.size(); i++) {
        long[] on = cached.get(0).get(i);
        long[] off = uncached.get(0).get(i);
        if (on[0] != off[0]) {
          throw new IllegalStateException("rows differ for " + panels.get(i).sql());
        }
        double a = median(cached, i);
        double b = median(uncached, i);
        totalOn += a;
        totalOff += b;
        requestsOn += on[1];
        requestsOff += off[1];
        System.out.printf("| %d | %s | %d | %d | %s | %d | %s |%n", i + 1, panels.get(i).what(),
            on[0], on[1], Stats.ms(a), off[1], Stats.ms(b));
      }
      System.out.printf("| | the refresh | | %d | %s | %d | %s |%n", requestsOn,
          Stats.ms(totalOn), requestsOff, Stats.ms(totalOff));
      System.out.printf("ratio of the refresh's times: %.2f%n", totalOn / totalOff);
      for (int i = 0; i < panels.size(); i++) {
        System.out.printf("%d: %s%n", i + 1, panels.get(i).sql());
      }
    }
  }

  private static double median(List<List<long[]>> refreshes, int panel) {
    List<Double> ms = new ArrayList<>();
    for (List<long[]> r : refreshes) {
      ms.add(r.get(panel)[2] / 1e6);
    }
    return Stats.median(ms);
  }

  /**
   * Runs every panel in turn on one new connection, its key's cache emptied first; returns
   * {rows, requests, nanoseconds} of each.
   */
  private static List<long[]> refresh(Simulator sim, String url, List<Panel> panels)
      throws Exception {
    List<long[]> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "", BenchmarkMain.KEY);
        Statement s = c.createStatement()) {
      s.execute("CLEAR CACHE");
      for (Panel p : panels) {
        sim.requestLog().clear();
        long t0 = System.nanoTime();
        long rows = 0;
        try (ResultSet rs = s.executeQuery(p.sql())) {
          while (rs.next()) {
            rows++;
          }
        }
        out.add(new long[] {rows, sim.requestLog().size(), System.nanoTime() - t0});
      }
    }
    return out;
  }


  private static List<Panel> panels(Simulator sim) {
    String severity = Stats.text(sim.dataset().incidents().get(33), "severity", "id");
    String source = Stats.text(sim.dataset().alerts().get(0), "alert_source_id");
    return List.of(
        new Panel("alerts per status", "SELECT status, COUNT(*) FROM alerts GROUP BY status"),
        new Panel("firing alerts", "SELECT id, title FROM alerts WHERE status = 'firing'"),
        new Panel("alerts of one source", "SELECT id, title FROM alerts WHERE alert_source_id = '"
            + source + "'"),
        new Panel("incidents per severity",
            "SELECT severity_name, COUNT(*) FROM incidents GROUP BY severity_name"),
        new Panel("latest 10 incidents of one severity", "SELECT reference, name FROM incidents"
            + " WHERE severity_id = '" + severity + "' ORDER BY created_at DESC LIMIT 10"),
        new Panel("open incidents", "SELECT reference, name FROM incidents"
            + " WHERE incident_status_category IN ('triage', 'live')"),
        new Panel("who leads incidents of one severity", "SELECT incident_id, assignee_id"
            + " FROM incident_role_assignments WHERE severity_id = '" + severity + "'"));
  }
}
