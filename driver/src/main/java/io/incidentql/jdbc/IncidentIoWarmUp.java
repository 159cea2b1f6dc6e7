package io.incidentql.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Background task, run once per JVM after the first connection opens, that plans and compiles a
 * few typical queries on a private connection, so that the classes, generated handlers and JIT
 * work of Calcite's first plan are paid while the user is still typing, not by the first query.
 *
 * <p>It sends no request: the statements are only prepared, and the one it runs has no row to
 * ask the API for. Its connection points at an address no request is made to and is closed
 * when done (a test runs the same work against a simulator to show that nothing is sent). The
 * system property {@code incidentql.warmUp=false} turns it off; the driver's own tests set it,
 * so that no test's timing competes with the warm-up for the CPU.
 */
final class IncidentIoWarmUp {
  static final String PROPERTY = "incidentql.warmUp";

  /** Queries whose planning touches the rules, aggregates, joins, sorts and limits. */
  private static final String[] PREPARED = {
    "SELECT severity_name, COUNT(*) AS n FROM incidents WHERE mode = 'standard'"
        + " GROUP BY severity_name ORDER BY n DESC",
    "SELECT a.id, a.title, a.created_at FROM alerts a"
        + " JOIN incident_alerts ia ON ia.alert_id = a.id"
        + " WHERE a.status = 'firing' AND a.title LIKE '%db%' ORDER BY a.created_at DESC LIMIT 10",
  };

  /** Run to its end: a contradiction sends no request, so only the local machinery runs. */
  private static final String EXECUTED =
      "SELECT id, status FROM alerts WHERE status = 'firing' AND status = 'resolved'";

  private static final AtomicReference<Thread> STARTED = new AtomicReference<>();

  private IncidentIoWarmUp() {}

  /** Starts the warm-up unless it has started before or is turned off. */
  static void startOnce(IncidentIoDriver driver) {
    if ("false".equalsIgnoreCase(System.getProperty(PROPERTY)) || STARTED.get() != null) {
      return;
    }
    Thread t = new Thread(() -> run(driver), "incidentql-warm-up");
    if (STARTED.compareAndSet(null, t)) {
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      t.start();
    }
  }

  /** Whether the warm-up planned and ran all its queries, for tests. */
  private static volatile boolean completed;

  static boolean completed() {
    return completed;
  }

  /** The warm-up thread, once started, for tests; null before. */
  static Thread thread() {
    return STARTED.get();
  }

  private static void run(IncidentIoDriver driver) {
    // Port 9 (discard) on this machine: nothing is ever sent, and if it were, it would fail here.
    completed = run(driver, "http://127.0.0.1:9");
  }

  /**
   * Plans and runs the warm-up's queries on a private connection to {@code baseUrl}; returns
   * whether all of them ran.
   */
  static boolean run(IncidentIoDriver driver, String baseUrl) {
    Properties props = new Properties();
    props.setProperty(ConnectionSettings.BASE_URL, baseUrl);
    props.setProperty(ConnectionSettings.API_KEY, "warm-up-no-key");
    props.setProperty(ConnectionSettings.MAX_RETRIES, "0");
    try (Connection c = driver.connect(IncidentIoDriver.PREFIX, props, false)) {
      for (String sql : PREPARED) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.getMetaData();
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(EXECUTED)) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      // Only a head start: the user's own first query does the same work if this one fails.
      return false;
    }
  }
}
