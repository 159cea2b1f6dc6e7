package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.api.ApiConfig;
import io.incidentql.simulator.LoggedRequest;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of the connection properties for limits, retries, timeouts and transport security. */
class ConnectionPropertiesTest {
  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(9).scale(30, 10, 10, 10));
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private static ApiConfig config(String... pairs) throws SQLException {
    Properties p = new Properties();
    p.setProperty("apiKey", "test-key-not-real");
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return ConnectionSettings.from(p, Map.of()).apiConfig("https://api.incident.io", "k-not-real");
  }

  @Test
  void defaultsAreTheApisBudgetAndPatientTimeouts() throws Exception {
    ApiConfig c = config();
    assertEquals(1200, c.rateLimit());
    assertEquals(Duration.ofMinutes(1), c.rateLimitWindow());
    assertEquals(3, c.maxRetries());
    assertEquals(Duration.ofMillis(500), c.retryBackoff());
    assertEquals(Duration.ofMinutes(1), c.maxRetryTime());
    assertEquals(Duration.ofSeconds(10), c.connectTimeout());
    assertEquals(Duration.ofSeconds(30), c.readTimeout());
    assertEquals(Duration.ofMinutes(5), c.callTimeout());
    assertEquals(5, c.maxRateLimitRetries());
    assertEquals(Duration.ofMinutes(2), c.maxRateLimitWait());
  }

  @Test
  void everyKnobMapsOntoTheClientSettings() throws Exception {
    ApiConfig c =
        config(
            "rateLimit", "600", "rateLimitWindowSeconds", "30", "maxRetries", "7",
            "retryBackoffSeconds", "0.25", "maxRetryTimeSeconds", "90",
            "connectTimeoutSeconds", "2.5", "readTimeoutSeconds", "0.001", "callTimeoutSeconds", "0",
            "maxRateLimitRetries", "1", "maxRateLimitWaitSeconds", "10");
    assertEquals(600, c.rateLimit());
    assertEquals(Duration.ofSeconds(30), c.rateLimitWindow());
    assertEquals(7, c.maxRetries());
    assertEquals(Duration.ofMillis(250), c.retryBackoff());
    assertEquals(Duration.ofSeconds(90), c.maxRetryTime());
    assertEquals(Duration.ofMillis(2500), c.connectTimeout());
    assertEquals(Duration.ofMillis(1), c.readTimeout());
    assertEquals(Duration.ZERO, c.callTimeout());
    assertEquals(1, c.maxRateLimitRetries());
    assertEquals(Duration.ofSeconds(10), c.maxRateLimitWait());
  }

  @Test
  void aBadValueFailsTheConnectionNamingThePropertyAndWhatItTakes() {
    String url = SimulatorConnections.url(sim) + ";apiKey=test-key-not-real";
    Object[][] cases = {
      {"maxRetries=-1", "maxRetries", "a whole number, 0 or more"},
      {"maxRetries=three", "maxRetries", "a whole number"},
      {"readTimeoutSeconds=soon", "readTimeoutSeconds", "a number of seconds"},
      {"connectTimeoutSeconds=-2", "connectTimeoutSeconds", "a number of seconds"},
      // Rounded down to whole milliseconds it would be 0, which OkHttp reads as "no timeout".
      {"readTimeoutSeconds=0.0004", "readTimeoutSeconds", "0 or a number of seconds from 0.001"},
      {"callTimeoutSeconds=0.0009", "callTimeoutSeconds", "from 0.001 (one millisecond)"},
      {"rateLimit=1e3", "rateLimit", "a whole number"},
      {"allowInsecureHttp=yes", "allowInsecureHttp", "true or false"},
      {"callTimeoutSeconds=5", "callTimeout", "must be longer than maxRateLimitWait"},
      {"timeZone=Bogus/Zone", "timeZone", "UTC"},
      {"timeZone=Asia/Tokyo", "timeZone", "UTC"},
      {"pushdown=maybe", "pushdown", "true or false"},
      {"planCache=-1", "planCache", "a whole number, 0 or more"},
      {"parallelism=0", "parallelism", "a whole number from 1"},
      {"parallelism=17", "parallelism", "to 16"},
      {"parallelism=four", "parallelism", "a whole number from 1"},
      {"language=cobol", "language", "sql (the default) or dsl"},
      {"maxResponseMegabytes=0", "maxResponseMegabytes", "a whole number of MiB from 1 to 2047"},
      {"maxResponseMegabytes=2048", "maxResponseMegabytes", "from 1 to 2047"},
    };
    for (Object[] c : cases) {
      SQLException e =
          assertThrows(SQLException.class, () -> DriverManager.getConnection(url + ";" + c[0]));
      assertEquals("08001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
      assertTrue(e.getMessage().contains((String) c[2]), e.getMessage());
    }
  }

  @Test
  void plainHttpToAnotherMachineIsRefusedUnlessExplicitlyAllowed() throws Exception {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(
                "jdbc:incidentio:baseUrl=http://api.example.invalid;apiKey=test-key-not-real"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("unencrypted"), e.getMessage());
    assertTrue(e.getMessage().contains("allowInsecureHttp=true"), e.getMessage());
    // Allowed explicitly, the settings are accepted (connecting would then check the key with
    // that host, which this test does not reach).
    java.util.Properties allowed = new java.util.Properties();
    allowed.setProperty("baseUrl", "http://api.example.invalid");
    allowed.setProperty("allowInsecureHttp", "true");
    allowed.setProperty("apiKey", "test-key-not-real");
    assertEquals("http://api.example.invalid",
        ConnectionSettings.from(allowed, java.util.Map.of()).baseUrl());
  }

  @Test
  void aValueThatLooksLikeAParameterStaysOneValue() throws Exception {
    // Whatever the planner pushes, the value must reach the API as one value or stay local.
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT COUNT(*) FROM alerts WHERE status = 'firing&page_size=1'")) {
      assertTrue(rs.next());
      assertEquals(0, rs.getInt(1));
    }
    for (LoggedRequest r : sim.requestLog().requests()) {
      assertTrue(r.params("page_size").size() == 1, r.toString());
      assertTrue(!r.params("page_size").get(0).equals("1"), r.toString());
      for (String v : r.params("status[one_of]")) {
        assertEquals("firing&page_size=1", v);
      }
    }
    List<LoggedRequest> requests = sim.requestLog().requests();
    assertTrue(!requests.isEmpty());
  }
}
