package io.incidentql.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Program that runs one query in a fresh JVM on demo data and prints how long each phase took.
 */
public final class FirstQuery {
  private FirstQuery() {}

  static final String QUERY =
      "SELECT severity_name, COUNT(*) AS n FROM incidents WHERE mode = 'standard'"
          + " GROUP BY severity_name ORDER BY n DESC";

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Class.forName("io.incidentql.jdbc.IncidentIoDriver");
    long t1 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:incidentio:demo=true")) {
      long t2 = System.nanoTime();
      int rows = 0;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
        while (rs.next()) {
          rows++;
        }
      }
      long t3 = System.nanoTime();
      long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
      System.out.printf(
          "load=%.1f connect=%.1f query=%.1f total=%.1f jvm_uptime=%d rows=%d%n",
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6, uptime, rows);
    }
  }
}
