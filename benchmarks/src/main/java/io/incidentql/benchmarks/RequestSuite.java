package io.incidentql.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark of requests sent per query: with the planner rules, without them, and the lower
 * bound (the pages the matching rows need at the endpoint's largest page size; one request
 * per looked-up id; one for a count).
 */
final class RequestSuite {
  private RequestSuite() {}

  /** One query of the suite, with how its lower bound is counted. */
  private record Case(String table, String sql, Bound bound, int ids) {}

  private enum Bound { PAGES, LOOKUP, COUNT }

  static void run() throws Exception {
    System.out.println("\n## requests: requests sent per query (default demo data)");
    try (Simulator sim =
        Simulator.start(SimulatorConfig.builder().seed(1).apiKey(BenchmarkMain.KEY).unlimitedRate().build())) {
      List<Case> cases = cases(sim);
      String on = "jdbc:incidentio:baseUrl=" + sim.baseUrl() + BenchmarkMain.UNLIMITED;
      String off = on + ";pushdown=false";
      System.out.println("| # | query | rows | lower bound | rules on | rules off |");
      System.out.println("|---|---|---|---|---|---|");
      int atBound = 0;
      long sumOn = 0;
      long sumOff = 0;
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        long[] withRules = count(sim, on, c.sql());
        long[] without = count(sim, off, c.sql());
        if (withRules[0] != without[0]) {
          throw new IllegalStateException("rows differ for " + c.sql());
        }
        long bound = switch (c.bound()) {
          case COUNT -> 1;
          case LOOKUP -> c.ids();
          case PAGES -> Math.max(1, ceil(withRules[0], IncidentIoTables.byName(c.table()).maxPageSize()));
        };
        if (withRules[1] == bound) {
          atBound++;
        }
        sumOn += withRules[1];
        sumOff += without[1];
        System.out.printf("| %d | `%s` | %d | %d | %d | %d |%n", i + 1, c.sql(), withRules[0], bound,
            withRules[1], without[1]);
      }
      System.out.printf("%d of %d queries at the lower bound; %d requests with the rules, %d without (%.3f)%n",
          atBound, cases.size(), sumOn, sumOff, (double) sumOn / sumOff);
    }
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }

  /** Returns {rows, requests} for one run of the query. */
  private static long[] count(Simulator sim, String url, String sql) throws Exception {
    sim.requestLog().clear();
    long rows = 0;
    try (Connection c = DriverManager.getConnection(url, "", BenchmarkMain.KEY);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
      }
    }
    return new long[] {rows, sim.requestLog().size()};
  }

  private static List<Case> cases(Simulator sim) {
    ObjectNode alert = sim.dataset().alerts().get(17);
    ObjectNode alert2 = sim.dataset().alerts().get(402);
    ObjectNode incident = sim.dataset().incidents().get(33);
    ObjectNode link = sim.dataset().incidentAlerts().get(5);
    String source = alert.get("alert_source_id").asText();
    String severity = incident.path("severity").path("id").asText();
    String type = incident.path("incident_type").path("id").asText();
    String status = incident.path("incident_status").path("id").asText();
    List<Case> c = new ArrayList<>();
    c.add(new Case("alerts", "SELECT * FROM alerts WHERE status = 'firing'", Bound.PAGES, 0));
    c.add(new Case("alerts", "SELECT id FROM alerts WHERE status IN ('firing', 'resolved')", Bound.PAGES, 0));
    c.add(new Case("alerts", "SELECT id FROM alerts WHERE status <> 'firing'", Bound.PAGES, 0));
    c.add(new Case("alerts", "SELECT id, title FROM alerts WHERE alert_source_id = '" + source + "'", Bound.PAGES, 0));
    c.add(new Case("alerts", "SELECT id FROM alerts WHERE deduplication_key = '"
        + alert.get("deduplication_key").asText() + "'", Bound.PAGES, 0));
    c.add(new Case("alerts", "SELECT id FROM alerts WHERE created_at >= TIMESTAMP '2024-11-01 00:00:00'", Bound.PAGES, 0));
    c.add(new Case("alerts", "SELECT id FROM alerts WHERE created_at >= TIMESTAMP '2024-03-01 00:00:00'"
        + " AND created_at < TIMESTAMP '2024-03-15 00:00:00'", Bound.PAGES, 0));
    c.add(new Case("alerts", "SELECT * FROM alerts WHERE id = '" + alert.get("id").asText() + "'", Bound.LOOKUP, 1));
    c.add(new Case("alerts", "SELECT * FROM alerts WHERE id IN ('" + alert.get("id").asText() + "', '"
        + alert2.get("id").asText() + "')", Bound.LOOKUP, 2));
    c.add(new Case("alerts", "SELECT * FROM alerts LIMIT 10", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT id FROM incidents WHERE incident_status_category = 'closed'", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT id FROM incidents WHERE severity_id = '" + severity + "'", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT id FROM incidents WHERE incident_type_id = '" + type + "'", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT id FROM incidents WHERE incident_status_id = '" + status + "'", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT reference FROM incidents WHERE mode = 'test'", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT reference FROM incidents WHERE created_at >= TIMESTAMP '2024-06-01 00:00:00'"
        + " AND updated_at < TIMESTAMP '2024-09-01 00:00:00'", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT reference FROM incidents WHERE severity_id = '" + severity
        + "' OR incident_type_id = '" + type + "'", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT reference FROM incidents ORDER BY created_at DESC LIMIT 5", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT reference FROM incidents ORDER BY created_at LIMIT 5", Bound.PAGES, 0));
    c.add(new Case("incidents", "SELECT COUNT(*) FROM incidents WHERE incident_status_category = 'live'", Bound.COUNT, 0));
    c.add(new Case("incidents", "SELECT COUNT(*) FROM incidents", Bound.COUNT, 0));
    c.add(new Case("incident_alerts", "SELECT * FROM incident_alerts WHERE incident_id = '"
        + link.get("incident").get("id").asText() + "'", Bound.PAGES, 0));
    c.add(new Case("incident_alerts", "SELECT * FROM incident_alerts WHERE alert_id = '"
        + link.get("alert").get("id").asText() + "'", Bound.PAGES, 0));
    c.add(new Case("incident_updates", "SELECT * FROM incident_updates WHERE incident_id = '"
        + incident.get("id").asText() + "'", Bound.PAGES, 0));
    c.add(new Case("incident_updates", "SELECT id FROM incident_updates LIMIT 300", Bound.PAGES, 0));
    // A long scan that parallelism=4 would read in created_at windows (section 7); with the
    // default, one cursor.
    c.add(new Case("alerts", "SELECT id FROM alerts WHERE created_at >= TIMESTAMP '2023-01-01 00:00:00'",
        Bound.PAGES, 0));
    return c;
  }
}
