package io.incidentql.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Example program that runs one prepared statement with different parameter values: the alerts
 * of a status, created since a point in time.
 *
 * <p>Runs against demo data unless {@code INCIDENT_IO_API_KEY} is set.
 */
public final class PreparedStatementExample {
  private PreparedStatementExample() {}

  public static void main(String[] args) throws SQLException {
    String key = System.getenv("INCIDENT_IO_API_KEY");
    String url = key == null ? "jdbc:incidentio:demo=true" : "jdbc:incidentio:";
    // Timestamps are UTC instants: a java.sql.Timestamp made from an Instant means that instant.
    Timestamp since = Timestamp.from(Instant.parse("2024-06-01T00:00:00Z"));
    String sql =
        "SELECT status, COUNT(*) AS alerts, MAX(created_at) AS latest FROM alerts"
            + " WHERE status = ? AND created_at >= ? GROUP BY status";
    try (Connection connection = DriverManager.getConnection(url, "", key);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (String status : new String[] {"firing", "resolved"}) {
        statement.setString(1, status);
        statement.setTimestamp(2, since);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            System.out.printf(
                "%-9s %5d alerts since %s, latest %s%n",
                rs.getString("status"), rs.getLong("alerts"), since.toInstant(),
                rs.getTimestamp("latest").toInstant());
          }
        }
      }
    }
  }
}
