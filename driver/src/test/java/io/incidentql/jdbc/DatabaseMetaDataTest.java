package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnType;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that DatabaseMetaData describes the table catalog the way SQL clients read it, and that
 * no metadata call sends a request.
 */
class DatabaseMetaDataTest {
  private static Simulator sim;
  private Connection connection;
  private DatabaseMetaData md;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(3).unlimitedRate());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void open() throws Exception {
    connection = SimulatorConnections.connect(sim);
    md = connection.getMetaData();
    sim.requestLog().clear();
  }

  @AfterEach
  void closeAndCheckThatNothingWasAsked() throws Exception {
    connection.close();
    assertEquals(List.of(), sim.requestLog().requests(), "metadata calls send no request");
  }

  /** Reads a result set into rows of "COLUMN=value" strings for the named columns. */
  private static List<String> rows(ResultSet rs, String... columns) throws Exception {
    List<String> rows = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (String c : columns) {
          b.append(b.length() == 0 ? "" : "; ").append(c).append('=').append(rs.getString(c));
        }
        rows.add(b.toString());
      }
    }
    return rows;
  }

  @Test
  void theProductTheDriverAndTheIdentifierRulesAreReported() throws Exception {
    assertEquals("incident.io API", md.getDatabaseProductName());
    assertEquals("v2", md.getDatabaseProductVersion());
    assertEquals(2, md.getDatabaseMajorVersion());
    assertEquals("IncidentQL JDBC Driver", md.getDriverName());
    assertEquals(IncidentIoDriver.version(), md.getDriverVersion());
    assertTrue(md.isReadOnly());
    assertTrue(connection.isReadOnly());
    assertEquals("\"", md.getIdentifierQuoteString());
    assertTrue(md.storesLowerCaseIdentifiers());
    assertFalse(md.storesUpperCaseIdentifiers());
    assertFalse(md.storesMixedCaseIdentifiers());
    assertFalse(md.supportsMixedCaseIdentifiers());
    assertTrue(md.storesMixedCaseQuotedIdentifiers());
    assertFalse(md.supportsMixedCaseQuotedIdentifiers());
    assertFalse(md.supportsTransactions());
    assertEquals(Connection.TRANSACTION_NONE, md.getDefaultTransactionIsolation());
    assertFalse(md.supportsCatalogsInDataManipulation());
    assertTrue(md.supportsSchemasInDataManipulation());
    assertEquals("jdbc:incidentio:baseUrl=" + sim.baseUrl(), md.getURL());
    assertEquals(connection, md.getConnection());
  }

  @Test
  void theReportedIdentifierCaseIsHowTheParserTreatsNames() throws Exception {
    // Unquoted names are stored lower case and match any case; quoted ones too, the way
    // storesMixedCaseQuotedIdentifiers and !supportsMixedCaseQuotedIdentifiers say.
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT Id, \"ID\", \"id\" FROM INCIDENTS LIMIT 1")) {
      assertEquals("id", rs.getMetaData().getColumnLabel(1).toLowerCase(java.util.Locale.ROOT));
      assertTrue(rs.next());
      assertEquals(rs.getString(1), rs.getString(2));
      assertEquals(rs.getString(1), rs.getString(3));
    }
    sim.requestLog().clear();
  }

  @Test
  void namesFromMetadataQualifyAndQuoteIntoQueriesTheWayToolsWriteThem() throws Exception {
    String q = md.getIdentifierQuoteString();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, "incidentio", "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(q + rs.getString("TABLE_SCHEM") + q + "." + q + rs.getString("TABLE_NAME") + q);
      }
    }
    try (Statement s = connection.createStatement()) {
      s.setMaxRows(5);
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int n = 0;
          while (rs.next()) {
            n++;
          }
          assertTrue(n > 0 && n <= 5, table + ": " + n);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidentio.alerts")) {
        assertTrue(rs.next());
      }
    }
    sim.requestLog().clear();
  }

  @Test
  void thereIsNoCatalogAndOneSchemaNamedIncidentio() throws Exception {
    assertEquals(List.of(), rows(md.getCatalogs(), "TABLE_CAT"));
    assertEquals(
        List.of("TABLE_SCHEM=incidentio; TABLE_CATALOG=null"),
        rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG"));
    assertEquals(1, rows(md.getSchemas(null, "incident%"), "TABLE_SCHEM").size());
    assertEquals(0, rows(md.getSchemas(null, "metadata"), "TABLE_SCHEM").size());
    assertEquals(List.of("TABLE_TYPE=TABLE"), rows(md.getTableTypes(), "TABLE_TYPE"));
    assertEquals("incidentio", connection.getSchema());
  }

  @Test
  void everyTableIsListedWithItsRemarks() throws Exception {
    List<String> expected = new ArrayList<>();
    IncidentIoTables.all().stream()
        .sorted(java.util.Comparator.comparing(TableDef::name))
        .forEach(t -> expected.add("TABLE_CAT=null; TABLE_SCHEM=incidentio; TABLE_NAME=" + t.name()
            + "; TABLE_TYPE=TABLE; REMARKS=" + t.remarks()));
    assertEquals(expected, rows(md.getTables(null, null, "%", null),
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"));
    assertEquals(expected, rows(md.getTables("", "incidentio", null, new String[] {"TABLE", "VIEW"}),
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"));
    assertEquals(List.of("TABLE_NAME=incident_alerts", "TABLE_NAME=incident_attachments", "TABLE_NAME=incident_custom_field_values", "TABLE_NAME=incident_duration_metrics", "TABLE_NAME=incident_role_assignments", "TABLE_NAME=incident_roles", "TABLE_NAME=incident_statuses", "TABLE_NAME=incident_timestamp_values", "TABLE_NAME=incident_timestamps",
            "TABLE_NAME=incident_types", "TABLE_NAME=incident_updates", "TABLE_NAME=incidents"),
        rows(md.getTables(null, null, "INCIDENT%", null), "TABLE_NAME"));
    assertEquals(List.of("TABLE_NAME=incident_alerts"),
        rows(md.getTables(null, null, "incident\\_alerts", null), "TABLE_NAME"));
    assertEquals(List.of(), rows(md.getTables(null, null, null, new String[] {"VIEW"}), "TABLE_NAME"));
    assertEquals(List.of(), rows(md.getTables("other", null, null, null), "TABLE_NAME"));
  }

  @Test
  void everyColumnHasItsTypeSizeNullabilityPositionAndRemarks() throws Exception {
    for (TableDef t : IncidentIoTables.all()) {
      try (ResultSet rs = md.getColumns(null, "incidentio", t.name(), null)) {
        for (int i = 0; i < t.columns().size(); i++) {
          ColumnDef c = t.columns().get(i);
          assertTrue(rs.next(), t.name() + " has column " + c.name());
          String where = t.name() + "." + c.name();
          assertNull(rs.getString("TABLE_CAT"), where);
          assertEquals("incidentio", rs.getString("TABLE_SCHEM"), where);
          assertEquals(t.name(), rs.getString("TABLE_NAME"), where);
          assertEquals(c.name(), rs.getString("COLUMN_NAME"), where);
          assertEquals(i + 1, rs.getInt("ORDINAL_POSITION"), where);
          assertEquals(c.remarks(), rs.getString("REMARKS"), where);
          assertEquals(c.required() ? DatabaseMetaData.columnNoNulls : DatabaseMetaData.columnNullable,
              rs.getInt("NULLABLE"), where);
          assertEquals(c.required() ? "NO" : "YES", rs.getString("IS_NULLABLE"), where);
          assertEquals("NO", rs.getString("IS_AUTOINCREMENT"), where);
          int type = rs.getInt("DATA_TYPE");
          String typeName = rs.getString("TYPE_NAME");
          int size = rs.getInt("COLUMN_SIZE");
          switch (c.type()) {
            case VARCHAR, JSON -> {
              assertEquals(Types.VARCHAR, type, where);
              assertEquals("VARCHAR", typeName, where);
              assertEquals(65536, size, where);
            }
            case BIGINT -> {
              assertEquals(Types.BIGINT, type, where);
              assertEquals(19, size, where);
              assertEquals(0, rs.getInt("DECIMAL_DIGITS"), where);
            }
            case DOUBLE -> assertEquals(Types.DOUBLE, type, where);
            case BOOLEAN -> assertEquals(Types.BOOLEAN, type, where);
            case TIMESTAMP -> {
              assertEquals(Types.TIMESTAMP, type, where);
              assertEquals("TIMESTAMP", typeName, where);
              assertEquals(3, rs.getInt("DECIMAL_DIGITS"), where);
            }
          }
        }
        assertFalse(rs.next(), t.name() + " has no more columns");
      }
    }
  }

  @Test
  void theColumnTypesAreTheTypesQueriesReturn() throws Exception {
    TableDef incidents = IncidentIoTables.byName("incidents");
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM incidents LIMIT 1")) {
      ResultSetMetaData rsmd = rs.getMetaData();
      for (int i = 1; i <= rsmd.getColumnCount(); i++) {
        ColumnType type = incidents.columns().get(i - 1).type();
        try (ResultSet col = md.getColumns(null, null, "incidents", rsmd.getColumnName(i))) {
          assertTrue(col.next(), rsmd.getColumnName(i));
          assertEquals(rsmd.getColumnType(i), col.getInt("DATA_TYPE"), rsmd.getColumnName(i) + " " + type);
        }
      }
    }
    sim.requestLog().clear();
  }

  @Test
  void columnNamePatternsSelectColumns() throws Exception {
    assertEquals(
        List.of("COLUMN_NAME=severity_id", "COLUMN_NAME=severity_created_at",
            "COLUMN_NAME=severity_description", "COLUMN_NAME=severity_name",
            "COLUMN_NAME=severity_rank", "COLUMN_NAME=severity_updated_at"),
        rows(md.getColumns(null, null, "incidents", "severity%"), "COLUMN_NAME"));
    assertEquals(List.of("TABLE_NAME=actions", "TABLE_NAME=follow_ups",
            "TABLE_NAME=incident_alerts", "TABLE_NAME=incident_attachments",
            "TABLE_NAME=incident_custom_field_values", "TABLE_NAME=incident_duration_metrics",
            "TABLE_NAME=incident_role_assignments", "TABLE_NAME=incident_timestamp_values",
            "TABLE_NAME=incident_updates", "TABLE_NAME=workflow_runs"),
        rows(md.getColumns(null, null, "%", "incident_id"), "TABLE_NAME"));
  }

  @Test
  void idIsThePrimaryKeyOfEveryTable() throws Exception {
    assertEquals(List.of("schedule_entries"), IncidentIoTables.all().stream()
        .filter(t -> t.child() == null && !"id".equals(t.primaryKey())).map(TableDef::name)
        .toList(),
        "entries have no id; entry_id is their key");
    for (TableDef t : IncidentIoTables.all()) {
      assertEquals(t.child() != null ? List.of()
          : List.of("TABLE_SCHEM=incidentio; TABLE_NAME=" + t.name() + "; COLUMN_NAME="
              + t.primaryKey() + "; KEY_SEQ=1; PK_NAME=pk_"
              + t.name()),
          rows(md.getPrimaryKeys(null, "incidentio", t.name()),
              "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
    }
    assertEquals(List.of("COLUMN_NAME=id"), rows(md.getBestRowIdentifier(null, null, "alerts",
        DatabaseMetaData.bestRowSession, true), "COLUMN_NAME"));
  }

  private static final String[] KEY_COLUMNS = {
    "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME",
    "KEY_SEQ", "FK_NAME", "PK_NAME"
  };

  private static String key(String pkTable, String fkTable, String fkColumn) {
    return "PKTABLE_SCHEM=incidentio; PKTABLE_NAME=" + pkTable + "; PKCOLUMN_NAME=id; FKTABLE_SCHEM=incidentio;"
        + " FKTABLE_NAME=" + fkTable + "; FKCOLUMN_NAME=" + fkColumn + "; KEY_SEQ=1; FK_NAME=fk_" + fkTable + "_"
        + fkColumn + "; PK_NAME=pk_" + pkTable;
  }

  @Test
  void theLinkTablesImportTheKeysOfAlertsAndIncidents() throws Exception {
    assertEquals(
        List.of(key("alert_sources", "incident_alerts", "alert_alert_source_id"),
            key("alerts", "incident_alerts", "alert_id"),
            key("incidents", "incident_alerts", "incident_id")),
        rows(md.getImportedKeys(null, "incidentio", "incident_alerts"), KEY_COLUMNS));
    assertEquals(
        List.of(key("incident_statuses", "incident_updates", "new_incident_status_id"),
            key("incidents", "incident_updates", "incident_id"),
            key("incidents", "incident_updates", "merged_into_incident_id"),
            key("severities", "incident_updates", "new_severity_id"),
            key("users", "incident_updates", "updater_user_id")),
        rows(md.getImportedKeys(null, null, "incident_updates"), KEY_COLUMNS));
    assertEquals(
        List.of(key("incident_statuses", "incidents", "incident_status_id"),
            key("incident_types", "incidents", "incident_type_id"),
            key("severities", "incidents", "severity_id"),
            key("users", "incidents", "creator_user_id")),
        rows(md.getImportedKeys(null, null, "incidents"), KEY_COLUMNS));
    assertEquals(List.of(key("custom_fields", "custom_field_options", "custom_field_id")),
        rows(md.getImportedKeys(null, null, "custom_field_options"), KEY_COLUMNS));
    assertEquals(List.of(), rows(md.getImportedKeys(null, null, "severities"), KEY_COLUMNS));
  }

  @Test
  void alertsAndIncidentsExportTheirKeys() throws Exception {
    assertEquals(
        List.of(key("incidents", "actions", "incident_id"), key("incidents", "follow_ups", "incident_id"),
            key("incidents", "incident_alerts", "incident_id"),
            key("incidents", "incident_attachments", "incident_id"),
            key("incidents", "incident_custom_field_values", "incident_id"),
            key("incidents", "incident_duration_metrics", "incident_id"),
            key("incidents", "incident_role_assignments", "incident_id"),
            key("incidents", "incident_timestamp_values", "incident_id"),
            key("incidents", "incident_updates", "incident_id"),
            key("incidents", "incident_updates", "merged_into_incident_id"),
            key("incidents", "workflow_runs", "incident_id")),
        rows(md.getExportedKeys(null, "incidentio", "incidents"), KEY_COLUMNS));
    assertEquals(
        List.of(key("severities", "incident_custom_field_values", "severity_id"),
            key("severities", "incident_duration_metrics", "severity_id"),
            key("severities", "incident_role_assignments", "severity_id"),
            key("severities", "incident_timestamp_values", "severity_id"),
            key("severities", "incident_updates", "new_severity_id"), key("severities", "incidents", "severity_id")),
        rows(md.getExportedKeys(null, null, "severities"), KEY_COLUMNS));
    assertEquals(List.of(key("alerts", "actions", "creator_alert_id"),
            key("alerts", "alert_attribute_values", "alert_id"),
            key("alerts", "escalations", "creator_alert_id"),
            key("alerts", "follow_ups", "creator_alert_id"), key("alerts", "incident_alerts", "alert_id")),
        rows(md.getExportedKeys(null, null, "alerts"), KEY_COLUMNS));
    assertEquals(List.of(), rows(md.getExportedKeys(null, null, "incident_updates"), KEY_COLUMNS));
  }

  @Test
  void crossReferenceNamesTheKeyBetweenTwoTables() throws Exception {
    assertEquals(List.of(key("incidents", "incident_updates", "incident_id"),
            key("incidents", "incident_updates", "merged_into_incident_id")),
        rows(md.getCrossReference(null, null, "incidents", null, null, "incident_updates"), KEY_COLUMNS));
    assertEquals(List.of(),
        rows(md.getCrossReference(null, null, "alerts", null, null, "incident_updates"), KEY_COLUMNS));
  }

  @Test
  void everyKeyNamesColumnsTheCatalogHas() {
    for (TableDef t : IncidentIoTables.all()) {
      // A child table's rows are elements of its parent's: no column identifies one.
      assertEquals(t.child() == null, IncidentIoKeys.hasPrimaryKey(t), t.name());
    }
    for (IncidentIoKeys.ForeignKey fk : IncidentIoKeys.FOREIGN_KEYS) {
      ColumnDef referring = IncidentIoKeys.column(fk.table(), fk.column());
      ColumnDef referred = IncidentIoKeys.column(fk.referencedTable(), fk.referencedColumn());
      assertEquals(referred.type(), referring.type(), fk.name());
    }
  }

  @Test
  void typeInfoListsTheTypesOfTheColumnsOrderedByDataType() throws Exception {
    List<Integer> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (ResultSet rs = md.getTypeInfo()) {
      while (rs.next()) {
        types.add(rs.getInt("DATA_TYPE"));
        names.add(rs.getString("TYPE_NAME"));
        assertEquals(DatabaseMetaData.typeNullable, rs.getShort("NULLABLE"));
      }
    }
    List<Integer> sorted = new ArrayList<>(types);
    sorted.sort(null);
    assertEquals(sorted, types);
    assertTrue(names.containsAll(List.of("VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "TIMESTAMP")), names.toString());
  }

  @Test
  void metadataResultSetsDescribeTheirColumnsAndConvertValues() throws Exception {
    try (ResultSet rs = md.getColumns(null, null, "alerts", "id")) {
      ResultSetMetaData rsmd = rs.getMetaData();
      assertEquals(24, rsmd.getColumnCount());
      assertEquals("DATA_TYPE", rsmd.getColumnName(5));
      assertEquals(Types.INTEGER, rsmd.getColumnType(5));
      assertTrue(rs.next());
      assertEquals(Types.VARCHAR, rs.getObject("DATA_TYPE"));
      assertEquals(Integer.valueOf(Types.VARCHAR), rs.getObject(5, Integer.class));
      assertEquals(String.valueOf(Types.VARCHAR), rs.getString(5));
      assertNull(rs.getString("TABLE_CAT"));
      assertTrue(rs.wasNull());
      assertEquals(0, rs.getInt("BUFFER_LENGTH"));
      assertTrue(rs.wasNull());
      assertFalse(rs.next());
    }
  }

  @Test
  void eachStandInHasTheSignatureOfTheMethodItReplaces() throws Exception {
    for (Class<?>[] pair : new Class<?>[][] {
      {IncidentIoDatabaseMetaData.class, DatabaseMetaData.class},
      {IncidentIoResultValues.class, ResultSet.class},
      {IncidentIoResultSetMetaData.class, ResultSetMetaData.class}
    }) {
      for (Method m : pair[0].getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        Method replaced = pair[1].getMethod(m.getName(), m.getParameterTypes());
        assertEquals(replaced.getReturnType(), m.getReturnType(), m.toString());
      }
    }
  }
}
