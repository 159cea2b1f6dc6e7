package io.incidentql.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnType;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import io.incidentql.simulator.Simulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Embedded H2 database holding a simulator's rows as plain tables, for the oracle test.
 *
 * <p>The rows come from the simulator's {@link io.incidentql.simulator.Dataset}: the JSON
 * objects the endpoints serve, read here by a flattening of its own (a column's value is the
 * JSON value at the column's documented path), so that neither the driver's HTTP client, its
 * row converter nor its planner takes part in what the oracle believes. Only the table
 * catalog's names, paths and types are shared: they are the definition of the tables, not
 * code that could compute a wrong row. Which rows a table holds follows docs/tables.md:
 * every alert, incident alert and incident update, and the incidents of the documented modes.
 *
 * <p>JSON columns (arrays of objects as text) are left out: their text is a rendering the
 * driver chooses, not a query semantic, and the generated queries do not read them.
 */
final class OracleDatabase implements AutoCloseable {
  private final String url;
  private final Connection connection;
  private final Map<String, List<ColumnDef>> columns;

  private OracleDatabase(String url, Connection connection, Map<String, List<ColumnDef>> columns) {
    this.url = url;
    this.connection = connection;
    this.columns = columns;
  }

  /** Creates an in-memory database with the simulator's four tables. */
  static OracleDatabase load(Simulator sim, String name) throws SQLException {
    // NULLs sort as Calcite sorts them by default (high); the generated SQL also says it.
    String url = "jdbc:h2:mem:" + name + ";DEFAULT_NULL_ORDERING=HIGH";
    Connection c = DriverManager.getConnection(url, "sa", "");
    Map<String, List<ObjectNode>> rows = Map.of(
        "alerts", List.copyOf(sim.dataset().alerts()),
        "incidents", SimulatorConnections.tableIncidents(sim),
        "incident_alerts", List.copyOf(sim.dataset().incidentAlerts()),
        "incident_updates", List.copyOf(sim.dataset().incidentUpdates()));
    Map<String, List<ColumnDef>> columns = new java.util.LinkedHashMap<>();
    for (TableDef table : IncidentIoTables.all()) {
      if (!rows.containsKey(table.name())) {
        continue; // the generator queries the tables it has rows for
      }
      List<ColumnDef> scalar = table.columns().stream()
          .filter(col -> col.type() != ColumnType.JSON)
          .toList();
      columns.put(table.name(), scalar);
      create(c, table.name(), scalar, rows.get(table.name()));
    }
    return new OracleDatabase(url, c, Collections.unmodifiableMap(columns));
  }

  /** Opens another connection to the database, which lives as long as this object. */
  Connection newConnection() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  /** The columns of each table the database holds, in table order. */
  Map<String, List<ColumnDef>> columns() {
    return columns;
  }

  private static void create(
      Connection c, String table, List<ColumnDef> cols, List<ObjectNode> rows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " ("
          + cols.stream().map(col -> col.name() + " " + sqlType(col.type()))
              .collect(Collectors.joining(", "))
          + ")");
    }
    String insert = "INSERT INTO " + table + " VALUES ("
        + cols.stream().map(col -> "?").collect(Collectors.joining(", ")) + ")";
    try (PreparedStatement p = c.prepareStatement(insert)) {
      for (ObjectNode row : rows) {
        for (int i = 0; i < cols.size(); i++) {
          p.setObject(i + 1, value(row, cols.get(i)));
        }
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** The value at the column's path, as the column's type; null when absent or JSON null. */
  static Object value(JsonNode row, ColumnDef col) {
    JsonNode node = row;
    for (String step : col.path()) {
      node = node.path(step);
    }
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    switch (col.type()) {
      case VARCHAR:
        return node.asText();
      case BIGINT:
        return node.asLong();
      case DOUBLE:
        return node.asDouble();
      case BOOLEAN:
        return node.asBoolean();
      case TIMESTAMP:
        // TIMESTAMP(3) in UTC: the API's instants cut to the millisecond.
        return OffsetDateTime.parse(node.asText()).withOffsetSameInstant(ZoneOffset.UTC)
            .toLocalDateTime().truncatedTo(ChronoUnit.MILLIS);
      default:
        throw new IllegalArgumentException("no oracle type for " + col.type());
    }
  }

  private static String sqlType(ColumnType type) {
    switch (type) {
      case VARCHAR:
        return "VARCHAR";
      case BIGINT:
        return "BIGINT";
      case DOUBLE:
        return "DOUBLE PRECISION";
      case BOOLEAN:
        return "BOOLEAN";
      case TIMESTAMP:
        return "TIMESTAMP(3)";
      default:
        throw new IllegalArgumentException("no oracle type for " + type);
    }
  }

  /** Distinct non-null values of a column, in a fixed order, for the generator to pick from. */
  List<Object> distinctValues(String table, String column) throws SQLException {
    List<Object> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT DISTINCT " + column + " FROM " + table
            + " WHERE " + column + " IS NOT NULL ORDER BY 1")) {
      while (rs.next()) {
        Object v = rs.getObject(1);
        out.add(v instanceof java.sql.Timestamp t ? t.toLocalDateTime() : v);
      }
    }
    return out;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
