package io.incidentql.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/**
 * Program that scans every alert of a server given on the command line, reading every column,
 * and prints the row count and the heap's peak use; run with a small {@code -Xmx}.
 */
public final class MemoryScan {
  private MemoryScan() {}

  public static void main(String[] args) throws Exception {
    String url = "jdbc:incidentio:baseUrl=" + args[0];
    long t0 = System.nanoTime();
    long rows = 0;
    long chars = 0;
    try (Connection c = DriverManager.getConnection(url, "", args[1]);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM alerts")) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          if (v != null) {
            chars += v.toString().length();
          }
        }
        rows++;
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "rows=%d chars=%d seconds=%.1f peak_heap_mb=%.1f max_heap_mb=%.1f%n",
        rows, chars, (System.nanoTime() - t0) / 1e9, peak / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }
}
