package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queries that narrow a whole scan the response cache holds are answered from its pages: no
 * request, and the rows the API returns for the same query sent with the cache off.
 */
class NarrowedFromCacheTest {
  /** A time to live far longer than any test, so that nothing expires while one runs. */
  private static final String AN_HOUR = ";cacheTtlSeconds=3600";

  private Simulator sim;
  private PushdownFixture fixture;
  private Connection cached;
  private Connection direct;

  @BeforeEach
  void start() throws SQLException {
    // Each test has its own simulator, so its own base URL and so its own cache.
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(31).scale(300, 200, 150, 400).unlimitedRate());
    fixture = new PushdownFixture(sim);
    cached = fixture.connect(true, AN_HOUR);
    direct = fixture.connect(true, SimulatorConnections.NO_CACHE);
  }

  @AfterEach
  void stop() throws SQLException {
    cached.close();
    direct.close();
    sim.close();
  }

  /** Asserts the query sends nothing on the cached connection and returns the API's rows. */
  private PushdownFixture.Result answeredFromCache(String sql) {
    PushdownFixture.Result fromCache = fixture.execute(cached, sql);
    assertEquals(List.of(), fromCache.requests(), sql);
    PushdownFixture.Result sent = fixture.execute(direct, sql);
    assertTrue(!sent.requests().isEmpty(), "the same query sends requests without the cache");
    assertEquals(PushdownFixture.multiset(sent.rows()), PushdownFixture.multiset(fromCache.rows()),
        sql);
    return fromCache;
  }

  @Test
  void narrowerIncidentQueriesAfterTheWholeScanSendNothing() {
    PushdownFixture.Result whole = fixture.execute(cached, "SELECT id FROM incidents");
    assertEquals(1, whole.requests().size(), whole.requests().toString());
    ObjectNode first = sim.dataset().incidents().get(0);
    String severity = PushdownFixture.text(first, "severity", "id");
    String type = PushdownFixture.text(first, "incident_type", "id");
    assertTrue(answeredFromCache("SELECT id, reference FROM incidents WHERE severity_id = '"
        + severity + "' AND incident_type_id = '" + type + "'").rows().size() > 0);
    answeredFromCache("SELECT id FROM incidents WHERE mode = 'test'");
    answeredFromCache("SELECT id FROM incidents WHERE incident_status_category IN ('live', 'closed')");
    answeredFromCache("SELECT id FROM incidents WHERE severity_id <> '" + severity + "'");
    answeredFromCache("SELECT id FROM incidents WHERE severity_id NOT IN ('" + severity + "')"
        + " AND mode IN ('standard', 'retrospective')");
    // A name becomes ids by a lookup, which the severities' scan put in the cache too; then
    // the ids narrow the cached scan.
    fixture.execute(cached, "SELECT * FROM severities");
    answeredFromCache("SELECT id FROM incidents WHERE severity_name = '"
        + PushdownFixture.text(first, "severity", "name") + "'");
  }

  @Test
  void dateBoundsAreCheckedAsTheApiRoundsThemAndTheQueryRechecksThem() {
    fixture.execute(cached, "SELECT id FROM alerts");
    String at = PushdownFixture.text(sim.dataset().alerts().get(40), "created_at");
    String day = at.substring(0, 10);
    String ts = at.substring(0, 10) + " " + at.substring(11, 19);
    for (String where : List.of(
        "created_at >= TIMESTAMP '" + day + " 00:00:00'",
        "created_at > TIMESTAMP '" + ts + "'",
        "created_at < TIMESTAMP '" + day + " 00:00:00'",
        "created_at <= TIMESTAMP '" + ts + "'",
        "created_at BETWEEN TIMESTAMP '" + day + " 00:00:00' AND TIMESTAMP '" + ts + "'",
        "created_at >= TIMESTAMP '" + ts + "' AND status = 'firing'")) {
      answeredFromCache("SELECT id, status FROM alerts WHERE " + where);
    }
  }

  @Test
  void alertFiltersOfEveryPlainFormNarrowTheCachedScan() {
    fixture.execute(cached, "SELECT id FROM alerts");
    ObjectNode alert = sim.dataset().alerts().get(7);
    answeredFromCache("SELECT id FROM alerts WHERE status IN ('firing', 'resolved')");
    answeredFromCache("SELECT id FROM alerts WHERE status <> 'firing'");
    answeredFromCache("SELECT id FROM alerts WHERE alert_source_id = '"
        + PushdownFixture.text(alert, "alert_source_id") + "'");
    answeredFromCache("SELECT id FROM alerts WHERE deduplication_key = '"
        + PushdownFixture.text(alert, "deduplication_key") + "'");
    answeredFromCache("SELECT id FROM alerts WHERE status = 'firing' LIMIT 3");
  }

  @Test
  void aChildTableOfANarrowedParentIsAnsweredFromTheParentsCachedScan() {
    fixture.execute(cached, "SELECT id FROM incidents");
    String severity = PushdownFixture.text(sim.dataset().incidents().get(0), "severity", "id");
    answeredFromCache("SELECT incident_id, role_id FROM incident_role_assignments"
        + " WHERE severity_id = '" + severity + "'");
  }

  @Test
  void anOrderTheApiWouldGiveIsGivenToTheNarrowedRows() {
    fixture.execute(cached, "SELECT id FROM incidents");
    for (String sql : List.of(
        "SELECT id, created_at FROM incidents WHERE mode = 'standard' ORDER BY created_at DESC LIMIT 5",
        "SELECT id, created_at FROM incidents WHERE mode = 'standard' ORDER BY created_at LIMIT 5",
        "SELECT id, created_at FROM incidents WHERE incident_status_category = 'closed'"
            + " ORDER BY created_at")) {
      // The same rows (answeredFromCache), in the same order of created_at: incidents created
      // in the same millisecond may come in either order, from the API as from the cache.
      List<Object> fromCache = answeredFromCache(sql).rows().stream().map(r -> r.get(1)).toList();
      List<Object> sent = fixture.execute(direct, sql).rows().stream().map(r -> r.get(1)).toList();
      assertEquals(sent, fromCache, sql);
    }
  }

  @Test
  void queriesTheCacheCannotAnswerAreSent() {
    fixture.execute(cached, "SELECT id FROM incidents");
    String id = PushdownFixture.text(sim.dataset().incidents().get(3), "id");
    // A lookup by id, a bound on a rank: sent.
    assertEquals(List.of("GET /v2/incidents/" + id),
        fixture.execute(cached, "SELECT id FROM incidents WHERE id = '" + id + "'").requests());
    assertTrue(fixture.execute(cached, "SELECT id FROM incidents WHERE severity_rank >= 2")
        .requests().stream().anyMatch(r -> r.startsWith("GET /v2/incidents?")));
  }

  @Test
  void withoutEveryPageOfTheWholeScanTheQueryIsSent() throws SQLException {
    sim.setServedPageSize("/v2/alerts", 100);
    fixture.execute(cached, "SELECT id FROM alerts");
    // A page of the whole scan is gone: nothing is answered from the others.
    try (Statement s = cached.createStatement()) {
      s.execute("CLEAR CACHE");
    }
    fixture.execute(cached, "SELECT id FROM alerts LIMIT 10");
    PushdownFixture.Result sent =
        fixture.execute(cached, "SELECT id FROM alerts WHERE status = 'firing'");
    assertEquals("GET /v2/alerts?page_size=50&status[one_of]=firing", sent.requests().get(0));
  }

  @Test
  void anotherConnectionOfTheKeyIsAnsweredAndAnExpiredScanIsNot() throws Exception {
    fixture.execute(cached, "SELECT id FROM alerts");
    try (Connection other = fixture.connect(true, AN_HOUR)) {
      assertEquals(List.of(),
          fixture.execute(other, "SELECT id FROM alerts WHERE status = 'firing'").requests());
    }
    // A time to live of one second, after more than a second: the pages are too old for it.
    Thread.sleep(1_100);
    try (Connection shortLived = fixture.connect(true, ";cacheTtlSeconds=1")) {
      assertEquals("GET /v2/alerts?page_size=50&status[one_of]=firing",
          fixture.execute(shortLived, "SELECT id FROM alerts WHERE status = 'firing'")
              .requests().get(0));
    }
  }
}
