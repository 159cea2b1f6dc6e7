package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of fetching one page ahead during a scan that reads every row: the same rows and the
 * same requests as without it, nothing ahead when the statement caps its rows, and a page in
 * flight that is aborted on close or cancel and whose error surfaces where it would have.
 */
class LookAheadTest {
  private static final String PAGE_1 = "GET /v2/alerts?page_size=50";
  private static final String PAGE_N = "GET /v2/alerts?page_size=50&after=…";
  /** Long enough that only a close, a cancel or a timeout can end the page in flight. */
  private static final Duration STALL = Duration.ofSeconds(10);
  private static final Duration BOUND = Duration.ofSeconds(20);

  private static Simulator sim;

  @BeforeAll
  static void start() throws SQLException {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(29).scale(230, 20, 10, 20).unlimitedRate());
    // The first scan of a JVM pays for loading and compiling the engine, which would count
    // against the bounds below; their scans then plan and run warm.
    try (Connection c = connect("")) {
      SimulatorConnections.runToTheEnd(c, "select id from alerts");
    }
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void clear() {
    sim.faults().clear();
    sim.requestLog().clear();
    sim.setLatency(Duration.ZERO);
  }

  private static List<String> requests() {
    return PushdownFixture.masked(sim.requestLog().lines());
  }

