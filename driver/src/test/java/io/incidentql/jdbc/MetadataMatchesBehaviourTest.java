package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that what metadata says is what the driver does: how NULLs sort, the size and
 * nullability of result columns (as {@code getColumns} says), that a query cannot run as an
 * update, and that functions are listed in no schema the schema list lacks.
 */
class MetadataMatchesBehaviourTest {
  private static Simulator sim;
  private Connection connection;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(6).scale(30, 20, 10, 20)
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

  private Object first(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getObject(1);
    }
  }

  @Test
  void nullsSortWhereMetadataSays() throws SQLException {
    String values = "SELECT v FROM (VALUES (2), (CAST(NULL AS INTEGER)), (1)) AS t(v) ORDER BY v";
    DatabaseMetaData md = connection.getMetaData();
    // High: last when ascending, first when descending.
    assertTrue(md.nullsAreSortedHigh());
    assertFalse(md.nullsAreSortedLow());
    assertFalse(md.nullsAreSortedAtStart());
    assertFalse(md.nullsAreSortedAtEnd());
    assertEquals(1, first(values));
    assertNull(first(values + " DESC"));
    assertNull(first("SELECT resolved_at FROM alerts ORDER BY resolved_at DESC"));
    assertTrue(first("SELECT resolved_at FROM alerts ORDER BY resolved_at") != null);
  }

  @Test
  void resultColumnsHaveTheSizeAndNullabilityGetColumnsReports() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    for (String table : new String[] {"alerts", "incidents", "incident_alerts",
        "incident_updates"}) {
      Map<String, int[]> declared = new HashMap<>();
      try (ResultSet rs = md.getColumns(null, null, table, "%")) {
        while (rs.next()) {
          declared.put(rs.getString("COLUMN_NAME"),
              new int[] {rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"), rs.getInt("NULLABLE")});
        }
      }
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
        ResultSetMetaData r = rs.getMetaData();
        assertEquals(declared.size(), r.getColumnCount());
        for (int i = 1; i <= r.getColumnCount(); i++) {
          int[] d = declared.get(r.getColumnName(i));
          String what = table + "." + r.getColumnName(i);
          assertEquals(d[0], r.getColumnType(i), what);
          assertEquals(d[2], r.isNullable(i), what);
          if (d[0] == Types.VARCHAR || d[0] == Types.TIMESTAMP) {
            assertEquals(d[1], r.getPrecision(i), what);
            assertEquals(d[1], r.getColumnDisplaySize(i), what);
          }
        }
      }
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, created_at FROM alerts LIMIT 0")) {
      ResultSetMetaData r = rs.getMetaData();
      assertEquals(ResultSetMetaData.columnNoNulls, r.isNullable(1));
      assertEquals(23, r.getColumnDisplaySize(2));
      assertEquals(65536, r.getPrecision(1));
    }
  }

  @Test
  void aQueryCannotRunAsAnUpdate() throws SQLException {
    try (Statement s = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("SELECT 1"));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("executeQuery"), e.getMessage());
      assertEquals("0A000", assertThrows(SQLException.class,
          () -> s.executeLargeUpdate("SELECT id FROM alerts")).getSQLState());
    }
    try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM alerts")) {
      assertEquals("0A000", assertThrows(SQLException.class, ps::executeUpdate).getSQLState());
    }
  }

  @Test
  void functionsAreListedInNoSchemaTheSchemaListLacks() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    Set<String> schemas = new HashSet<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    try (ResultSet rs = md.getFunctions(null, null, "%")) {
      assertEquals("FUNCTION_NAME", rs.getMetaData().getColumnName(3));
      while (rs.next()) {
        assertTrue(schemas.contains(rs.getString("FUNCTION_SCHEM")), rs.getString(2));
      }
    }
    try (ResultSet rs = md.getFunctionColumns(null, null, "%", "%")) {
      while (rs.next()) {
        assertTrue(schemas.contains(rs.getString("FUNCTION_SCHEM")), rs.getString(2));
      }
    }
  }
}
