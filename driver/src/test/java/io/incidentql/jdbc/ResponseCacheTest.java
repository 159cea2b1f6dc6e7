package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.api.ApiConfig;
import io.incidentql.adapter.api.internal.ResponseCache;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of the response cache through JDBC against the simulator: what a repeated query sends
 * within the time to live and after it, sharing between connections of one key and not across
 * keys, bypassing and clearing, the byte bound, and the figures {@code SHOW CACHE} reports.
 */
class ResponseCacheTest {
  private static final String OTHER_KEY = "test-key-not-real-0002";
  private static final String SCAN = "SELECT id, title FROM alerts";
  private static final String SCAN_REQUEST = "GET /v2/alerts?page_size=50";

  private Simulator sim;
  /** The time of the cache of the test key, which the test moves; nanoseconds. */
  private final AtomicLong now = new AtomicLong();
  private ResponseCache held;

  @BeforeEach
  void start() {
    sim = Simulator.start(SimulatorConfig.builder().seed(16).scale(40, 5, 0, 0)
        .apiKey(SimulatorConnections.TEST_KEY, "test").apiKey(OTHER_KEY, "other")
        .unlimitedRate().build());
    // Acquired before any connection, so that the connections share this store and its clock.
    held = ResponseCache.acquire(normalized(sim.baseUrl()), SimulatorConnections.TEST_KEY,
        ApiConfig.DEFAULT_CACHE_MAX_BYTES, now::get);
  }

  @AfterEach
  void stop() {
    held.release();
    sim.close();
  }

  private static String normalized(String baseUrl) {
    return ApiConfig.builder().baseUrl(baseUrl).build().baseUrl();
  }

  private Connection connect(String properties, String key) throws SQLException {
    return DriverManager.getConnection(SimulatorConnections.url(sim) + properties, "", key);
  }

  /** Runs {@code sql} and returns the requests the simulator received for it. */
  private List<String> requestsOf(Connection c, String sql) throws SQLException {
    sim.requestLog().clear();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
    return sim.requestLog().lines();
  }

