package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Test that runs the driver through successes, refusals and faults with every log level on, and
 * finds no trace of the API key in any log line, anything printed, any exception (message or
 * stack trace), any {@code toString()}, EXPLAIN output or the metadata URL.
 */
class SecretsNeverLeakTest {
  /** A key the simulator accepts; distinctive, so that any fragment of it is easy to spot. */
  private static final String KEY = "test-key-not-real-SECRETSECRET-4242";
  /** A key the simulator refuses, which must not leak either. */
  private static final String WRONG_KEY = "test-key-not-real-WRONGWRONG-9999";

  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = Simulator.start(SimulatorConfig.builder().seed(5).scale(60, 20, 10, 20).apiKey(KEY).build());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @Test
  void theKeyAppearsInNoLogNoOutputNoMessageAndNoDescription() throws Exception {
    StringBuilder seen = new StringBuilder();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(tee(out, printed), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(tee(err, printed), true, StandardCharsets.UTF_8));
    CapturingLog.start();
    String logs;
    try {
      exercise(seen);
    } finally {
      logs = CapturingLog.stop();
      System.setOut(out);
      System.setErr(err);
    }
    assertTrue(logs.contains("GET /v2/alerts"), "the capture saw the requests:\n" + logs);
    assertTrue(seen.toString().contains("HTTP 401"), "the run met a refused key");
    assertTrue(seen.toString().contains("HTTP 422"), "the run met a validation error");
    assertTrue(seen.toString().contains("HTTP 429"), "the run met a rate limit");
    String everything = logs + printed.toString(StandardCharsets.UTF_8) + seen;
    for (String key : new String[] {KEY, WRONG_KEY}) {
      assertFalse(everything.contains(key), "the key leaked:\n" + around(everything, key));
      // Not even the distinctive middle of it.
      String middle = key.substring(18, 30);
      assertFalse(everything.contains(middle), "part of the key leaked:\n" + around(everything, middle));
    }
  }

  private void exercise(StringBuilder seen) throws Exception {
    String base = SimulatorConnections.url(sim) + FaultMatrixTest.FAST + SimulatorConnections.NO_CACHE;
    // Successes, with the key in the URL, in Properties, and as the password.
    try (Connection c = DriverManager.getConnection(base + ";apiKey=" + KEY)) {
      seen.append(c).append('\n').append(c.getMetaData().getURL()).append('\n');
      try (Statement s = c.createStatement()) {
        seen.append(s).append('\n');
        try (ResultSet rs = s.executeQuery("SELECT id, status FROM alerts")) {
          seen.append(rs).append('\n');
          while (rs.next()) {
            seen.append(rs.getString(1)).append(' ');
          }
        }
        try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT * FROM alerts WHERE status = 'firing'")) {
          while (rs.next()) {
            seen.append(rs.getString(1)).append('\n');
          }
        }
        // An engine error with the key in the SQL text's neighbourhood: the message must not
        // carry connection details.
        record(seen, () -> s.executeQuery("SELECT nope FROM alerts"));
      }
    }
    Properties props = new Properties();
    props.setProperty("apiKey", KEY);
    try (Connection c = DriverManager.getConnection(base, props)) {
      seen.append(c).append(c.getMetaData().getURL());
      // A validation error (422), a rate limit outlasting the wait (429), and faults.
      sim.faults().next().onPath("/v2/alerts").status(422);
      record(seen, () -> count(c));
      sim.faults().next().onPath("/v2/alerts").tooManyRequests(Duration.ofSeconds(30));
      record(seen, () -> count(c));
      sim.faults().next().onPath("/v2/alerts").tooManyRequests(Duration.ofMillis(200));
      record(seen, () -> count(c));
      sim.faults().next(3).onPath("/v2/alerts").status(503);
      record(seen, () -> count(c));
      sim.faults().next(3).onPath("/v2/alerts").disconnect();
      record(seen, () -> count(c));
      sim.faults().next(3).onPath("/v2/alerts").htmlErrorPage(502);
      record(seen, () -> count(c));
      sim.faults().next().onPath("/v2/alerts").truncatedBody();
      record(seen, () -> count(c));
      sim.faults().next().onPath("/v2/alerts").repeatCursor();
      record(seen, () -> count(c));
    }
    // A refused key (401), given as the password: the connection's key check fails.
    record(seen, () -> DriverManager.getConnection(base, "", WRONG_KEY).close());
    // Settings refused before any request, with the key present.
    record(seen, () -> DriverManager.getConnection(base + ";maxRetries=-1;apiKey=" + KEY).close());
    record(seen, () -> DriverManager.getConnection(
        "jdbc:incidentio:baseUrl=http://api.example.com;apiKey=" + KEY).close());
    seen.append(ConnectionSettings.from(props, Map.of()));
    // URLs typed oddly or with intent (HostileUrlTest has each case): a space before '=', a
    // quote never closed, a value that swallowed the key, a key with a line break.
    try (Connection c = DriverManager.getConnection(base + ";apiKey =" + KEY)) {
      seen.append(c).append(c.getMetaData().getURL()).append(c.createStatement()).append('\n');
      count(c);
    }
    record(seen, () -> DriverManager.getConnection(base + ";apiKey='" + KEY).close());
    record(seen, () -> DriverManager.getConnection(base + ";maxRetries=3,apiKey=" + KEY).close());
    record(seen, () -> DriverManager.getConnection(base + ";apiKey=" + KEY + "\r\nX-Evil: 1").close());
    record(seen, () -> DriverManager.getConnection(base + ";apiKey=" + KEY + ";model=" + KEY).close());
  }

  private static void count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
      rs.next();
    }
  }

  /** Runs the action, recording the message and stack trace of what it throws. */
  private static void record(StringBuilder seen, SqlAction action) {
    try {
      action.run();
    } catch (SQLException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      seen.append(e.getSQLState()).append(' ').append(e.getMessage()).append('\n').append(trace);
      return;
    }
    seen.append("(no error)\n");
  }

  @FunctionalInterface
  interface SqlAction {
    void run() throws SQLException;
  }

  private static OutputStream tee(OutputStream a, OutputStream b) {
    return new OutputStream() {
      @Override
      public void write(int c) throws java.io.IOException {
        a.write(c);
        b.write(c);
      }

      @Override
      public void write(byte[] buf, int off, int len) throws java.io.IOException {
        a.write(buf, off, len);
        b.write(buf, off, len);
      }
    };
  }

  private static String around(String text, String needle) {
    int i = text.indexOf(needle);
    return text.substring(Math.max(0, i - 300), Math.min(text.length(), i + 300));
  }

  @Test
  void theConnectionSettingsDescribeThemselvesWithoutTheKey() throws Exception {
    Properties p = new Properties();
    p.setProperty("apiKey", KEY);
    String s = ConnectionSettings.from(p, Map.of()).toString();
    assertTrue(s.contains("apiKey=***"), s);
    assertFalse(s.contains(KEY), s);
    assertEquals(-1, s.indexOf("SECRET"), s);
  }
}
