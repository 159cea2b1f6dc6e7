package io.incidentql.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;

/**
 * Program that runs one query in a fresh JVM on demo data and prints how long each phase took.
 */
public final class FirstQuery {
  private FirstQuery() {}

  static final String QUERY =
      "SELECT severity_name, COUNT(*) AS n FROM incidents WHERE mode = 'standard'"
          + " GROUP BY severity_name ORDER BY n DESC";

  /** When Calcite reached each step of the first query, from its own hooks. */
  private static final Map<String, Long> STEPS = new LinkedHashMap<>();

  private static void step(Hook hook, String name) {
    hook.addThread((Consumer<Object>) x -> STEPS.putIfAbsent(name, System.nanoTime()));
  }

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Class.forName("io.incidentql.jdbc.IncidentIoDriver");
    long t1 = System.nanoTime();
    step(Hook.PARSE_TREE, "parsed");
    step(Hook.CONVERTED, "converted");
    step(Hook.PLAN_BEFORE_IMPLEMENTATION, "optimized");
    try (Connection c = DriverManager.getConnection("jdbc:incidentio:demo=true")) {
      long connected = System.nanoTime();
      long pause = 0;
      if (args.length > 0) {
        // A pause, as when the query is typed after connecting.
        pause = Long.parseLong(args[0]);
        Thread.sleep(pause);
      }
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
          (t1 - t0) / 1e6, (connected - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6 - pause, uptime,
          rows);
      // Up to the parse tree: statement set-up and the parser; then validation and conversion
      // to relational algebra; then the planner's rules; then code generation, Janino and the
      // requests.
      long parsed = STEPS.getOrDefault("parsed", t2);
      long converted = STEPS.getOrDefault("converted", parsed);
      long optimized = STEPS.getOrDefault("optimized", converted);
      System.out.printf("steps: to_parse=%.1f validate_convert=%.1f optimize=%.1f implement_run=%.1f%n",
          (parsed - t2) / 1e6, (converted - parsed) / 1e6, (optimized - converted) / 1e6,
          (t3 - optimized) / 1e6);
    }
  }
}
