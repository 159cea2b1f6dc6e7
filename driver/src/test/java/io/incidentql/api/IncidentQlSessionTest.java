package io.incidentql.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.grammar.DslSemanticException;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of the embeddable Java API against the simulator: typed rows and records, parameters,
 * streaming, explain, validation without requests, errors and sharing a session between threads.
 */
class IncidentQlSessionTest {
  static final String KEY = "test-key-not-real-0003";
  /** The demo data runs up to early 2025; a fixed now() makes relative times repeatable. */
  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private static Simulator sim;
  private static IncidentQlSession ql;

  @BeforeAll
  static void open() {
    sim = Simulator.start(SimulatorConfig.builder().seed(21).scale(300, 80, 100, 200).apiKey(KEY).unlimitedRate().build());
    // Requests are asserted per query: none answered from the cache.
    ql = IncidentQL.connect(IncidentQL.config().baseUrl(sim.baseUrl()).apiKey(KEY)
        .property("cacheTtlSeconds", "0").clock(Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @AfterAll
  static void close() {
    ql.close();
    sim.close();
  }

  @BeforeEach
  void clearLog() {
    sim.requestLog().clear();
  }

  record Alert(String id, String title, String status, Instant createdAt) {}

  private static Instant instant(ObjectNode node, String field) {
    return Instant.parse(node.get(field).asText());
  }

  @Test
  void theReadmeQueryReturnsTheFilteredAlertsNewestFirst() {
    Instant since = NOW.minus(Duration.ofDays(30));
    List<String> expected = sim.dataset().alerts().stream()
        .filter(a -> Set.of("firing", "resolved").contains(a.get("status").asText()))
        .filter(a -> instant(a, "created_at").isAfter(since))
        .sorted(Comparator.comparing((ObjectNode a) -> instant(a, "created_at")).reversed())
        .limit(20)
        .map(a -> a.get("id").asText())
        .toList();
    assertFalse(expected.isEmpty());

    List<String> ids = new ArrayList<>();
    try (QueryResult rows = ql.query(
        "SELECT id, title FROM alerts WHERE status IN (:statuses) AND created_at > now() - 30d"
            + " ORDER BY created_at DESC LIMIT 20",
        Map.of("statuses", List.of("firing", "resolved")))) {
      assertEquals(List.of("id", "title"), rows.columns());
      for (Row row : rows) {
        ids.add(row.getString("id"));
      }
    }
    assertEquals(expected, ids);
  }

  @Test
  void everyKindOfTimeValueBindsAsTheInstantItMeansAsJdbcBindsIt() {
    Instant since = Instant.parse("2024-12-01T00:00:00Z");
    long expected = sim.dataset().alerts().stream()
        .filter(a -> !instant(a, "created_at").isBefore(since))
        .count();
    assertTrue(expected > 0);
    List<Object> values = List.of(since, java.sql.Timestamp.from(since), java.util.Date.from(since),
        java.sql.Date.valueOf(java.time.LocalDate.of(2024, 12, 1)), java.time.LocalDate.of(2024, 12, 1),
        java.time.LocalDateTime.of(2024, 12, 1, 0, 0), since.atOffset(ZoneOffset.ofHours(9)),
        since.atZone(java.time.ZoneId.of("Europe/Berlin")));
    for (Object value : values) {
      try (QueryResult rows = ql.query("SELECT COUNT(*) AS n FROM alerts WHERE created_at >= :since",
          Map.of("since", value))) {
        assertEquals(expected, rows.toList().get(0).getLong("n"), value.getClass().getName());
      }
    }
  }

  @Test
  void rowsMapOntoRecordsByNameWithSnakeCaseColumnsForCamelCaseComponents() {
    Map<String, ObjectNode> byId = new java.util.HashMap<>();
    sim.dataset().alerts().forEach(a -> byId.put(a.get("id").asText(), a));
    List<Alert> alerts;
    try (QueryResult rows = ql.query("SELECT id, title, status, created_at FROM alerts WHERE status = :s LIMIT 5",
        Map.of("s", "firing"))) {
      alerts = rows.as(Alert.class).toList();
    }
    assertEquals(5, alerts.size());
    for (Alert a : alerts) {
      ObjectNode source = byId.get(a.id());
      assertEquals(source.get("title").asText(), a.title());
      assertEquals("firing", a.status());
      // TIMESTAMP columns hold milliseconds.
      assertEquals(instant(source, "created_at").truncatedTo(java.time.temporal.ChronoUnit.MILLIS), a.createdAt());
    }
  }

  enum Status { FIRING, RESOLVED, ACKNOWLEDGED }

  record Typed(Status status, java.util.Optional<Instant> resolvedAt, java.time.OffsetDateTime createdAt, int n) {}

  @Test
  void recordComponentsMayBeEnumsOptionalsOffsetDateTimesAndInts() {
    try (QueryResult rows = ql.query("SELECT status, resolved_at, created_at, 1 AS n FROM alerts"
        + " WHERE status = 'firing' AND resolved_at IS NULL LIMIT 1")) {
      Typed t = rows.as(Typed.class).toList().get(0);
      assertEquals(Status.FIRING, t.status());
      assertEquals(java.util.Optional.empty(), t.resolvedAt());
      assertEquals(ZoneOffset.UTC, t.createdAt().getOffset());
      assertEquals(1, t.n());
    }
  }

  record Missing(String id, String severity) {}

  @Test
  void aRecordComponentWithoutAColumnIsAClearError() {
    try (QueryResult rows = ql.query("SELECT id, title FROM alerts LIMIT 1")) {
      IncidentQlException e = assertThrows(IncidentQlException.class, () -> rows.as(Missing.class));
      assertEquals("Record Missing has component severity that matches no column of the result"
          + " (columns: id, title); select the column or give it an alias with the component's name", e.getMessage());
    }
  }

  record WrongType(String id, long title) {}

  record Primitive(String id, long resolvedAt) {}

  @Test
  void aValueThatDoesNotFitItsComponentIsAClearError() {
    try (QueryResult rows = ql.query("SELECT id, title FROM alerts LIMIT 1")) {
      IncidentQlException e = assertThrows(IncidentQlException.class, () -> rows.as(WrongType.class).toList());
      assertEquals("Column 'title' is VARCHAR, which long cannot hold (record component WrongType.title)", e.getMessage());
    }
    try (QueryResult rows = ql.query("SELECT id, count(*) AS resolved_at FROM alerts WHERE resolved_at IS NULL GROUP BY id LIMIT 1")) {
      assertEquals(1, rows.as(Primitive.class).toList().size());
    }
    try (QueryResult rows = ql.query("SELECT id, severity_rank AS resolved_at FROM incidents WHERE severity_rank IS NULL LIMIT 1")) {
      List<Row> list = rows.toList();
      if (!list.isEmpty()) {
        IncidentQlException e = assertThrows(IncidentQlException.class, () -> list.get(0).as(Primitive.class));
        assertEquals("Column 'resolved_at' is NULL, which a primitive long cannot hold; use Long or Optional"
            + " (record component Primitive.resolvedAt)", e.getMessage());
      }
    }
  }

  @Test
  void rowGettersAreTypedByNameAndByPositionFromZero() {
    long firing = sim.dataset().alerts().stream().filter(a -> a.get("status").asText().equals("firing")).count();
    try (QueryResult rows = ql.query("SELECT status, count(*) AS n, max(created_at) AS latest"
        + " FROM alerts WHERE status = 'firing' GROUP BY status")) {
      Row row = rows.toList().get(0);
      assertEquals("firing", row.getString("status"));
      assertEquals(firing, row.getLong("n"));
      assertEquals(firing, row.getLong(1));
      assertTrue(row.getInstant("LATEST").isBefore(NOW.plus(Duration.ofDays(1))));
      IncidentQlException notLong = assertThrows(IncidentQlException.class, () -> row.getLong("status"));
      assertEquals("Column 'status' is VARCHAR (value firing), which cannot be read as long", notLong.getMessage());
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> row.getString("stauts"));
      assertEquals("No column 'stauts' in the result; did you mean 'status'? (columns: status, n, latest)",
          unknown.getMessage());
    }
  }

  @Test
  void doubleColumnsReadAsDouble() {
    try (QueryResult rows = ql.query(
        "SELECT workload_minutes_total FROM incidents WHERE workload_minutes_total IS NOT NULL LIMIT 1")) {
      Row row = rows.toList().get(0);
      assertEquals(Double.class, row.getObject(0).getClass());
      assertEquals((Double) row.getObject(0), row.getDouble("workload_minutes_total"));
    }
  }

  @Test
  void resultsStreamAndClosingEarlyStopsFetchingPages() {
    try (QueryResult rows = ql.query("SELECT id FROM alerts")) {
      Iterator<Row> it = rows.iterator();
      for (int i = 0; i < 3; i++) {
        assertTrue(it.hasNext());
        it.next();
      }
    }
    // 300 alerts are 6 pages of 50; three rows needed only the first.
    assertEquals(List.of("GET /v2/alerts?page_size=50"), sim.requestLog().lines());
  }

  @Test
  void explainShowsWhatExplainPlanShowsForTheSameSqlAndSendsNoRequest() throws Exception {
    String query = "SELECT id, title FROM alerts WHERE status = 'firing' LIMIT 10";
    String plan = ql.explain(query);
    assertEquals(List.of(), sim.requestLog().lines());
    try (Connection c = DriverManager.getConnection("jdbc:incidentio:baseUrl=" + sim.baseUrl(), "", KEY);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + query)) {
      rs.next();
      assertEquals(rs.getString(1), plan);
    }
    assertTrue(plan.contains("alerts"), plan);
  }

  @Test
  void validateChecksWithoutSendingAnyRequest() {
    ql.validate("SELECT id FROM alerts WHERE status IN (:statuses) AND created_at > now() - 7d");
    ql.validate("SELECT id FROM alerts WHERE status IN (:statuses)", Map.of("statuses", List.of("firing")));
    DslSemanticException e = assertThrows(DslSemanticException.class,
        () -> ql.validate("SELECT id FROM alerts WHERE created_at > 'last week'"));
    assertEquals(1, e.line());
    assertEquals(42, e.column());
    assertThrows(DslSemanticException.class,
        () -> ql.validate("SELECT id FROM alerts WHERE status = :s", Map.of("s", List.of("a", "b"))));
    assertEquals(List.of(), sim.requestLog().lines());
  }

  @Test
  void anEmptyListParameterMatchesNothingAndItsNegationEverything() {
    assertEquals(0, ql.query("SELECT id FROM alerts WHERE status IN (:s)", Map.of("s", List.of())).toList().size());
    assertEquals(sim.dataset().alerts().size(),
        ql.query("SELECT id FROM alerts WHERE status NOT IN (:s)", Map.of("s", List.of())).toList().size());
  }

  @Test
  void parametersBindJavaTypes() {
    Instant cut = instant(sim.dataset().alerts().get(100), "created_at");
    long expected = sim.dataset().alerts().stream().filter(a -> !instant(a, "created_at").isBefore(cut)).count();
    assertEquals(expected, ql.query("SELECT count(*) FROM alerts WHERE created_at >= :cut", Map.of("cut", cut))
        .toList().get(0).getLong(0));
    assertEquals(expected, ql.query("SELECT count(*) FROM alerts WHERE created_at >= :cut",
        Map.of("cut", cut.atOffset(ZoneOffset.ofHours(2)))).toList().get(0).getLong(0));
    assertEquals(expected, ql.query("SELECT count(*) FROM alerts WHERE created_at >= :cut",
        Map.of("cut", cut.toString())).toList().get(0).getLong(0));
  }

  @Test
  void aFailingRequestBecomesAnExceptionWithItsSqlState() {
    // The key is checked when the session opens.
    IncidentQlException e = assertThrows(IncidentQlException.class, () -> IncidentQL.connect(
        IncidentQL.config().baseUrl(sim.baseUrl()).apiKey("test-key-not-real-wrong")));
    assertEquals("28000", e.sqlState());
    assertFalse(e.getMessage().contains("test-key-not-real-wrong"), e.getMessage());
  }

  @Test
  void aClosedSessionRefusesQueries() {
    IncidentQlSession session = IncidentQL.connect("jdbc:incidentio:baseUrl=" + sim.baseUrl(), props());
    session.close();
    IncidentQlException e = assertThrows(IncidentQlException.class, () -> session.query("SELECT id FROM alerts"));
    assertEquals("The session is closed", e.getMessage());
  }

  private static Properties props() {
    Properties p = new Properties();
    p.setProperty("apiKey", KEY);
    return p;
  }

  @Test
  void theConfigNeverShowsTheKey() {
    String text = IncidentQL.config().apiKey("test-key-not-real-secret").baseUrl("http://127.0.0.1:1").toString();
    assertFalse(text.contains("secret"), text);
    assertTrue(text.contains("apiKey=***"), text);
  }

  @Test
  void oneSessionServesManyThreadsAtOnce() throws Exception {
    Map<String, Long> expected = new java.util.HashMap<>();
    sim.dataset().alerts().forEach(a -> expected.merge(a.get("status").asText(), 1L, Long::sum));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 5; i++) {
            for (Map.Entry<String, Long> e : expected.entrySet()) {
              try (QueryResult r = ql.query("SELECT count(*) AS n FROM alerts WHERE status = :s", Map.of("s", e.getKey()))) {
                assertEquals(e.getValue(), r.toList().get(0).getLong("n"));
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  /** A clock tests move by hand. */
  static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void nowIsReadAgainForEveryExecution() {
    MovableClock clock = new MovableClock(NOW);
    String query = "SELECT count(*) FROM alerts WHERE created_at > now() - 90d";
    try (IncidentQlSession session = IncidentQL.connect(IncidentQL.config().baseUrl(sim.baseUrl()).apiKey(KEY).clock(clock))) {
      for (Instant at : List.of(NOW, NOW.minus(Duration.ofDays(200)))) {
        clock.now = at;
        Instant since = at.minus(Duration.ofDays(90));
        long expected = sim.dataset().alerts().stream()
            .filter(a -> instant(a, "created_at").truncatedTo(java.time.temporal.ChronoUnit.MILLIS).isAfter(since))
            .count();
        assertEquals(expected, session.query(query).toList().get(0).getLong(0), "at " + at);
      }
    }
  }

  @Test
  void nullColumnsReadAsNull() {
    try (QueryResult rows = ql.query("SELECT resolved_at FROM alerts WHERE resolved_at IS NULL LIMIT 1")) {
      List<Row> list = rows.toList();
      assertEquals(1, list.size());
      assertNull(list.get(0).getInstant(0));
      assertNull(list.get(0).getObject("resolved_at"));
    }
  }
}
