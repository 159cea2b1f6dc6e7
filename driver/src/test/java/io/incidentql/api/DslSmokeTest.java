package io.incidentql.api;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DslSmokeTest {
  @Test
  void smoke() {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().seed(3).apiKey("test-key-not-real").unlimitedRate().build());
        IncidentQlSession ql = IncidentQL.connect(IncidentQL.config().baseUrl(sim.baseUrl()).apiKey("test-key-not-real"))) {
      String q = "SELECT id, title, created_at FROM alerts WHERE status IN (:statuses) AND created_at > now() - 700d ORDER BY created_at DESC LIMIT 3";
      System.out.println(ql.explain(q, Map.of("statuses", List.of("firing", "resolved"))));
      try (QueryResult r = ql.query(q, Map.of("statuses", List.of("firing", "resolved")))) {
        r.forEach(System.out::println);
      }
      System.out.println(sim.requestLog().lines());
      try (QueryResult r = ql.query("SELECT status, count(*) FROM alerts GROUP BY status ORDER BY 2 DESC")) {
        r.forEach(System.out::println);
      }
      try {
        ql.validate("SELECT id, stauts FROM alerts");
      } catch (RuntimeException e) {
        System.out.println(e.getMessage());
      }
    }
  }
}