  private static Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(
        SimulatorConnections.url(sim) + ";maxRetries=0;readTimeoutSeconds=60;callTimeoutSeconds=180"
            + extra,
        "",
        SimulatorConnections.TEST_KEY);
  }

  /** Lets the first two alert pages through untouched and stalls the body of the third. */
  private static void stallThirdPage() {
    stallThird(sim);
  }

  /** Reads rows until {@code n} have been read. */
  private static void read(ResultSet rs, int n) throws SQLException {
    for (int i = 0; i < n; i++) {
      assertTrue(rs.next(), "row " + (i + 1));
    }
  }

  /** Waits, bounded, until the simulator has received {@code n} requests. */
  private static void awaitRequests(int n) throws InterruptedException {
    long end = System.nanoTime() + BOUND.toNanos();
    while (sim.requestLog().size() < n) {
      assertTrue(System.nanoTime() < end, "the simulator received " + requests());
      Thread.sleep(5);
    }
  }

  /** Waits, bounded, until no look-ahead thread is left. */
  private static void awaitNoLookAheadThreads() throws InterruptedException {
    long end = System.nanoTime() + BOUND.toNanos();
    while (true) {
      List<String> alive = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("incidentql-look-ahead") && t.isAlive()) {
          alive.add(t.getName() + " " + t.getState());
        }
      }
      if (alive.isEmpty()) {
        return;
      }
      assertTrue(System.nanoTime() < end, "still running: " + alive);
      Thread.sleep(10);
    }
  }

  @Test
  void aFullScanReturnsEveryRowInOrderWithExactlyThePagesItNeeds() throws Exception {
    sim.setLatency(Duration.ofMillis(20));
    List<String> expected = new ArrayList<>();
    for (ObjectNode a : sim.dataset().alerts()) {
      expected.add(a.get("id").asText());
    }
    List<String> ids = new ArrayList<>();
    try (Connection c = connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from alerts")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    assertEquals(expected, ids);
    List<String> pages = new ArrayList<>(List.of(PAGE_1));
    pages.addAll(Collections.nCopies(4, PAGE_N));
    assertEquals(pages, requests());
  }

  @Test
  void anAggregateOverEveryRowCountsEachRowOnce() throws Exception {
    try (Connection c = connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(distinct id), count(*) from alerts")) {
      assertTrue(rs.next());
      assertEquals(230, rs.getLong(1));
      assertEquals(230, rs.getLong(2));
    }
    assertEquals(5, sim.requestLog().size(), requests().toString());
  }

  @Test
  void setMaxRowsOverSeveralPagesFetchesNoPageAhead() throws Exception {
    try (Connection c = connect("")) {
      try (Statement s = c.createStatement()) {
        s.setMaxRows(120);
        try (ResultSet rs = s.executeQuery("select id from alerts")) {
          read(rs, 120);
          assertFalse(rs.next());
        }
      }
      try (PreparedStatement ps = c.prepareStatement("select id from alerts where status <> ?")) {
        ps.setMaxRows(120);
        ps.setString(1, "nope");
        try (ResultSet rs = ps.executeQuery()) {
          read(rs, 120);
          assertFalse(rs.next());
        }
      }
      // A later query shows that nothing is still being fetched for the capped ones.
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from incidents")) {
        assertTrue(rs.next());
      }
    }
    List<String> log = requests();
    // The prepared statement's parameter is pushed as status[not_in], as its literal would be.
    String notIn = "status[not_in]=nope";
    assertEquals(List.of(PAGE_1, PAGE_N, PAGE_N,
            PAGE_1 + "&" + notIn, PAGE_N.replace("&after=", "&" + notIn + "&after="),
            PAGE_N.replace("&after=", "&" + notIn + "&after=")),
        log.subList(0, 6));
    assertEquals(7, log.size(), log.toString());
    assertTrue(log.get(6).startsWith("GET /v2/incidents?page_size=1"), log.get(6));
  }

  @Test
  void closingAResultSetWhileThePageAheadIsInFlightAbortsItAtOnce() throws Exception {
    stallThirdPage();
    assertTimeoutPreemptively(BOUND, () -> {
      try (Connection c = connect("")) {
        try (Statement s = c.createStatement()) {
          ResultSet rs = s.executeQuery("select id from alerts");
          read(rs, 51);
          // The reader is on the second page: the third is requested ahead and stalls.
          awaitRequests(3);
          rs.close();
          // The connection serves the next query at once.
          try (ResultSet count = s.executeQuery("select count(*) from incidents")) {
            assertTrue(count.next());
          }
        }
      }
      awaitNoLookAheadThreads();
    });
    // The aborted page was sent (the API saw it) but none of its rows was read.
    List<String> log = requests();
    assertEquals(List.of(PAGE_1, PAGE_N, PAGE_N), log.subList(0, 3));
    assertEquals(4, log.size(), log.toString());
  }

  @Test
  void cancellingAStatementWhileThePageAheadIsInFlightStopsTheScan() {
    stallThirdPage();
    assertTimeoutPreemptively(BOUND, () -> {
      try (Connection c = connect("");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select id from alerts")) {
        read(rs, 51);
        awaitRequests(3);
        s.cancel();
        SQLException e = assertThrows(SQLException.class, () -> {
          while (rs.next()) {
            // Reading on would wait for the stalled page.
          }
        });
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("cancel"), e.getMessage());
      }
      awaitNoLookAheadThreads();
    });
    assertEquals(List.of(PAGE_1, PAGE_N, PAGE_N), requests());
  }

  /**
   * Reads every row, counting them until the first failure, which it returns (null if none);
   * {@code maxRows} 1000 turns look-ahead off (there are fewer rows) for a reference run.
   */
  private static SQLException scan(String extra, int maxRows, int queryTimeout, Beside whileRunning,
      int[] rows) {
    SQLException[] thrown = new SQLException[1];
    assertTimeoutPreemptively(BOUND, () -> {
      // Prepared first: the timeout also bounds planning, which these tests are not about.
      try (Connection c = connect(extra);
          PreparedStatement s = c.prepareStatement("select id from alerts")) {
        s.setMaxRows(maxRows);
        s.setQueryTimeout(queryTimeout);
        Throwable[] helperFailure = new Throwable[1];
        Thread helper = new Thread(() -> {
          try {
            whileRunning.accept(s);
          } catch (Throwable t) {
            helperFailure[0] = t;
          }
        });
        try (ResultSet rs = s.executeQuery()) {
          helper.start();
          while (rs.next()) {
            rows[0]++;
          }
        } catch (SQLException e) {
          thrown[0] = e;
        }
        helper.join();
        if (helperFailure[0] != null) {
          throw new AssertionError("beside the scan", helperFailure[0]);
        }
      }
    });
    return thrown[0];
  }

  /** Masks what differs between two runs of the same failure: cursors and request ids. */
  private static String masked(String message) {
    return message
        .replaceAll("after=\\w+", "after=…")
        .replaceAll("request_id [\\w-]+", "request_id …");
  }

  /** Something done beside a running scan, given its statement. */
  private interface Beside {
    void accept(Statement s) throws Exception;
  }

  private static void nothing(Statement s) {}

  /**
   * Runs the scan with look-ahead and then, on the same faults, without it, and checks that it
   * fails after the same rows with the same state and message; returns the failure.
   */
  private static SQLException failsAlikeWithAndWithoutLookAhead(
      java.util.function.Consumer<Simulator> faults, int queryTimeout, Beside whileRunning) {
    faults.accept(sim);
    int[] ahead = new int[1];
    SQLException withLookAhead = scan("", 0, queryTimeout, whileRunning, ahead);
    List<String> log = requests();
    sim.faults().clear();
    sim.requestLog().clear();
    faults.accept(sim);
    int[] inTurn = new int[1];
    SQLException without = scan("", 1000, queryTimeout, whileRunning, inTurn);
    assertTrue(withLookAhead != null && without != null, withLookAhead + " / " + without);
    assertEquals(inTurn[0], ahead[0], "rows read before the failure");
    assertEquals(without.getSQLState(), withLookAhead.getSQLState());
    assertEquals(masked(without.getMessage()), masked(withLookAhead.getMessage()));
    assertEquals(requests(), log, "the same requests");
    assertEquals(List.of(PAGE_1, PAGE_N, PAGE_N), log);
    assertEquals(99, ahead[0], "the engine reads one row ahead of the ResultSet");
    return withLookAhead;
  }

  @Test
  void anErrorOnThePageAheadSurfacesAtTheSameRowWithTheSameStateAsWithout() {
    SQLException e = failsAlikeWithAndWithoutLookAhead(s -> {
      s.faults().next(2).onPath("/v2/alerts").stallBody(Duration.ofMillis(1));
      s.faults().next().onPath("/v2/alerts").status(503);
    }, 0, LookAheadTest::nothing);
    assertEquals("08006", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
  }

  @Test
  void aDamagedPageAheadFailsLikeADamagedPageInTurn() {
    SQLException e = failsAlikeWithAndWithoutLookAhead(s -> {
      s.faults().next(2).onPath("/v2/alerts").stallBody(Duration.ofMillis(1));
      s.faults().next().onPath("/v2/alerts").truncatedBody();
    }, 0, LookAheadTest::nothing);
    assertEquals("22000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aCancelWhileTheReaderWaitsForThePageAheadEndsTheWaitLikeACancelInTurn() {
    SQLException e = failsAlikeWithAndWithoutLookAhead(LookAheadTest::stallThird, 0, s -> {
      awaitRequests(3);
      s.cancel();
    });
    assertEquals("HY008", e.getSQLState(), e.getMessage());
  }

  @Test
  void aQueryTimeoutWhileTheReaderWaitsForThePageAheadFailsLikeATimeoutInTurn() {
    SQLException e = failsAlikeWithAndWithoutLookAhead(LookAheadTest::stallThird, 2,
        LookAheadTest::nothing);
    assertEquals("HYT00", e.getSQLState(), e.getMessage());
  }

  private static void stallThird(Simulator s) {
    s.faults().next(2).onPath("/v2/alerts").stallBody(Duration.ofMillis(1));
    s.faults().next().onPath("/v2/alerts").stallBody(STALL);
  }
}