  private static int drain(Statement st, String sql) throws SQLException {
    int rows = 0;
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
      }
    }
    return rows;
  }

  private static Map<String, Object> show(Connection c, String statement) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(statement)) {
      assertTrue(rs.next(), statement + " returns a row");
      for (String column : IncidentIoCacheStatements.COLUMNS) {
        row.put(column, rs.getObject(column));
      }
      assertTrue(!rs.next(), "one row");
    }
    return row;
  }

  @Test
  void aRepeatedQuerySendsNothingWithinTheTimeToLiveAndSendsAgainAfterIt() throws Exception {
    try (Connection c = connect("", SimulatorConnections.TEST_KEY)) {
      assertEquals(List.of(SCAN_REQUEST), requestsOf(c, SCAN));
      assertEquals(List.of(), requestsOf(c, SCAN));
      now.addAndGet(Duration.ofSeconds(59).toNanos());
      assertEquals(List.of(), requestsOf(c, SCAN), "59 s later, within the default 60 s");
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      assertEquals(List.of(SCAN_REQUEST), requestsOf(c, SCAN), "60 s later, sent again");
      assertEquals(List.of(), requestsOf(c, SCAN), "and kept again");
    }
  }

  @Test
  void theTimeToLiveIsAConnectionProperty() throws Exception {
    try (Connection c = connect(";cacheTtlSeconds=300", SimulatorConnections.TEST_KEY)) {
      requestsOf(c, SCAN);
      now.addAndGet(Duration.ofSeconds(299).toNanos());
      assertEquals(List.of(), requestsOf(c, SCAN));
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      assertEquals(List.of(SCAN_REQUEST), requestsOf(c, SCAN));
    }
  }

  @Test
  void twoConnectionsOfOneKeyShareAnswers() throws Exception {
    try (Connection a = connect("", SimulatorConnections.TEST_KEY);
        Connection b = connect("", SimulatorConnections.TEST_KEY)) {
      assertEquals(List.of(SCAN_REQUEST), requestsOf(a, SCAN));
      assertEquals(List.of(), requestsOf(b, SCAN));
    }
  }

  @Test
  void anotherKeyNeverGetsTheAnswersOfTheFirst() throws Exception {
    try (Connection a = connect("", SimulatorConnections.TEST_KEY);
        Connection b = connect("", OTHER_KEY)) {
      assertEquals(List.of(SCAN_REQUEST), requestsOf(a, SCAN));
      assertEquals(List.of(SCAN_REQUEST), requestsOf(b, SCAN));
      assertEquals(List.of(), requestsOf(b, SCAN), "the other key has answers of its own");
      Map<String, Object> first = show(a, "SHOW CACHE");
      assertEquals(0L, first.get("hits"), "the first key's store saw none of it: " + first);
      assertEquals(1L, first.get("misses"), first.toString());
    }
  }

  @Test
  void aTimeToLiveOfZeroBypassesTheCache() throws Exception {
    try (Connection cached = connect("", SimulatorConnections.TEST_KEY);
        Connection bypass = connect(";cacheTtlSeconds=0", SimulatorConnections.TEST_KEY)) {
      assertEquals(List.of(SCAN_REQUEST), requestsOf(bypass, SCAN));
      assertEquals(List.of(SCAN_REQUEST), requestsOf(bypass, SCAN));
      assertEquals(List.of(SCAN_REQUEST), requestsOf(cached, SCAN), "the bypass stored nothing");
      assertEquals(List.of(SCAN_REQUEST), requestsOf(bypass, SCAN), "nor reads what others stored");
    }
  }

  @Test
  void clearCacheForgetsEveryAnswerAndShowCacheCountsHitsAndMisses() throws Exception {
    try (Connection c = connect("", SimulatorConnections.TEST_KEY)) {
      requestsOf(c, SCAN);
      requestsOf(c, SCAN);
      Map<String, Object> shown = show(c, "show cache");
      assertEquals(60.0, shown.get("ttl_seconds"));
      assertEquals(1L, shown.get("entries"));
      assertEquals(1L, shown.get("hits"));
      assertEquals(1L, shown.get("misses"));
      assertTrue((Long) shown.get("bytes") > 1000, shown.toString());
      assertEquals(ApiConfig.DEFAULT_CACHE_MAX_BYTES, shown.get("max_bytes"));
      Map<String, Object> cleared = show(c, "/* refresh */ CLEAR  CACHE;");
      assertEquals(0L, cleared.get("entries"));
      assertEquals(0L, cleared.get("bytes"));
      assertEquals(List.of(SCAN_REQUEST), requestsOf(c, SCAN), "sent again after CLEAR CACHE");
      assertEquals(2L, show(c, "SHOW CACHE").get("misses"));
    }
  }

  @Test
  void theDslTakesTheSameStatements() throws Exception {
    try (Connection sql = connect("", SimulatorConnections.TEST_KEY);
        Connection dsl = connect(";language=dsl", SimulatorConnections.TEST_KEY)) {
      requestsOf(sql, SCAN);
      assertEquals(1L, show(dsl, "SHOW CACHE").get("entries"));
      try (Statement st = dsl.createStatement()) {
        assertTrue(st.execute("CLEAR CACHE"));
        try (ResultSet rs = st.getResultSet()) {
          assertTrue(rs.next());
          assertEquals(0L, rs.getLong("entries"));
        }
      }
      assertEquals(List.of(SCAN_REQUEST), requestsOf(sql, SCAN));
    }
  }

  @Test
  void cacheStatementsAreNotPrepared() throws Exception {
    try (Connection c = connect("", SimulatorConnections.TEST_KEY)) {
      SQLException e = assertThrows(SQLException.class, () -> c.prepareStatement("CLEAR CACHE"));
      assertEquals("0A000", e.getSQLState());
    }
  }

  @Test
  void theBoundInBytesEvictsTheLeastRecentlyUsedAnswers() throws Exception {
    try (Simulator big = Simulator.start(SimulatorConfig.builder().seed(17)
            .scale(2_000, 5, 0, 0).apiKey(SimulatorConnections.TEST_KEY, "test")
            .unlimitedRate().build());
        Connection c = DriverManager.getConnection(
            SimulatorConnections.url(big) + ";cacheMegabytes=1", "", SimulatorConnections.TEST_KEY)) {
      String small = "SELECT name FROM severities";
      try (Statement st = c.createStatement()) {
        drain(st, small);
        big.requestLog().clear();
        drain(st, small);
        assertEquals(List.of(), big.requestLog().lines(), "kept while it fits");
        assertEquals(2_000, drain(st, SCAN));
        Map<String, Object> shown = show(c, "SHOW CACHE");
        assertTrue((Long) shown.get("evictions") > 0, shown.toString());
        assertTrue((Long) shown.get("bytes") <= 1 << 20, shown.toString());
        big.requestLog().clear();
        drain(st, small);
        assertEquals(List.of("GET /v1/severities"), big.requestLog().lines(),
            "the least recently used answer went first");
      }
    }
  }
}
