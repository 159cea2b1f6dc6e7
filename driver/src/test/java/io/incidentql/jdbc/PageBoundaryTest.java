package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests that a scan reads exactly the pages the rows need when the row count sits at, just
 * below and just above a page boundary.
 */
class PageBoundaryTest {

  @ParameterizedTest(name = "{0} alerts take {1} requests")
  @CsvSource({"0, 1", "1, 1", "49, 1", "50, 1", "51, 2", "100, 2", "101, 3"})
  void alertsScanSendsOneRequestPerPageOfFifty(int alerts, int requests) throws Exception {
    assertScan(SimulatorConfig.builder().scale(alerts, 10, 0, 0), "alerts", alerts, requests);
  }

  @ParameterizedTest(name = "{0} incident updates take {1} requests")
  @CsvSource({"1, 1", "249, 1", "250, 1", "251, 2", "500, 2", "501, 3"})
  void incidentUpdatesScanSendsOneRequestPerPageOfTwoHundredFifty(int updates, int requests)
      throws Exception {
    assertScan(
        SimulatorConfig.builder().scale(0, 50, 0, updates), "incident_updates", updates, requests);
  }

  private static void assertScan(SimulatorConfig.Builder config, String table, int rows, int requests)
      throws Exception {
    try (Simulator sim = SimulatorConnections.start(config.seed(3).unlimitedRate());
        Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
      Set<String> ids = new HashSet<>();
      int count = 0;
      while (rs.next()) {
        ids.add(rs.getString(1));
        count++;
      }
      assertEquals(rows, count);
      assertEquals(rows, ids.size(), "no row twice");
      assertEquals(requests, sim.requestLog().requests().size(), sim.requestLog().lines().toString());
    }
  }
}
