package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.LoggedRequest;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of long scans read as {@code created_at} windows in parallel ({@code parallelism}):
 * the same rows in the same order as one serial cursor, the exact requests, and stopping.
 */
class WindowedScanTest {
  private static final String SCAN =
      "SELECT * FROM alerts WHERE created_at >= TIMESTAMP '2023-01-01 00:00:00'";
  private static final String FIRST_PAGE =
      "GET /v2/alerts?page_size=50&created_at[gte]=2023-01-01";
  /** Patient enough that a stalled page ends only by cancel or close. */
  private static final String PATIENT = ";readTimeoutSeconds=60;callTimeoutSeconds=180";

  private static Simulator sim;

  @BeforeAll
  static void startSimulator() throws SQLException {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(5).scale(2_000, 10, 0, 0));
    // The first windowed scan of a JVM pays for loading and compiling the engine, which would
    // count against the bounds of the stopping tests below; their scans then plan warm.
    try (Connection c = connect(";parallelism=4")) {
      SimulatorConnections.runToTheEnd(c, SCAN);
    }
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.faults().clear();
    sim.requestLog().clear();
    sim.setLatency(Duration.ZERO);
  }

  private static Connection connect(String properties) throws SQLException {
    return connect(sim, properties);
  }

  private static Connection connect(Simulator server, String properties) throws SQLException {
    return DriverManager.getConnection(
        SimulatorConnections.url(server) + properties, "", SimulatorConnections.TEST_KEY);
  }

  /**
   * A simulator of the same data for one test that stops a scan: the requests it aborts are
   * answered, and logged, after the test has ended, so they must not reach the shared log.
   */
  private static Simulator own() {
    return SimulatorConnections.start(SimulatorConfig.builder().seed(5).scale(2_000, 10, 0, 0));
  }

  private static List<List<Object>> rows(String properties, String sql) throws SQLException {
    try (Connection c = connect(properties);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  @Test
  void windowsReturnTheRowsOfOneSerialCursorInItsOrder() throws Exception {
    List<List<Object>> serial = rows(";parallelism=1", SCAN);
    List<String> serialLog = sim.requestLog().lines();
    sim.requestLog().clear();
    List<List<Object>> windowed = rows(";parallelism=4", SCAN);
    assertEquals(2_000, serial.size());
    assertEquals(serial, windowed);
    // The serial cursor's own order is the API's: newest first.
    List<String> ids = sim.dataset().alerts().stream().map(a -> a.get("id").asText()).toList();
    assertEquals(ids, windowed.stream().map(r -> (String) r.get(0)).toList());
    assertEquals(40, serialLog.size());
    assertTrue(sim.requestLog().size() > serialLog.size(), "windows were used");
  }

  @Test
  void eachWindowIsOneDateRangeReadToItsLastPageAndTheWindowsTileTheQuery() throws Exception {
    rows(";parallelism=4", SCAN);
    List<LoggedRequest> log = sim.requestLog().requests();
    assertEquals(FIRST_PAGE, log.get(0).toString());
    List<String> expected = new ArrayList<>();
    expected.add(FIRST_PAGE);
    List<String> windows = new ArrayList<>();
    for (LoggedRequest r : log.subList(1, log.size())) {
      if (r.param("after").isEmpty()) {
        windows.add(r.param("created_at[gte]").map(v -> "gte=" + v)
            .orElseGet(() -> "date_range=" + r.param("created_at[date_range]").orElseThrow()));
      }
    }
    // About eight pages each, from UTC midnight to UTC midnight, down to the query's bound; the
    // newest has no upper end, as the query has none.
    windows.sort(null);
    assertEquals(List.of("date_range=2023-01-01~2023-06-29", "date_range=2023-06-29~2023-12-24",
        "date_range=2023-12-24~2024-06-19", "gte=2024-06-19"), windows);
    for (String w : windows) {
      expected.addAll(pagesOf(w));
    }
    List<String> logged = new ArrayList<>(sim.requestLog().lines());
    assertEquals(sorted(expected), sorted(logged));
    assertEquals(42, logged.size(), "two more than the 40 pages of one serial cursor");
  }

  /** The requests that read one window to its end: its pages, each after the last id. */
  private static List<String> pagesOf(String window) {
    String base = "GET /v2/alerts?page_size=50&created_at[" + window.replace("=", "]=");
    long from;
    long to;
    if (window.startsWith("gte=")) {
      from = micros(window.substring(4));
      to = Long.MAX_VALUE;
    } else {
      String[] range = window.substring("date_range=".length()).split("~");
      from = micros(range[0]);
      to = micros(range[1]);
    }
    List<String> ids = new ArrayList<>();
    for (ObjectNode a : sim.dataset().alerts()) {
      long t = micros(Instant.parse(a.get("created_at").asText()));
      if (t >= from && t <= to) {
        ids.add(a.get("id").asText());
      }
    }
    List<String> out = new ArrayList<>();
    out.add(base);
    for (int i = 50; i < ids.size(); i += 50) {
      out.add(base + "&after=" + ids.get(i - 1));
    }
    return out;
  }

  private static long micros(String day) {
    return micros(LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  private static List<String> sorted(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    out.sort(null);
    return out;
  }

  @Test
  void aScanWithFewPagesLeftStaysOneSerialCursorWithTheSameRequests() throws Exception {
    String sql = "SELECT id FROM alerts WHERE created_at >= TIMESTAMP '2024-09-01 00:00:00'";
    List<List<Object>> windowed = rows(";parallelism=8", sql);
    List<String> log = sim.requestLog().lines();
    sim.requestLog().clear();
    assertEquals(rows(";parallelism=1", sql), windowed);
    assertEquals(sim.requestLog().lines(), log);
    assertTrue(log.size() > 1 && log.size() < 16, log.toString());
  }

  @Test
  void aScanWithoutALowerBoundIsNeverSplit() throws Exception {
    rows(";parallelism=8", "SELECT id FROM alerts WHERE created_at <= TIMESTAMP '2025-01-01 00:00:00'");
    assertEquals(40, sim.requestLog().size());
    assertFalse(sim.requestLog().lines().stream().anyMatch(l -> l.contains("date_range")));
  }

  @Test
  void aLimitWithinTheFirstPageSendsOnlyTheFirstPage() throws Exception {
    // The filter is checked here again, so the limit stays above it, out of the request.
    List<List<Object>> rows = rows(";parallelism=8", SCAN.replace("*", "id") + " LIMIT 40");
    assertEquals(40, rows.size());
    assertEquals(List.of(FIRST_PAGE), sim.requestLog().lines());
  }

  @Test
  void aLimitBeyondTheFirstPageGetsTheRowsOfTheSerialCursor() throws Exception {
    String sql = SCAN.replace("*", "id, created_at") + " LIMIT 1500";
    assertEquals(rows(";parallelism=1", sql), rows(";parallelism=4", sql));
    awaitNoWindowThreads();
  }

  @Test
  void anErrorInOneWindowFailsTheQueryWithTheSqlStateOfASerialScan() throws Exception {
    // The first request with a cursor: page 2 of the serial cursor, page 2 of a window.
    sim.faults().next().onPath("/v2/alerts").repeatCursor();
    SQLException serial = assertThrows(SQLException.class, () -> rows(";parallelism=1", SCAN));
    SQLException windowed;
    try (Simulator server = own()) {
      server.faults().next().onPath("/v2/alerts").repeatCursor();
      windowed = assertThrows(SQLException.class, () -> {
        try (Connection c = connect(server, ";parallelism=4");
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(SCAN)) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      });
      awaitNoWindowThreads();
    }
    assertEquals("22000", serial.getSQLState(), serial.getMessage());
    assertEquals(serial.getSQLState(), windowed.getSQLState(), windowed.getMessage());
    assertTrue(windowed.getMessage().contains("same pagination cursor twice"),
        windowed.getMessage());
  }

  @Test
  void cancelDuringAWindowedScanFailsWithHy008AndStopsEveryWindow() throws Exception {
    AtomicInteger read = new AtomicInteger();
    SQLException e;
    try (Simulator server = own()) {
      server.setLatency(Duration.ofMillis(100));
      e = cancelAfterTheFirstPage(server, read);
      awaitNoWindowThreads();
    }
    assertEquals("HY008", e.getSQLState(), e.getMessage());
    assertTrue(read.get() < 2_000);
  }

  private static SQLException cancelAfterTheFirstPage(Simulator server, AtomicInteger read) {
    return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (Connection c = connect(server, ";parallelism=4" + PATIENT);
          Statement s = c.createStatement()) {
        CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
          try (ResultSet rs = s.executeQuery(SCAN)) {
            while (rs.next()) {
              read.incrementAndGet();
            }
          } catch (SQLException x) {
            throw new CompletionException(x);
          }
        });
        // Past the first page: the windows are being read.
        while (read.get() < 60 && !query.isDone()) {
          Thread.sleep(5);
        }
        s.cancel();
        CompletionException wrapped = assertThrows(CompletionException.class, query::join);
        return (SQLException) wrapped.getCause();
      }
    });
  }

  @Test
  void aQueryTimeoutDuringAWindowedScanFailsWithHyt00AndStopsEveryWindow() throws Exception {
    SQLException e;
    try (Simulator server = own()) {
      // 200 ms a page: the first page and ten pages of each window cannot fit in one second.
      server.setLatency(Duration.ofMillis(200));
      e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        // Prepared first: the timeout also bounds planning, which this test is not about.
        try (Connection c = connect(server, ";parallelism=4" + PATIENT);
            PreparedStatement s = c.prepareStatement(SCAN)) {
          s.setQueryTimeout(1);
          return assertThrows(SQLException.class, () -> {
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                rs.getString(1);
              }
            }
          });
        }
      });
      awaitNoWindowThreads();
    }
    assertEquals("HYT00", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Query timeout of 1 s exceeded"), e.getMessage());
  }

  @Test
  void closingAResultSetMidScanStopsEveryWindowAndTheConnectionGoesOn() throws Exception {
    try (Simulator server = own()) {
      closeWhileAWindowStalls(server);
    }
  }

  /**
   * Reads past the first page, then closes the result set while a window's page stalls: the
   * windows are slowed so that they cannot have buffered the whole scan, and the close waits
   * until a window has asked for a stalled page, so that it always has a call to abort and a
   * thread to end.
   */
  private static void closeWhileAWindowStalls(Simulator server) {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      server.setLatency(Duration.ofMillis(100));
      try (Connection c = connect(server, ";parallelism=4" + PATIENT)) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SCAN)) {
          for (int i = 0; i < 60; i++) {
            assertTrue(rs.next());
          }
          // Every later window's next page stalls: closing must not wait for it.
          server.faults().next(100).onPath("/v2/alerts").stallBody(Duration.ofSeconds(60));
          awaitAStalledPage(server);
        }
        awaitNoWindowThreads();
        server.faults().clear();
        server.setLatency(Duration.ZERO);
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
          assertTrue(rs.next());
          assertEquals(2_000, rs.getLong(1));
        }
      }
    });
  }

  /** Waits, bounded, until a request has taken one of the 100 planned stalls. */
  private static void awaitAStalledPage(Simulator server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.faults().pending() == 100 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(server.faults().pending() < 100, "no window asked for a page after the first");
  }

  @Test
  void cancelOfAWindowedScanWaitingForAStalledPageEndsItWithinOneSecond() throws Exception {
    try (Simulator server = own()) {
      SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        try (Connection c = connect(server, ";parallelism=4" + PATIENT);
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(SCAN)) {
          // Into the first page; the windows start when the reader asks for the next row.
          assertTrue(rs.next());
          server.faults().next(100).onPath("/v2/alerts").stallBody(Duration.ofSeconds(60));
          // The reader goes on until it waits for a stalled page (or is cancelled before).
          CompletableFuture<SQLException> next = CompletableFuture.supplyAsync(() ->
              assertThrows(SQLException.class, () -> {
                while (rs.next()) {
                  rs.getString(1);
                }
              }));
          awaitAStalledPage(server);
          long start = System.nanoTime();
          s.cancel();
          SQLException failure = next.join();
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "the cancel took " + took);
          return failure;
        }
      });
      assertEquals("HY008", e.getSQLState(), e.getMessage());
      awaitNoWindowThreads();
    }
  }

  @Test
  void aBadRowFailsAWindowedScanWithTheMessageOfASerialScan() throws Exception {
    // A row deep in the scan, read by a window, whose title is an object.
    String bad = sim.dataset().alerts().get(1_500).get("id").asText();
    try (TamperingProxy proxy = new TamperingProxy(sim.baseUrl())) {
      proxy.onBodies((url, status, body) -> {
        if (url.encodedPath().equals("/v2/alerts") && body.get("alerts") != null) {
          body.get("alerts").forEach(a -> {
            if (a.get("id").asText().equals(bad)) {
              ((ObjectNode) a).putObject("title");
            }
          });
        }
      });
      String url = "jdbc:incidentio:baseUrl=" + proxy.baseUrl() + ";maxRetries=0";
      SQLException serial = readAll(url + ";parallelism=1");
      int before = proxy.received().size();
      SQLException windowed = readAll(url + ";parallelism=4");
      List<String> received = proxy.received();
      assertTrue(received.subList(before, received.size()).stream()
          .anyMatch(r -> r.contains("date_range")), "windows were used");
      assertEquals("22000", serial.getSQLState(), serial.getMessage());
      assertTrue(serial.getMessage().contains(
          "does not fit table alerts, column title (VARCHAR), row id \"" + bad + "\""),
          serial.getMessage());
      assertEquals(serial.getSQLState(), windowed.getSQLState());
      assertEquals(serial.getMessage(), windowed.getMessage());
    }
  }

  private static SQLException readAll(String url) {
    return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
        SQLException.class, () -> {
          try (Connection c = DriverManager.getConnection(url, "", SimulatorConnections.TEST_KEY);
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(SCAN)) {
            while (rs.next()) {
              rs.getString(1);
            }
          }
        }));
  }

  /** Waits, bounded, until no thread of a windowed scan is left. */
  private static void awaitNoWindowThreads() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (windowThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, windowThreads(), "threads of windows still running");
  }

  private static long windowThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("incidentql-window-") && t.isAlive())
        .count();
  }

  @Test
  void incidentsAreSplitByTheirTotalRecordCountAndKeepEveryModeParameter()
      throws Exception {
    // The order is the API's here: the ORDER BY stays above the filter checked again locally.
    String sql = "SELECT id, created_at, mode FROM incidents"
        + " WHERE created_at >= TIMESTAMP '2023-01-01 00:00:00' ORDER BY created_at DESC";
    try (Simulator server = SimulatorConnections.start(
        SimulatorConfig.builder().seed(5).scale(10, 4_600, 0, 0).unlimitedRate())) {
      List<List<Object>> serial = rowsFrom(server, ";parallelism=1", sql);
      server.requestLog().clear();
      List<List<Object>> windowed = rowsFrom(server, ";parallelism=4", sql);
      assertEquals(SimulatorConnections.tableIncidents(server).size(), serial.size());
      assertEquals(serial, windowed);
      List<LoggedRequest> log = server.requestLog().requests();
      assertEquals(List.of("2023-01-01"), log.get(0).params("created_at[gte]"));
      long windows = log.stream().filter(r -> r.param("after").isEmpty()).count() - 1;
      // 250 a page and about 4,300 more rows: 17 pages, two windows of about eight.
      assertEquals(2, windows, log.toString());
      for (LoggedRequest r : log) {
        assertEquals(List.of("standard", "retrospective", "test", "tutorial"),
            r.params("mode[one_of]"), r.toString());
        assertEquals(List.of("triage", "live", "learning", "paused", "closed", "declined",
            "canceled", "merged"), r.params("status_category[one_of]"), r.toString());
      }
    }
  }

  private static List<List<Object>> rowsFrom(Simulator server, String properties, String sql)
      throws SQLException {
    try (Connection c = connect(server, properties);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> out = new ArrayList<>();
      while (rs.next()) {
        out.add(List.of(rs.getString(1), rs.getTimestamp(2), rs.getString(3)));
      }
      return out;
    }
  }

  @Test
  void explainSaysWhenTheRestOfAScanMayBeReadInWindows() throws Exception {
    String windowed = explain(";parallelism=4", SCAN);
    assertTrue(windowed.contains("requests=[GET /v2/alerts?page_size=50&created_at[gte]=2023-01-01],"
        + " windows=[if 16 or more pages follow the first, the rest as created_at date ranges of"
        + " about 8 pages, up to 4 at once]"), windowed);
    assertFalse(explain(";parallelism=1", SCAN).contains("windows="));
    assertFalse(explain(";parallelism=4",
        "SELECT * FROM alerts WHERE created_at <= TIMESTAMP '2024-01-01 00:00:00'")
        .contains("windows="));
    assertEquals(List.of(), sim.requestLog().lines());
  }

  private static String explain(String properties, String sql) throws SQLException {
    try (Connection c = connect(properties);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(rs.getString(1));
      }
      return out.toString();
    }
  }

  @Test
  void parallelismOneTurnsWindowsOff() throws Exception {
    rows(";parallelism=1", SCAN);
    assertEquals(40, sim.requestLog().size());
    assertFalse(sim.requestLog().lines().stream().anyMatch(l -> l.contains("date_range")));
  }
}
