package io.incidentql.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Benchmark of joins that read one side by the keys of the other ({@code joinRequests=true}, the
 * default) against the same joins scanning both sides ({@code joinRequests=false}), at 50 ms
 * simulator latency on the default demo data: requests and wall time, measured in one run.
 */
final class JoinsBenchmark {
  private static final int LATENCY_MS = 50;
  private static final int RUNS = 3;

  private JoinsBenchmark() {}

  /** One join of the suite. */
  private record Case(String what, String sql) {}

  static void run() throws Exception {
    System.out.printf("%n## joins: requests per key against scans, at %d ms latency (default demo"
        + " data), median of %d runs%n", LATENCY_MS, RUNS);
    try (Simulator sim = Simulator.start(
        SimulatorConfig.builder().seed(1).apiKey(BenchmarkMain.KEY).unlimitedRate().build())) {
      String url = "jdbc:incidentio:baseUrl=" + sim.baseUrl() + BenchmarkMain.UNLIMITED;
      List<Case> cases = cases(sim);
      // Warm-up without latency, not reported: the first query of a JVM pays for class loading.
      for (Case c : cases) {
        measure(sim, url, c.sql());
        measure(sim, url + ";joinRequests=false", c.sql());
      }
      sim.setLatency(Duration.ofMillis(LATENCY_MS));
      System.out.println("| # | join | rows | requests by key | wall time | requests scanning"
          + " | wall time | ratio of times |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        long[] withKeys = null;
        long[] scanning = null;
        for (int r = 0; r < RUNS; r++) {
          withKeys = measure(sim, url, c.sql());
          on.add(withKeys[2] / 1e6);
          scanning = measure(sim, url + ";joinRequests=false", c.sql());
          off.add(scanning[2] / 1e6);
        }
        if (withKeys[0] != scanning[0]) {
          throw new IllegalStateException("rows differ for " + c.sql());
        }
        double a = Stats.median(on);
        double b = Stats.median(off);
        System.out.printf("| %d | %s | %d | %d | %s | %d | %s | %.2f |%n", i + 1, c.what(),
            withKeys[0], withKeys[1], Stats.ms(a), scanning[1], Stats.ms(b), a / b);
      }
      for (int i = 0; i < cases.size(); i++) {
        System.out.printf("%d: %s%n", i + 1, cases.get(i).sql());
      }
    }
  }

  /** Returns {rows, requests, nanoseconds} of one run of the query on a new connection. */
  private static long[] measure(Simulator sim, String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "", BenchmarkMain.KEY);
        Statement s = c.createStatement()) {
      sim.requestLog().clear();
      long t0 = System.nanoTime();
      long rows = 0;
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rows++;
        }
      }
      return new long[] {rows, sim.requestLog().size(), System.nanoTime() - t0};
    }
  }


  private static List<Case> cases(Simulator sim) {
    Map<String, Long> links = sim.dataset().incidentAlerts().stream()
        .collect(Collectors.groupingBy(l -> Stats.text(l, "incident", "id"), Collectors.counting()));
    String linked = links.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    ObjectNode incident = sim.dataset().incidents().get(33);
    String severity = Stats.text(incident, "severity", "id");
    String type = Stats.text(incident, "incident_type", "id");
    Set<String> withUpdates = sim.dataset().incidentUpdates().stream()
        .map(u -> Stats.text(u, "incident_id")).collect(Collectors.toSet());
    String with = sim.dataset().incidents().stream().map(i -> Stats.text(i, "id"))
        .filter(withUpdates::contains).findFirst().orElseThrow();
    String without = sim.dataset().incidents().stream().map(i -> Stats.text(i, "id"))
        .filter(id -> !withUpdates.contains(id)).findFirst().orElseThrow();
    List<Case> c = new ArrayList<>();
    c.add(new Case("links of one incident, then their alerts by id",
        "SELECT a.title, a.status FROM incident_alerts ia JOIN alerts a ON a.id = ia.alert_id"
            + " WHERE ia.incident_id = '" + linked + "'"));
    c.add(new Case("incidents of one severity and type, then their updates",
        "SELECT i.reference, u.message FROM incidents i JOIN incident_updates u"
            + " ON u.incident_id = i.id WHERE i.severity_id = '" + severity
            + "' AND i.incident_type_id = '" + type + "'"));
    c.add(new Case("follow-ups of the incidents of one severity",
        "SELECT i.reference, f.title FROM incidents i JOIN follow_ups f ON f.incident_id = i.id"
            + " WHERE i.severity_id = '" + severity + "'"));
    c.add(new Case("two incidents by id, LEFT JOIN their updates (one has none)",
        "SELECT i.reference, u.id FROM incidents i LEFT JOIN incident_updates u"
            + " ON u.incident_id = i.id WHERE i.id IN ('" + with + "', '" + without + "')"));
    c.add(new Case("test incidents and their updates (more keys than a scan costs: scanned)",
        "SELECT i.reference, u.id FROM incidents i JOIN incident_updates u"
            + " ON u.incident_id = i.id WHERE i.mode = 'test'"));
    // The planner guesses half the incidents for a lower bound; the last days hold a few.
    Instant newest = sim.dataset().incidents().stream()
        .map(i -> Instant.parse(Stats.text(i, "created_at"))).max(Instant::compareTo).orElseThrow();
    String since = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC)
        .format(newest.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS));
    c.add(new Case("incidents of the last three days, then their updates",
        "SELECT i.reference, u.message FROM incidents i JOIN incident_updates u"
            + " ON u.incident_id = i.id WHERE i.created_at >= TIMESTAMP '" + since + "'"));
    return c;
  }
}
