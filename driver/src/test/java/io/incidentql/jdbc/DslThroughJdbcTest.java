package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.dsl.DslStatement;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests that a connection opened with {@code language=dsl} runs DSL text through plain JDBC. */
class DslThroughJdbcTest {
  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(11).scale(120, 60, 80, 150).unlimitedRate());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void clearLog() {
    sim.requestLog().clear();
  }

  private static Connection dsl() throws SQLException {
    return DriverManager.getConnection(SimulatorConnections.url(sim) + ";language=dsl", "", SimulatorConnections.TEST_KEY);
  }

  private static List<String> column(ResultSet rs, int i) throws SQLException {
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getString(i));
    }
    return out;
  }

  @Test
  void executeQueryRunsDslTextAndAnswersLikeTheSameSql() throws Exception {
    String query = "SELECT id, status FROM alerts WHERE status = 'firing' ORDER BY created_at DESC, id LIMIT 7";
    List<String> viaDsl;
    List<String> dslRequests;
    try (Connection c = dsl(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      viaDsl = column(rs, 1);
      dslRequests = sim.requestLog().lines();
    }
    sim.requestLog().clear();
    List<String> viaSql;
    try (Connection c = SimulatorConnections.connect(sim); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      viaSql = column(rs, 1);
    }
    assertEquals(7, viaDsl.size());
    assertEquals(viaSql, viaDsl);
    assertEquals(sim.requestLog().lines(), dslRequests);
  }

  @Test
  void executeAndGetResultSetWorkAsToolsUseThem() throws Exception {
    try (Connection c = dsl(); Statement s = c.createStatement()) {
      assertTrue(s.execute("SELECT count(*) AS n FROM incidents WHERE mode IN ('standard', 'test')"));
      try (ResultSet rs = s.getResultSet()) {
        assertTrue(rs.next());
        assertEquals("n", rs.getMetaData().getColumnLabel(1));
        assertTrue(rs.getLong(1) > 0);
      }
      assertFalse(s.getMoreResults());
      assertEquals(-1, s.getUpdateCount());
    }
  }

  @Test
  void aStatementUnwrapsToOneThatBindsNamedParametersWithFailuresStillSqlExceptions()
      throws Exception {
    try (Connection c = dsl(); Statement s = c.createStatement()) {
      DslStatement d = s.unwrap(DslStatement.class);
      try (ResultSet rs = d.executeQuery("SELECT id, status FROM alerts WHERE status = :s LIMIT 3",
          java.util.Map.of("s", "firing"), java.time.Instant.now())) {
        assertEquals(List.of("firing", "firing", "firing"), column(rs, 2));
      }
      assertTrue(sim.requestLog().lines().get(0).contains("status[one_of]=firing"),
          sim.requestLog().lines().toString());
      SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class,
          () -> d.executeQuery("SELECT id FROM alerts WHERE status = :nope",
              java.util.Map.of("s", "firing"), java.time.Instant.now()));
      assertEquals("42000", e.getSQLState());
      assertTrue(e.getMessage().startsWith("line 1:38: parameter :nope is not bound"), e.getMessage());
    }
  }

  @Test
  void setMaxRowsLimitsADslQuery() throws Exception {
    try (Connection c = dsl(); Statement s = c.createStatement()) {
      s.setMaxRows(3);
      try (ResultSet rs = s.executeQuery("SELECT id FROM incident_updates")) {
        assertEquals(3, column(rs, 1).size());
      }
    }
  }

  @Test
  void aDslMistakeIsASyntaxErrorExceptionPointingAtIt() throws Exception {
    try (Connection c = dsl(); Statement s = c.createStatement()) {
      SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class,
          () -> s.executeQuery("SELECT id FROM alerts WHERE stauts = 'firing'"));
      assertEquals("42000", e.getSQLState());
      assertEquals("line 1:29: column 'stauts' not found in table 'alerts'; did you mean 'status'?\n"
          + "SELECT id FROM alerts WHERE stauts = 'firing'\n"
          + "                            ^", e.getMessage());
    }
    assertEquals(List.of(), sim.requestLog().lines());
  }

  @Test
  void namedParametersAndPreparedStatementsSayWhereTheyBelong() throws Exception {
    try (Connection c = dsl(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLFeatureNotSupportedException.class,
          () -> s.executeQuery("SELECT id FROM alerts WHERE status = :status"));
      assertEquals("Named parameters (:status) cannot be bound through JDBC; bind them through the Java"
          + " API (io.incidentql.api.IncidentQL)", e.getMessage());
      SQLException p = assertThrows(SQLFeatureNotSupportedException.class,
          () -> c.prepareStatement("SELECT id FROM alerts"));
      assertEquals("0A000", p.getSQLState());
      assertTrue(p.getMessage().startsWith("With language=dsl, prepared statements are not supported"), p.getMessage());
    }
  }

  @Test
  void sqlStaysTheDefaultLanguage() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts WHERE CHAR_LENGTH(id) > 0")) {
      assertTrue(rs.next());
    }
  }

  @Test
  void anUnknownLanguageIsRefusedAtConnect() {
    Properties p = new Properties();
    p.setProperty("password", SimulatorConnections.TEST_KEY);
    p.setProperty("language", "prql");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(SimulatorConnections.url(sim), p).close());
    assertEquals("Invalid value 'prql' for connection property language: expected sql (the default)"
        + " or dsl. See docs/connection-properties.md for every property and its default.", e.getMessage());
  }
}
