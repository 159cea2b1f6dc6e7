package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that a prepared statement's parameters reach the API as filters, as literals do: each
 * case runs the query written with literals and the prepared form with the same values bound,
 * and asserts the same rows and the same requests.
 */
class PreparedPushdownTest {
  private static Simulator sim;
  private static PushdownFixture fixture;
  private Connection connection;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(7).scale(300, 200, 150, 400).unlimitedRate());
    fixture = new PushdownFixture(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void open() throws SQLException {
    // Each execution's requests are compared with the literal query's: none from the cache.
    connection = fixture.connect(true, SimulatorConnections.NO_CACHE);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  /** Runs the prepared statement with the values bound and returns its rows and requests. */
  private PushdownFixture.Result prepared(String sql, Object... values) throws SQLException {
    sim.requestLog().clear();
    List<List<Object>> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          ps.setNull(i + 1, Types.VARCHAR);
        } else {
          ps.setObject(i + 1, values[i]);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
    }
    return new PushdownFixture.Result(rows, PushdownFixture.masked(sim.requestLog().lines()));
  }

  /** Asserts that the prepared form sends what the literal form sends and returns its rows. */
  private List<String> sameAsLiteral(String literalSql, String preparedSql, Object... values)
      throws SQLException {
    PushdownFixture.Result literal = fixture.execute(connection, literalSql);
    PushdownFixture.Result bound = prepared(preparedSql, values);
    assertEquals(literal.rows(), bound.rows(), preparedSql);
    assertEquals(literal.requests(), bound.requests(), preparedSql);
    return bound.requests();
  }

  private static String firstAlertId() {
    return sim.dataset().alerts().get(0).path("id").asText();
  }

  @Test
  void aStatusParameterIsSentAsOneOf() throws SQLException {
    List<String> requests = sameAsLiteral(
        "SELECT id, status FROM alerts WHERE status = 'firing' ORDER BY id",
        "SELECT id, status FROM alerts WHERE status = ? ORDER BY id", "firing");
    assertTrue(requests.get(0).contains("status[one_of]=firing"), requests.toString());
  }

  @Test
  void aNotEqualsParameterIsSentAsNotIn() throws SQLException {
    List<String> requests = sameAsLiteral(
        "SELECT id FROM alerts WHERE status <> 'firing' ORDER BY id",
        "SELECT id FROM alerts WHERE status <> ? ORDER BY id", "firing");
    assertTrue(requests.get(0).contains("status[not_in]=firing"), requests.toString());
  }

  @Test
  void anInListOfParametersIsSentAsOneList() throws SQLException {
    List<String> requests = sameAsLiteral(
        "SELECT id FROM alerts WHERE status IN ('firing', 'resolved') ORDER BY id",
        "SELECT id FROM alerts WHERE status IN (?, ?) ORDER BY id", "firing", "resolved");
    assertTrue(requests.get(0).contains("status[one_of]=firing&status[one_of]=resolved"),
        requests.toString());
  }

  @Test
  void anIdParameterIsOneLookup() throws SQLException {
    String id = firstAlertId();
    List<String> requests = sameAsLiteral(
        "SELECT id, title FROM alerts WHERE id = '" + id + "'",
        "SELECT id, title FROM alerts WHERE id = ?", id);
    assertEquals(List.of("GET /v2/alerts/" + id), requests);
  }

  @Test
  void aTimestampParameterIsSentAsADateBound() throws SQLException {
    Instant at = Instant.parse("2024-10-01T00:00:00Z");
    List<String> requests = sameAsLiteral(
        "SELECT id FROM incidents WHERE created_at >= TIMESTAMP '2024-10-01 00:00:00' ORDER BY id",
        "SELECT id FROM incidents WHERE created_at >= ? ORDER BY id", Timestamp.from(at));
    assertTrue(requests.get(0).contains("created_at[gte]=2024-10-01"), requests.toString());
  }

  @Test
  void everyJavaValueOfTheSameInstantIsSentAsTheLiteralIs() throws SQLException {
    String literal =
        "SELECT id FROM alerts WHERE created_at >= TIMESTAMP '2024-10-01 06:00:00' ORDER BY id";
    String sql = "SELECT id FROM alerts WHERE created_at >= ? ORDER BY id";
    Instant at = Instant.parse("2024-10-01T06:00:00Z");
    java.util.Calendar calendar = java.util.Calendar.getInstance();
    calendar.setTimeInMillis(at.toEpochMilli());
    Object[] values = {
      at,
      Timestamp.from(at),
      java.util.Date.from(at),
      calendar,
      java.time.OffsetDateTime.parse("2024-10-01T15:00:00+09:00"),
      java.time.ZonedDateTime.parse("2024-10-01T08:00:00+02:00[Europe/Berlin]"),
      java.time.LocalDateTime.parse("2024-10-01T06:00:00"),
      "2024-10-01 06:00:00",
      "2024-10-01T06:00:00Z",
      "2024-10-01T15:00:00+09:00",
    };
    PushdownFixture.Result expected = fixture.execute(connection, literal);
    assertFalse(expected.rows().isEmpty());
    assertTrue(expected.requests().get(0).contains("created_at[gte]="), expected.requests().get(0));
    for (Object value : values) {
      PushdownFixture.Result bound = prepared(sql, value);
      assertEquals(expected.rows(), bound.rows(), value.getClass().getName() + " " + value);
      assertEquals(expected.requests(), bound.requests(), value.getClass().getName());
    }
    // The setters that frameworks call with a type, and with a calendar whose zone is not UTC.
    java.util.Calendar tokyo =
        java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
    List<PreparedSetter> setters = List.of(
        ps -> ps.setObject(1, java.time.LocalDateTime.parse("2024-10-01T06:00:00"), Types.TIMESTAMP),
        ps -> ps.setObject(1, at.atOffset(java.time.ZoneOffset.UTC), java.sql.JDBCType.TIMESTAMP),
        ps -> ps.setObject(1, Timestamp.from(at), Types.TIMESTAMP_WITH_TIMEZONE),
        ps -> ps.setTimestamp(1, Timestamp.from(at), tokyo),
        ps -> ps.setString(1, "2024-10-01 06:00:00"));
    for (int i = 0; i < setters.size(); i++) {
      assertEquals(expected, run(sql, setters.get(i)), "setter " + i);
    }
  }

  @Test
  void aDateValueMeansMidnightUtcOfThatDay() throws SQLException {
    String sql = "SELECT id FROM incidents WHERE created_at >= ? ORDER BY id";
    PushdownFixture.Result expected = fixture.execute(connection,
        "SELECT id FROM incidents WHERE created_at >= TIMESTAMP '2024-10-01 00:00:00' ORDER BY id");
    assertEquals(expected, prepared(sql, java.time.LocalDate.parse("2024-10-01")));
    assertEquals(expected, prepared(sql, java.sql.Date.valueOf("2024-10-01")));
    assertEquals(expected, prepared(sql, "2024-10-01"));
    assertEquals(expected, run(sql, ps -> ps.setDate(1, java.sql.Date.valueOf("2024-10-01"))));
  }

  @Test
  void numbersAndTextOfAnotherTypeAreConvertedToTheParametersType() throws SQLException {
    String sql = "SELECT id FROM incidents WHERE severity_rank >= ? ORDER BY id";
    PushdownFixture.Result expected =
        fixture.execute(connection, "SELECT id FROM incidents WHERE severity_rank >= 2 ORDER BY id");
    assertFalse(expected.rows().isEmpty());
    // Without the response cache, every run looks the severities up again, then sends the same
    // incidents request as the literal.
    assertEquals("GET /v1/severities", expected.requests().get(0));
    for (Object value : new Object[] {"2", 2, 2L, (short) 2, new java.math.BigDecimal("2"), 2.0}) {
      assertEquals(expected, prepared(sql, value), value.getClass().getName());
    }
    assertEquals(expected, run(sql, ps -> ps.setString(1, " 2 ")));
  }

  /** A call that binds a prepared statement's parameters. */
  private interface PreparedSetter {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private PushdownFixture.Result run(String sql, PreparedSetter setter) throws SQLException {
    sim.requestLog().clear();
    List<List<Object>> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      setter.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(List.of(rs.getObject(1)));
        }
      }
    }
    return new PushdownFixture.Result(rows, PushdownFixture.masked(sim.requestLog().lines()));
  }

  @Test
  void aParameterOnAJoinKeyOfALinkTableIsSentAsItsParameter() throws SQLException {
    String incidentId = sim.dataset().incidentAlerts().get(0).path("incident").path("id").asText();
    List<String> requests = sameAsLiteral(
        "SELECT alert_id FROM incident_alerts WHERE incident_id = '" + incidentId + "' ORDER BY 1",
        "SELECT alert_id FROM incident_alerts WHERE incident_id = ? ORDER BY 1", incidentId);
    assertTrue(requests.get(0).contains("incident_id=" + incidentId), requests.toString());
  }

  @Test
  void theSameStatementRunAgainSendsTheNewValue() throws SQLException {
    sim.requestLog().clear();
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT COUNT(*) FROM alerts WHERE status = ?")) {
      for (String status : List.of("firing", "resolved")) {
        ps.setString(1, status);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          long expected = sim.dataset().alerts().stream()
              .filter(a -> a.path("status").asText().equals(status)).count();
          assertEquals(expected, rs.getLong(1), status);
        }
      }
    }
    List<String> lines = sim.requestLog().lines();
    assertTrue(lines.stream().anyMatch(l -> l.contains("status[one_of]=firing")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains("status[one_of]=resolved")), lines.toString());
    assertFalse(lines.stream().anyMatch(l -> !l.contains("status[one_of]=")), lines.toString());
  }

  @Test
  void aNullParameterMatchesNothingAndSendsNothing() throws SQLException {
    PushdownFixture.Result r = prepared("SELECT id FROM alerts WHERE status = ?", (Object) null);
    assertEquals(List.of(), r.rows());
    assertEquals(List.of(), r.requests());
  }

  @Test
  void aValueTheApiCannotTakeIsCheckedLocally() throws SQLException {
    // The API splits list values on commas, so this one cannot go into status[one_of].
    PushdownFixture.Result r = prepared(
        "SELECT id FROM alerts WHERE status = ? ORDER BY id", "firing,resolved");
    assertEquals(List.of(), r.rows());
    assertFalse(r.requests().isEmpty());
    assertFalse(r.requests().get(0).contains("status["), r.requests().toString());
  }

  @Test
  void explainShowsWhatIsNarrowedOnceBound() throws SQLException {
    String plan = fixture.explain("SELECT id FROM alerts WHERE status = ?");
    assertTrue(plan.contains("narrowed when run by status = ?0"), plan);
  }
}
