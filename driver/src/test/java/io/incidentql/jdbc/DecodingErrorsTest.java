package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests that a value that does not fit its type fails with the SQLState of its kind (22003 out of
 * range, 22018 not a number, 22000 an unreadable answer) and a message that says so, whether it
 * comes from the API, from a literal of the SQL or from a parameter; never silently as another
 * value.
 */
class DecodingErrorsTest {
  private static Simulator sim;
  private TamperingProxy proxy;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(23).scale(30, 20, 0, 0));
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void startProxy() {
    proxy = new TamperingProxy(sim.baseUrl());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private static Connection connect(String baseUrl) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:incidentio:baseUrl=" + baseUrl + ";maxRetries=0", "", SimulatorConnections.TEST_KEY);
  }

  private static SQLException failure(String baseUrl, String sql, String sqlState) {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              try (Connection c = connect(baseUrl);
                  Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                  rs.getObject(1);
                }
              }
            });
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    return e;
  }

  // ---- from the API

  @ParameterizedTest
  @CsvSource({"1000000000000000000000000000000", "-9223372036854775809", "1e30"})
  void anIntegerBeyondBigintFromTheApiIsOutOfRange(String rank) {
    proxy.onBodies(
        (url, status, body) ->
            body.path("incidents").forEach(i -> ((ObjectNode) i).putObject("severity")
                .put("id", "S").put("name", "n").put("rank", "@@" + rank + "@@")));
    proxy.onTexts((url, text) -> text.replace("\"@@" + rank + "@@\"", rank));
    SQLException e = failure(proxy.baseUrl(), "SELECT id, severity_rank FROM incidents", "22003");
    assertTrue(
        e.getMessage().contains("column severity_rank (BIGINT), row id \""),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith(": expected an integer from -9223372036854775808 to"
            + " 9223372036854775807 at 'severity.rank', got the number " + rank),
        e.getMessage());
  }

  @Test
  void aNumberBeyondDoubleFromTheApiIsOutOfRangeNotInfinity() {
    proxy.onBodies(
        (url, status, body) ->
            body.path("incidents").forEach(i -> ((ObjectNode) i)
                .put("workload_minutes_late", "@@1e400@@")));
    proxy.onTexts((url, text) -> text.replace("\"@@1e400@@\"", "1e400"));
    SQLException e =
        failure(proxy.baseUrl(), "SELECT id, workload_minutes_late FROM incidents", "22003");
    assertTrue(
        e.getMessage().endsWith(": expected a number within the range of DOUBLE (about ±1.8e308)"
            + " at 'workload_minutes_late', got the number 1e400"),
        e.getMessage());
  }

  @Test
  void aKeyTwiceInOneObjectFailsTheResponseInsteadOfTheLastWinning() {
    proxy.onTexts((url, text) -> text.replaceFirst("\"status\":\"", "\"status\":\"gone\",\"status\":\""));
    SQLException e = failure(proxy.baseUrl(), "SELECT id, status FROM alerts", "22000");
    assertTrue(
        e.getMessage().contains("an object in the body has the same key twice (Duplicate field"
            + " 'status'), so which of its values is meant is unknown"),
        e.getMessage());
  }

  // ---- from SQL

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT CAST('99999999999999999999' AS BIGINT) FROM alerts|22003",
        "SELECT CAST(1e30 AS BIGINT) FROM alerts|22003",
        "SELECT CAST(title AS BIGINT) FROM alerts|22018"
      })
  void aCastThatCannotHoldItsValueIsADataError(String sql, String sqlState) {
    SQLException e = failure(sim.baseUrl(), sql, sqlState);
    assertTrue(
        e.getMessage().startsWith(sqlState.equals("22003")
            ? "A value is out of range for its type" : "Text does not convert to a number"),
        e.getMessage());
  }

  // ---- from a parameter, and read as a narrower class

  @Test
  void aParameterBeyondBigintIsOutOfRangeAndAFractionIsNotAWholeNumber() throws Exception {
    try (Connection c = connect(sim.baseUrl());
        PreparedStatement p = c.prepareStatement("SELECT id FROM incidents WHERE severity_rank = ?")) {
      SQLException e =
          assertThrows(SQLException.class, () -> p.setObject(1, new BigDecimal("1e20")));
      assertEquals("22003", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("is not within the range of BIGINT"), e.getMessage());
      e = assertThrows(SQLException.class,
          () -> p.setObject(1, new BigInteger("99999999999999999999")));
      assertEquals("22003", e.getSQLState(), e.getMessage());
      e = assertThrows(SQLException.class, () -> p.setString(1, "4.5"));
      assertEquals("22018", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("is not a whole number"), e.getMessage());
      p.setObject(1, new BigDecimal("4.000"));
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
      }
    }
  }

  @Test
  void aBigintReadAsANarrowerClassIsOutOfRangeNotTruncated() throws Exception {
    try (Connection c = connect(sim.baseUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CAST(4294967296 AS BIGINT) FROM alerts")) {
      assertTrue(rs.next());
      for (Class<?> narrow : new Class<?>[] {Integer.class, Short.class, Byte.class}) {
        SQLException e = assertThrows(SQLException.class, () -> rs.getObject(1, narrow));
        assertEquals("22003", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("4294967296 is out of range for"), e.getMessage());
      }
      assertEquals(4294967296L, rs.getObject(1, Long.class));
    }
  }
}
