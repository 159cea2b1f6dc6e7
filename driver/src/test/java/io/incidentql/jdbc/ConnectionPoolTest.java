package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests that the driver works behind HikariCP: validation, pooled reuse, statements per borrow. */
class ConnectionPoolTest {
  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(2).unlimitedRate());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private static HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(SimulatorConnections.url(sim));
    config.setPassword(SimulatorConnections.TEST_KEY);
    config.setDriverClassName(IncidentIoDriver.class.getName());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setReadOnly(true);
    config.setPoolName("incidentql-test");
    return new HikariDataSource(config);
  }

  @Test
  void borrowedConnectionsAreValidAndReusedWithoutNewRequests() throws Exception {
    Set<Connection> physical = new HashSet<>();
    long count = -1;
    try (HikariDataSource ds = pool(1)) {
      for (int i = 0; i < 5; i++) {
        try (Connection c = ds.getConnection()) {
          assertTrue(c.isValid(2));
          assertTrue(c.isReadOnly());
          physical.add(c.unwrap(Connection.class));
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE status = ?")) {
            ps.setString(1, i % 2 == 0 ? "firing" : "resolved");
            try (ResultSet rs = ps.executeQuery()) {
              assertTrue(rs.next());
              if (i == 0) {
                count = rs.getLong(1);
              } else if (i % 2 == 0) {
                assertEquals(count, rs.getLong(1), "the same answer from the reused connection");
              }
            }
          }
        }
      }
      assertEquals(1, physical.size(), "one physical connection served every borrow");
      assertEquals(1, ds.getHikariPoolMXBean().getTotalConnections());
    }
    // Validation is local: only the five queries' pages went to the API.
    assertTrue(sim.requestLog().requests().stream().allMatch(r -> r.path().equals("/v2/alerts")));
  }

  @Test
  void aClosedPoolClosesItsConnections() throws Exception {
    Connection raw;
    HikariDataSource ds = pool(2);
    try (Connection c = ds.getConnection()) {
      raw = c.unwrap(Connection.class);
      assertFalse(raw.isClosed());
    }
    ds.close();
    assertTrue(raw.isClosed());
    assertTrue(ds.isClosed());
    try {
      ds.getConnection();
    } catch (SQLException expected) {
      return;
    }
    throw new AssertionError("a closed pool lends no connection");
  }
}
