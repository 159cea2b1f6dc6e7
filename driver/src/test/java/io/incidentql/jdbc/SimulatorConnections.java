package io.incidentql.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/** Helper that opens JDBC connections to a simulator started for one test class. */
public final class SimulatorConnections {
  /** A key that only these tests use; nothing about it resembles a real key. */
  static final String TEST_KEY = "test-key-not-real-0001";

  private SimulatorConnections() {}

  /**
   * The incidents the table holds: those of the four documented modes and the eight documented
   * status categories. The API leaves any other out unless asked for it by name, which a driver
   * that does not know the name cannot do.
   */
  static List<ObjectNode> tableIncidents(Simulator sim) {
    return sim.dataset().incidents().stream()
        .filter(i -> DOCUMENTED_MODES.contains(i.path("mode").asText()))
        .filter(i -> STATUS_CATEGORIES.contains(i.path("incident_status").path("category").asText()))
        .toList();
  }

  static final Set<String> DOCUMENTED_MODES = Set.of("standard", "retrospective", "test", "tutorial");

  static final Set<String> STATUS_CATEGORIES = Set.of(
      "triage", "live", "learning", "paused", "closed", "declined", "canceled", "merged");

  static Simulator start(SimulatorConfig.Builder config) {
    return Simulator.start(config.apiKey(TEST_KEY).build());
  }

  /**
   * Properties for a connection whose every execution goes to the simulator, past the response
   * cache: for tests that assert what each execution sends (the cache has tests of its own).
   */
  static final String NO_CACHE = ";cacheTtlSeconds=0";

  /**
   * What every incidents request asks for unless narrowed: every mode and status category. Public
   * for the DSL's plan tests, whose EXPLAIN text shows it.
   */
  public static final String EVERY_MODE_AND_CATEGORY =
      "mode[one_of]=standard&mode[one_of]=retrospective&mode[one_of]=test&mode[one_of]=tutorial"
      + "&status_category[one_of]=triage&status_category[one_of]=live"
      + "&status_category[one_of]=learning&status_category[one_of]=paused"
      + "&status_category[one_of]=closed&status_category[one_of]=declined"
      + "&status_category[one_of]=canceled&status_category[one_of]=merged";

  static String url(Simulator sim) {
    return "jdbc:incidentio:baseUrl=" + sim.baseUrl();
  }

  /**
   * Runs {@code sql} on {@code c} and reads every row: a warm-up, so that the bounds of a test
   * time its own queries and not the JVM's first planning, class loading and JIT work.
   */
  static void runToTheEnd(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  /** Connects the way a SQL client does: URL plus the key in the password. */
  static Connection connect(Simulator sim) throws SQLException {
    return DriverManager.getConnection(url(sim), "", TEST_KEY);
  }
}
