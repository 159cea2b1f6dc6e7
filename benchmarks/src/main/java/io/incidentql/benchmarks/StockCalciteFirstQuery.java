package io.incidentql.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.apache.calcite.adapter.java.ReflectiveSchema;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Program that runs a comparable first query on stock Calcite over an in-memory schema, as the
 * baseline of the first-query figure.
 */
public final class StockCalciteFirstQuery {
  private StockCalciteFirstQuery() {}

  /** In-memory schema of the baseline: one table of incidents. */
  public static final class Data {
    public final Incident[] incidents = new Incident[1000];

    public Data() {
      String[] severities = {"Minor", "Major", "Critical"};
      String[] modes = {"standard", "retrospective", "test", "tutorial"};
      for (int i = 0; i < incidents.length; i++) {
        incidents[i] = new Incident("INC-" + i, severities[i % 3], modes[i % 4]);
      }
    }
  }

  /** One row of the baseline's table. */
  public static final class Incident {
    public final String reference;
    public final String severity_name;
    public final String mode;

    Incident(String reference, String severityName, String mode) {
      this.reference = reference;
      this.severity_name = severityName;
      this.mode = mode;
    }
  }

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Class.forName("org.apache.calcite.jdbc.Driver");
    long t1 = System.nanoTime();
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "TO_LOWER");
    try (Connection c = DriverManager.getConnection("jdbc:calcite:", p)) {
      CalciteConnection cc = c.unwrap(CalciteConnection.class);
      cc.getRootSchema().add("s", new ReflectiveSchema(new Data()));
      cc.setSchema("s");
      long t2 = System.nanoTime();
      int rows = 0;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(FirstQuery.QUERY)) {
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
