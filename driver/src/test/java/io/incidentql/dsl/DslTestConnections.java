package io.incidentql.dsl;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.calcite.jdbc.CalciteConnection;

/** Helper that opens connections to a simulator for the DSL compiler's tests. */
final class DslTestConnections {
  static final String TEST_KEY = "test-key-not-real-0002";

  private DslTestConnections() {}

  static Simulator start(SimulatorConfig.Builder config) {
    return Simulator.start(config.apiKey(TEST_KEY).unlimitedRate().build());
  }

  static Connection connect(Simulator sim) throws SQLException {
    return DriverManager.getConnection("jdbc:incidentio:baseUrl=" + sim.baseUrl(), "", TEST_KEY);
  }

  static DslEngine engine(Connection connection) throws SQLException {
    return new DslEngine(connection.unwrap(CalciteConnection.class));
  }
}
