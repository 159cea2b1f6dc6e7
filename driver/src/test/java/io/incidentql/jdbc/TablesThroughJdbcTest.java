package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import io.incidentql.simulator.LoggedRequest;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests that each table, read through JDBC, returns exactly the API's rows and values: every
 * row across every page, every column typed by the table contract and equal to the JSON field.
 */
class TablesThroughJdbcTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(7).unlimitedRate());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void clearLog() {
    sim.requestLog().clear();
  }

  static List<ObjectNode> apiRows(Simulator sim, String table) {
    return switch (table) {
      case "alerts" -> sim.dataset().alerts();
      case "incidents" -> SimulatorConnections.tableIncidents(sim);
      case "incident_alerts" -> sim.dataset().incidentAlerts();
      case "incident_updates" -> sim.dataset().incidentUpdates();
      default -> throw new IllegalArgumentException(table);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"alerts", "incidents", "incident_alerts", "incident_updates"})
  void aFullScanReturnsEveryRowOfTheEndpointAcrossAllItsPages(String table) throws Exception {
    TableDef def = IncidentIoTables.byName(table);
    List<ObjectNode> expected = apiRows(sim, table);
    List<String> ids = new ArrayList<>();
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    Set<String> expectedIds = new HashSet<>();
    expected.forEach(row -> expectedIds.add(row.get("id").asText()));
    assertEquals(expected.size(), ids.size(), "row count");
    assertEquals(expectedIds, new HashSet<>(ids));

    List<LoggedRequest> requests = sim.requestLog().requests();
    int pages = (expected.size() + def.maxPageSize() - 1) / def.maxPageSize();
    assertEquals(pages, requests.size(), "one request per page: " + requests);
    for (int i = 0; i < requests.size(); i++) {
      LoggedRequest r = requests.get(i);
      assertEquals(def.path(), r.path());
      assertEquals(200, r.status());
      assertEquals(String.valueOf(def.maxPageSize()), r.param("page_size").orElseThrow());
      assertEquals(i > 0, r.param("after").isPresent(), "cursor on every page but the first");
    }
  }

  @Test
  void incidentsOfEveryModeAreRowsAlthoughTheApiHidesTestAndTutorialByDefault() throws Exception {
    Map<String, Integer> expected = new HashMap<>();
    for (ObjectNode i : SimulatorConnections.tableIncidents(sim)) {
      expected.merge(i.get("mode").asText(), 1, Integer::sum);
    }
    assertTrue(expected.containsKey("test") && expected.containsKey("tutorial"), "demo data");
    Map<String, Integer> actual = new HashMap<>();
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT mode, COUNT(*) FROM incidents GROUP BY mode")) {
      while (rs.next()) {
        actual.put(rs.getString(1), rs.getInt(2));
      }
    }
    assertEquals(expected, actual);
    LoggedRequest first = sim.requestLog().requests().get(0);
    assertEquals(
        List.of("standard", "retrospective", "test", "tutorial"), first.params("mode[one_of]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alerts", "incidents", "incident_alerts", "incident_updates"})
  void everyColumnOfEveryRowEqualsTheFieldTheApiSent(String table) throws Exception {
    TableDef def = IncidentIoTables.byName(table);
    Map<String, ObjectNode> byId = new HashMap<>();
    apiRows(sim, table).forEach(row -> byId.put(row.get("id").asText(), row));
    int nulls = 0;
    int values = 0;
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(def.columns().size(), md.getColumnCount());
      while (rs.next()) {
        ObjectNode api = byId.get(rs.getString("id"));
        assertNotNull(api, "row " + rs.getString("id") + " is one the API sent");
        for (int i = 1; i <= md.getColumnCount(); i++) {
          ColumnDef col = def.columns().get(i - 1);
          assertEquals(col.name(), md.getColumnLabel(i));
          JsonNode field = field(api, col.path());
          Object actual = rs.getObject(i);
          String where = table + "." + col.name() + " of " + api.get("id").asText();
          if (field == null || field.isNull()) {
            assertEquals(null, actual, where);
            nulls++;
            continue;
          }
          values++;
          switch (col.type()) {
            case VARCHAR -> assertEquals(field.asText(), actual, where);
            case BIGINT -> assertEquals(field.asLong(), actual, where);
            case DOUBLE -> assertEquals(field.asDouble(), actual, where);
            case BOOLEAN -> assertEquals(field.asBoolean(), actual, where);
            case TIMESTAMP -> assertEquals(
                Instant.parse(field.asText()).truncatedTo(ChronoUnit.MILLIS),
                ((Timestamp) actual).toInstant(),
                where);
            case JSON -> assertEquals(field, JSON.readTree((String) actual), where);
            default -> throw new AssertionError(col.type());
          }
        }
      }
    }
    assertTrue(nulls > 0, "the data has NULLs to check");
    assertTrue(values > 0);
  }

  private static JsonNode field(JsonNode node, List<String> path) {
    JsonNode n = node;
    for (String name : path) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(name);
    }
    return n;
  }

  @Test
  void columnTypesFollowTheTableContract() throws Exception {
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT reference, created_at, severity_rank, workload_minutes_total, has_debrief,"
                    + " custom_field_entries FROM incidents LIMIT 1")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(Types.VARCHAR, md.getColumnType(1));
      assertEquals(Types.TIMESTAMP, md.getColumnType(2));
      assertEquals(Types.BIGINT, md.getColumnType(3));
      assertEquals(Types.DOUBLE, md.getColumnType(4));
      assertEquals(Types.BOOLEAN, md.getColumnType(5));
      assertEquals(Types.VARCHAR, md.getColumnType(6));
    }
  }

  @Test
  void timestampsAreTheApiInstantsWhateverTheJvmTimeZone() throws Exception {
    ObjectNode alert = sim.dataset().alerts().get(0);
    Instant created = Instant.parse(alert.get("created_at").asText()).truncatedTo(ChronoUnit.MILLIS);
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT created_at, CAST(created_at AS VARCHAR) FROM alerts WHERE id = '"
                    + alert.get("id").asText() + "'")) {
      assertTrue(rs.next());
      assertEquals(created, rs.getTimestamp(1).toInstant());
      // The SQL value is the UTC wall-clock time, as the API writes it.
      String utc = LocalDateTime.ofInstant(created, ZoneOffset.UTC).toString().replace('T', ' ');
      assertTrue(utc.startsWith(rs.getString(2)), utc + " vs " + rs.getString(2));
      assertFalse(rs.next());
    }
  }

  @Test
  void timestampLiteralsAndComparisonsMeanUtc() throws Exception {
    Instant cut = Instant.parse("2024-06-01T00:00:00Z");
    long expected =
        sim.dataset().alerts().stream()
            .filter(a -> !Instant.parse(a.get("created_at").asText()).isBefore(cut))
            .count();
    try (Connection c = SimulatorConnections.connect(sim);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM alerts WHERE created_at >= TIMESTAMP '2024-06-01 00:00:00'")) {
      assertTrue(rs.next());
      assertTrue(expected > 0 && expected < sim.dataset().alerts().size(), "the cut splits the data");
      assertEquals(expected, rs.getLong(1));
    }
  }
}
