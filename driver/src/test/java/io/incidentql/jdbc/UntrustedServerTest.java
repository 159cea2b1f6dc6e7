package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests that an answer the driver can check is checked: a server (or a proxy in front of it)
 * whose answers contradict the request or themselves fails the query with a data error that
 * says so, and never shortens, pads or repeats the result.
 */
class UntrustedServerTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String INCONSISTENT = "incident.io API sent an inconsistent answer to ";

  private static Simulator sim;
  private TamperingProxy proxy;

  @BeforeAll
  static void startSimulator() throws SQLException {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(17).scale(120, 30, 20, 40));
    // The first query of a JVM pays for loading and compiling the engine, which would count
    // against the bound of a case; the cases then plan warm.
    try (Connection c = SimulatorConnections.connect(sim)) {
      SimulatorConnections.runToTheEnd(c, "SELECT id FROM alerts");
    }
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void startProxy() {
    sim.faults().clear();
    sim.requestLog().clear();
    proxy = new TamperingProxy(sim.baseUrl());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private static Connection connect(String baseUrl, String extra) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:incidentio:baseUrl=" + baseUrl + ";maxRetries=0" + extra,
        "",
        SimulatorConnections.TEST_KEY);
  }

  /** Runs the query through the proxy and returns its single value. */
  private long single(String sql) throws SQLException {
    try (Connection c = connect(proxy.baseUrl(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  /** Runs the query through the proxy (or straight) and returns how many rows it gave. */
  private static long rows(String baseUrl, String extra, String sql) throws SQLException {
    try (Connection c = connect(baseUrl, extra);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      long n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  private static SQLException fails(ThrowingQuery query) {
    SQLException[] thrown = new SQLException[1];
    assertTimeoutPreemptively(
        BOUND, () -> thrown[0] = assertThrows(SQLException.class, query::run));
    SQLException e = thrown[0];
    assertEquals("22000", e.getSQLState(), e.getMessage());
    assertFalse(e.getMessage().contains(SimulatorConnections.TEST_KEY));
    return e;
  }

  @FunctionalInterface
  private interface ThrowingQuery {
    void run() throws Exception;
  }

  private static boolean isList(HttpUrl url, String table) {
    return url.encodedPath().equals("/v2/" + table);
  }

  // ---- pagination_meta

  @ParameterizedTest
  @ValueSource(strings = {"missing", "not an object", "after not a string"})
  void aPageThatDoesNotSayWhetherMoreFollowFailsTheScanInsteadOfEndingIt(String how) {
    proxy.onBodies(
        (url, status, body) -> {
          if (!isList(url, "alerts")) {
            return;
          }
          switch (how) {
            case "missing" -> body.remove("pagination_meta");
            case "not an object" -> body.put("pagination_meta", "c");
            default -> ((ObjectNode) body.get("pagination_meta")).put("after", 50);
          }
        });
    SQLException e = fails(() -> single("SELECT COUNT(*) FROM alerts"));
    String expected = switch (how) {
      case "missing" -> "the page has no pagination_meta object (got nothing)";
      case "not an object" -> "the page has no pagination_meta object (got the string \"c\")";
      default -> "pagination_meta.after is the number 50, not a string";
    };
    assertTrue(
        e.getMessage().contains(
            INCONSISTENT + "GET /v2/alerts?page_size=50: " + expected
                + ", so whether more pages follow is unknown"),
        e.getMessage());
    assertEquals(List.of("/v2/alerts?page_size=50"), proxy.received());
  }

  // ---- a row id twice in one scan

  @Test
  void aCursorThatPointsBackIntoAnEarlierPageFailsOnTheFirstRepeatedRow() {
    List<String> firstPage = new ArrayList<>();
    proxy.onBodies(
        (url, status, body) -> {
          if (!isList(url, "alerts")) {
            return;
          }
          if (url.queryParameter("after") == null) {
            body.get("alerts").forEach(a -> firstPage.add(a.get("id").asText()));
          } else if (url.queryParameter("after").equals(firstPage.get(49))) {
            // A new cursor, never sent before, that leads back to the middle of page one.
            ((ObjectNode) body.get("pagination_meta")).put("after", firstPage.get(24));
          }
        });
    SQLException e = fails(() -> single("SELECT COUNT(*) FROM alerts"));
    assertTrue(
        e.getMessage().contains(
            INCONSISTENT + "GET /v2/alerts?page_size=50&after=" + firstPage.get(24)
                + ": the row with id \"" + firstPage.get(25) + "\" came a second time while"
                + " paging through GET /v2/alerts?page_size=50"),
        e.getMessage());
    assertEquals(3, proxy.received().size(), proxy.received().toString());
  }

  // ---- total_record_count

  @ParameterizedTest
  @ValueSource(strings = {"-5", "1000000000000000000000000000000"})
  void aTotalRecordCountThatIsNoCountFailsTheCount(String total) {
    proxy.onBodies(
        (url, status, body) -> {
          if (isList(url, "incidents")) {
            ((ObjectNode) body.get("pagination_meta"))
                .put("total_record_count", new BigInteger(total));
          }
        });
    SQLException e = fails(() -> single("SELECT COUNT(*) FROM incidents"));
    assertTrue(
        e.getMessage().contains(
            "pagination_meta.total_record_count is the number " + total
                + ", which is not a number of rows"),
        e.getMessage());
    assertEquals(1, proxy.received().size(), proxy.received().toString());
    assertTrue(proxy.received().get(0).startsWith("/v2/incidents?page_size=1&"));
  }

  @Test
  void aCountWithoutTotalRecordCountCountsTheRowsRequestingTheFirstPageOnce() throws Exception {
    proxy.onBodies(
        (url, status, body) -> {
          if (isList(url, "incidents")) {
            ((ObjectNode) body.get("pagination_meta")).remove("total_record_count");
          }
        });
    long expected;
    try (Connection c = connect(sim.baseUrl(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidents")) {
      assertTrue(rs.next());
      expected = rs.getLong(1);
    }
    assertEquals(expected, assertTimeoutPreemptively(
        BOUND, () -> single("SELECT COUNT(*) FROM incidents")));
    List<String> received = proxy.received();
    assertTrue(received.get(0).startsWith("/v2/incidents?page_size=1&"), received.toString());
    assertEquals(1, received.stream().filter(r -> !r.contains("after=")).count(),
        "the first page is requested once: " + received);
    assertTrue(received.size() > 1, received.toString());
    for (String r : received.subList(1, received.size())) {
      assertTrue(r.startsWith("/v2/incidents?") && r.contains("page_size=250"),
          received.toString());
    }
  }

  // ---- lookups

  private static String someAlertId() {
    return sim.dataset().alerts().get(7).get("id").asText();
  }

  @Test
  void aLookupAnsweredWithAnotherIdFailsInsteadOfReturningThatRow() throws Exception {
    String id = someAlertId();
    String asked = id.toLowerCase(Locale.ROOT);
    // A server that matches ids without regard to case.
    proxy.onRequests(
        url -> url.pathSize() == 3
            ? url.newBuilder().setPathSegment(2, url.pathSegments().get(2).toUpperCase(Locale.ROOT))
                .build()
            : url);
    String sql = "SELECT id FROM alerts WHERE id = '" + asked + "'";
    assertEquals(0, rows(sim.baseUrl(), ";pushdown=false", sql), "no alert has that id");
    SQLException e = fails(() -> rows(proxy.baseUrl(), "", sql));
    assertTrue(
        e.getMessage().contains(
            INCONSISTENT + "GET /v2/alerts/" + asked + ": the object it returned has the id \""
                + id + "\", not the id asked for, \"" + asked + "\""),
        e.getMessage());
    assertEquals(List.of("/v2/alerts/" + asked), proxy.received());
  }

  @Test
  void aProxysHtmlNotFoundOnALookupIsAnErrorNotAMissingRow() throws Exception {
    String id = someAlertId();
    String sql = "SELECT id FROM alerts WHERE id = '" + id + "'";
    sim.faults().next().onPath("/v2/alerts/").htmlErrorPage(404);
    SQLException e = fails(() -> rows(sim.baseUrl(), "", sql));
    assertTrue(e.getMessage().contains("GET /v2/alerts/" + id + " (HTTP 404)"), e.getMessage());
    assertTrue(
        e.getMessage().contains("The answer is not the incident.io API's JSON error"),
        e.getMessage());
    assertEquals(1, sim.requestLog().size());
    // The API's own not-found still means that there is no such row.
    assertEquals(0, rows(sim.baseUrl(), "", "SELECT id FROM alerts WHERE id = 'NO-SUCH-ID'"));
    assertEquals(1, rows(sim.baseUrl(), "", sql));
  }

  @Test
  void rowsOutsideAFilterTheServerIgnoredAreLeftOut() throws Exception {
    // A server that no longer knows the status and plain incident_id filters, and ignores them.
    proxy.onRequests(url -> url.newBuilder().removeAllQueryParameters("status[one_of]")
        .removeAllQueryParameters("incident_id").build());
    String firing = "SELECT id FROM alerts WHERE status = 'firing'";
    long expected = rows(sim.baseUrl(), "", firing);
    assertTrue(expected > 0 && expected < sim.dataset().alerts().size(), "some alerts fire");
    sim.requestLog().clear();
    assertEquals(expected, rows(proxy.baseUrl(), ";cacheTtlSeconds=0", firing));
    assertTrue(sim.requestLog().lines().stream().noneMatch(r -> r.contains("status")),
        "the filter never reached the server: " + sim.requestLog().lines());
    String incident = sim.dataset().incidentUpdates().get(0).get("incident_id").asText();
    String updates = "SELECT id FROM incident_updates WHERE incident_id = '" + incident + "'";
    assertEquals(rows(sim.baseUrl(), "", updates),
        rows(proxy.baseUrl(), ";cacheTtlSeconds=0", updates));
  }

  // ---- created_at windows

  @Test
  void windowsWhoseRowsLieOutsideTheirBoundsFailTheScan() throws Exception {
    try (Simulator big =
            SimulatorConnections.start(SimulatorConfig.builder().seed(5).scale(2_000, 10, 0, 0));
        TamperingProxy lax = new TamperingProxy(big.baseUrl())) {
      // A server that ignores every created_at filter but the first request's.
      lax.onRequests(
          url -> {
            if (!isList(url, "alerts") || url.queryParameter("created_at[gte]") != null
                && url.queryParameter("created_at[gte]").equals("2023-01-01")) {
              return url;
            }
            return url.newBuilder()
                .removeAllQueryParameters("created_at[gte]")
                .removeAllQueryParameters("created_at[date_range]")
                .build();
          });
      String sql = "SELECT id FROM alerts WHERE created_at >= TIMESTAMP '2023-01-01 00:00:00'";
      assertEquals(2_000, rows(big.baseUrl(), ";parallelism=4", sql));
      SQLException e = fails(() -> rows(lax.baseUrl(), ";parallelism=4", sql));
      assertTrue(e.getMessage().contains(INCONSISTENT + "GET /v2/alerts?page_size=50&created_at["),
          e.getMessage());
      assertTrue(e.getMessage().contains(", outside the window the request asks for ("),
          e.getMessage());
      assertTrue(
          e.getMessage().contains("the API seems to ignore the window's created_at filter"),
          e.getMessage());
      assertTrue(lax.received().stream().anyMatch(r -> r.contains("created_at[date_range]")),
          "windows were used: " + lax.received());
    }
  }
}
