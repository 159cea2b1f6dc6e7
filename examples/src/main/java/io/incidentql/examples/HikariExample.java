package io.incidentql.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Example program that reads through a HikariCP connection pool, as a service would: the pool
 * keeps a connection (one API client and its HTTP connections) and lends it to each query.
 *
 * <p>Runs against demo data unless {@code INCIDENT_IO_API_KEY} is set.
 */
public final class HikariExample {
  private HikariExample() {}

  public static void main(String[] args) throws SQLException {
    String key = System.getenv("INCIDENT_IO_API_KEY");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(key == null ? "jdbc:incidentio:demo=true" : "jdbc:incidentio:");
    config.setPassword(key); // the API key goes in the password
    config.setDriverClassName("io.incidentql.jdbc.IncidentIoDriver");
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(1);
    config.setReadOnly(true);
    config.setPoolName("incidentql");
    try (HikariDataSource pool = new HikariDataSource(config)) {
      for (String category : new String[] {"live", "triage", "closed"}) {
        try (Connection connection = pool.getConnection();
            PreparedStatement statement =
                connection.prepareStatement(
                    "SELECT COUNT(*) FROM incidents WHERE incident_status_category = ?")) {
          statement.setString(1, category);
          try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            System.out.printf("%-7s %5d incidents%n", category, rs.getLong(1));
          }
        }
      }
      System.out.printf(
          "pool: %d connection(s) served every query%n",
          pool.getHikariPoolMXBean().getTotalConnections());
    }
  }
}
