package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Tests that values read through JDBC are the API's: every JDBC 4.2 class a TIMESTAMP, DATE or
 * number can be read as gives the API's instant, day or number whatever the JVM's zone (the build
 * runs tests in America/Los_Angeles) or the calendar passed; that a value read binds back to the
 * same row; that Spring's JdbcTemplate and jOOQ, which bind and read through these calls, get
 * the rows of plain SQL; and that mistakes fail with a SQLState that names them.
 */
class JavaTypesThroughJdbcTest {
  private static Simulator sim;
  private Connection connection;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(5).scale(120, 80, 60, 100)
        .unlimitedRate());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void open() throws SQLException {
    connection = SimulatorConnections.connect(sim);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  /** The API's created_at of each incident the table holds, by id, to the millisecond. */
  private static Map<String, Instant> createdAtById() {
    Map<String, Instant> byId = new java.util.HashMap<>();
    for (ObjectNode i : SimulatorConnections.tableIncidents(sim)) {
      byId.put(i.path("id").asText(),
          Instant.parse(i.path("created_at").asText()).truncatedTo(ChronoUnit.MILLIS));
    }
    return byId;
  }

  @Test
  void aTimestampReadsAsTheApisInstantInEveryClass() throws SQLException {
    assertNotEquals(ZoneOffset.UTC, ZoneId.systemDefault().getRules().getOffset(Instant.EPOCH),
        "the build runs tests in a zone other than UTC");
    Map<String, Instant> expected = createdAtById();
    Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
    int rows = 0;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, created_at FROM incidents")) {
      while (rs.next()) {
        Instant api = expected.get(rs.getString(1));
        String id = rs.getString(1);
        assertEquals(api, rs.getTimestamp(2).toInstant(), id);
        assertEquals(api, rs.getTimestamp("created_at").toInstant(), id);
        assertEquals(api, rs.getTimestamp(2, tokyo).toInstant(), id);
        assertEquals(api, ((Timestamp) rs.getObject(2)).toInstant(), id);
        assertEquals(api, rs.getObject(2, Instant.class), id);
        assertEquals(api, rs.getObject("created_at", Instant.class), id);
        assertEquals(api.atOffset(ZoneOffset.UTC), rs.getObject(2, OffsetDateTime.class), id);
        assertEquals(api.atZone(ZoneOffset.UTC), rs.getObject(2, ZonedDateTime.class), id);
        assertEquals(LocalDateTime.ofInstant(api, ZoneOffset.UTC),
            rs.getObject(2, LocalDateTime.class), id);
        assertEquals(LocalDate.ofInstant(api, ZoneOffset.UTC), rs.getObject(2, LocalDate.class), id);
        assertEquals(api, rs.getObject(2, Timestamp.class).toInstant(), id);
        assertEquals(api, rs.getObject(2, java.util.Date.class).toInstant(), id);
        assertEquals(api, JdbcValues.parseTimestampOrNull(rs.getString(2)), id);
        rows++;
      }
    }
    assertEquals(expected.size(), rows);
  }

  @Test
  void aDateReadsAsItsDayInEveryZone() throws SQLException {
    Map<String, Instant> expected = createdAtById();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, CAST(created_at AS DATE) AS d FROM incidents")) {
      while (rs.next()) {
        LocalDate day = LocalDate.ofInstant(expected.get(rs.getString(1)), ZoneOffset.UTC);
        assertEquals(day, rs.getDate(2).toLocalDate());
        assertEquals(day, ((java.sql.Date) rs.getObject(2)).toLocalDate());
        assertEquals(day, rs.getObject(2, LocalDate.class));
        assertEquals(day, rs.getObject("d", java.sql.Date.class).toLocalDate());
        assertEquals(day.toString(), rs.getString(2));
      }
    }
  }

  @Test
  void numbersReadAsAnyNumericClassAndNullsAsNull() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT severity_rank, CAST(NULL AS TIMESTAMP),"
            + " CAST(NULL AS BIGINT) FROM incidents WHERE severity_rank IS NOT NULL LIMIT 1")) {
      assertTrue(rs.next());
      long rank = rs.getLong(1);
      assertEquals(rank, rs.getObject(1, Long.class));
      assertEquals((int) rank, rs.getObject(1, Integer.class));
      assertEquals(BigDecimal.valueOf(rank), rs.getObject(1, BigDecimal.class));
      assertEquals((double) rank, rs.getObject(1, Double.class));
      assertEquals(Long.toString(rank), rs.getObject(1, String.class));
      assertNull(rs.getObject(2, Instant.class));
      assertNull(rs.getObject(2, LocalDateTime.class));
      assertNull(rs.getTimestamp(2));
      assertNull(rs.getObject(3, Long.class));
    }
  }

  @Test
  void aValueReadBindsBackToTheSameRow() throws SQLException {
    String id;
    Instant at;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, created_at FROM incidents ORDER BY id LIMIT 1")) {
      assertTrue(rs.next());
      id = rs.getString(1);
      at = rs.getObject(2, Instant.class);
    }
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT id FROM incidents WHERE created_at = ?")) {
      for (Object value : new Object[] {at, Timestamp.from(at), at.atOffset(ZoneOffset.ofHours(9)),
          LocalDateTime.ofInstant(at, ZoneOffset.UTC), JdbcValues.text(at)}) {
        ps.setObject(1, value);
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
        assertTrue(ids.contains(id), value + " -> " + ids);
      }
    }
  }

  @Test
  void aValueThatCannotBeConvertedFailsWhenBoundNamingTheParameter() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id FROM incidents WHERE created_at >= ? AND severity_rank >= ?")) {
      SQLException e = assertThrows(SQLException.class, () -> ps.setString(1, "yesterday"));
      assertEquals("22007", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("parameter 1 (TIMESTAMP)"), e.getMessage());
      assertTrue(e.getMessage().contains("2024-06-01 00:00:00"), e.getMessage());
      e = assertThrows(SQLException.class, () -> ps.setString(2, "two"));
      assertEquals("22018", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("parameter 2 (BIGINT)"), e.getMessage());
      e = assertThrows(SQLException.class, () -> ps.setObject(2, UUID.randomUUID()));
      assertEquals("22018", e.getSQLState(), e.getMessage());
      e = assertThrows(SQLException.class, () -> ps.setObject(3, 1));
      assertEquals("07009", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void executingWithAParameterUnsetSaysWhichOnce() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id FROM incidents WHERE created_at >= ? AND severity_rank >= ?")) {
      ps.setObject(1, Instant.EPOCH);
      SQLException e = assertThrows(SQLException.class, ps::executeQuery);
      assertEquals("07001", e.getSQLState(), e.getMessage());
      assertEquals("Parameter 2 of 2 is not set: bind every ? (setObject, setString, setNull...)"
          + " before executing", e.getMessage());
      ps.setNull(2, java.sql.Types.BIGINT);
      try (ResultSet rs = ps.executeQuery()) {
        assertFalse(rs.next());
      }
      ps.clearParameters();
      assertEquals("07001", assertThrows(SQLException.class, ps::execute).getSQLState());
    }
  }

  @Test
  void aColumnReadAsAClassItCannotBeFailsWithFeatureNotSupported() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT created_at FROM incidents LIMIT 1")) {
      assertTrue(rs.next());
      SQLException e = assertThrows(SQLException.class, () -> rs.getObject(1, UUID.class));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("TIMESTAMP column as java.util.UUID"), e.getMessage());
    }
  }

  @Test
  void theTimeZonePropertyTakesOnlyUtcSoNoInstantCanShift() throws SQLException {
    String url = SimulatorConnections.url(sim);
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        url + ";timeZone=Asia/Tokyo", "", SimulatorConnections.TEST_KEY));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("timeZone"), e.getMessage());
    assertTrue(e.getMessage().contains("OffsetDateTime"), e.getMessage());
    for (String zone : List.of("UTC", "GMT", "Etc/UTC")) {
      try (Connection c =
              DriverManager.getConnection(url + ";timeZone=" + zone, "", SimulatorConnections.TEST_KEY);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP, LOCALTIMESTAMP")) {
        assertTrue(rs.next());
        // Nine hours is the error this guards against; an hour leaves room for a slow machine.
        Duration skew = Duration.between(Instant.now(), rs.getObject(1, Instant.class)).abs();
        assertTrue(skew.compareTo(Duration.ofHours(1)) < 0, zone + ": " + skew);
        skew = Duration.between(Instant.now(), rs.getTimestamp(2).toInstant()).abs();
        assertTrue(skew.compareTo(Duration.ofHours(1)) < 0, zone + ": " + skew);
      }
    }
  }

  /** Reads, with a literal, the ids and times of the incidents created from 2024-10-01 on. */
  private void readSinceOctober(List<String> ids, List<Instant> times) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, created_at FROM incidents"
            + " WHERE created_at >= TIMESTAMP '2024-10-01 00:00:00' ORDER BY created_at, id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
        times.add(rs.getTimestamp(2).toInstant());
      }
    }
  }

  /** An incident as Spring's DataClassRowMapper builds it from the columns of the same names. */
  record Incident(String id, Instant createdAt, Long severityRank) {}

  @Test
  void springJdbcTemplateBindsAndReadsJavaTime() throws SQLException {
    DataSource ds = new SingleConnectionDataSource(connection, true);
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    Instant since = Instant.parse("2024-10-01T00:00:00Z");
    List<String> expected = new ArrayList<>();
    List<Instant> expectedTimes = new ArrayList<>();
    readSinceOctober(expected, expectedTimes);
    assertFalse(expected.isEmpty());
    String sql = "SELECT id, created_at, severity_rank FROM incidents WHERE created_at >= ?"
        + " ORDER BY created_at, id";
    for (Object value : new Object[] {since, since.atOffset(ZoneOffset.ofHours(-7)),
        LocalDateTime.ofInstant(since, ZoneOffset.UTC), LocalDate.of(2024, 10, 1),
        Timestamp.from(since)}) {
      List<Incident> rows = jdbc.query(sql, new DataClassRowMapper<>(Incident.class), value);
      assertEquals(expected, rows.stream().map(Incident::id).toList(), value.toString());
      assertEquals(expectedTimes, rows.stream().map(Incident::createdAt).toList());
    }
    OffsetDateTime first = jdbc.queryForObject(
        "SELECT MIN(created_at) FROM incidents WHERE created_at >= ?", OffsetDateTime.class, since);
    assertEquals(expectedTimes.get(0), first.toInstant());
    NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
    Long count = named.queryForObject(
        "SELECT COUNT(*) FROM incidents WHERE created_at >= :since AND created_at < :until",
        Map.of("since", since.atZone(ZoneId.of("Europe/Berlin")), "until",
            LocalDateTime.of(2100, 1, 1, 0, 0)), Long.class);
    assertEquals(expected.size(), count);
  }

  @Test
  void jooqBindsAndReadsJavaTime() throws SQLException {
    DSLContext ctx = DSL.using(connection, SQLDialect.DEFAULT);
    Instant since = Instant.parse("2024-10-01T00:00:00Z");
    Field<String> id = DSL.field(DSL.name("id"), SQLDataType.VARCHAR);
    Field<OffsetDateTime> createdAt =
        DSL.field(DSL.name("created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    Field<Instant> createdAtInstant = DSL.field(DSL.name("created_at"), SQLDataType.INSTANT);
    List<String> expected = new ArrayList<>();
    List<Instant> expectedTimes = new ArrayList<>();
    readSinceOctober(expected, expectedTimes);
    List<Record2<String, OffsetDateTime>> rows = ctx.select(id, createdAt)
        .from(DSL.table(DSL.name("incidents")))
        .where(createdAt.ge(since.atOffset(ZoneOffset.ofHours(9))))
        .orderBy(createdAt, id)
        .fetch();
    assertEquals(expected, rows.stream().map(Record2::value1).toList());
    assertEquals(expectedTimes, rows.stream().map(r -> r.value2().toInstant()).toList());
    List<Instant> instants = ctx.select(createdAtInstant)
        .from(DSL.table(DSL.name("incidents")))
        .where(createdAtInstant.ge(since))
        .orderBy(createdAtInstant, id)
        .fetch(createdAtInstant);
    assertEquals(expectedTimes, instants);
    // Plain SQL with a bind value, as jOOQ's fetch(String, Object...) sends it.
    assertEquals(expected.size(), ctx.fetch(
        "SELECT id FROM incidents WHERE created_at >= ?", since.atOffset(ZoneOffset.UTC)).size());
  }
}
