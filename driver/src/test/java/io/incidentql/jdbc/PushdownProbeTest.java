package io.incidentql.jdbc;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

class PushdownProbeTest {
  @Test
  void probe() throws Exception {
    try (Simulator sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(11).scale(300, 200, 150, 400).unlimitedRate())) {
      PushdownFixture f = new PushdownFixture(sim);
      for (String q : System.getProperty("probe.sql", "select id from alerts where status = 'firing'").split(";;")) {
        System.out.println("=== " + f.sql(q));
      }
    }
  }
}
