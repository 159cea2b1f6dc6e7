package io.incidentql.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Example program that queries incidents over plain JDBC.
 *
 * <p>Runs against demo data unless {@code INCIDENT_IO_API_KEY} is set:
 * see the README for how to run it.
 */
public final class JdbcExample {
  private JdbcExample() {}

  public static void main(String[] args) throws SQLException {
    String key = System.getenv("INCIDENT_IO_API_KEY");
    String url = key == null ? "jdbc:incidentio:demo=true" : "jdbc:incidentio:";
    // The key goes in the password, where tools keep secrets, not in the URL.
    try (Connection connection = DriverManager.getConnection(url, "", key);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT severity_name, COUNT(*) AS incidents, MIN(created_at) AS first_seen "
                    + "FROM incidents GROUP BY severity_name ORDER BY incidents DESC")) {
      while (rs.next()) {
        System.out.printf(
            "%-12s %5d  since %s%n",
            rs.getString("severity_name"), rs.getLong("incidents"), rs.getTimestamp("first_seen"));
      }
    }
  }
}
