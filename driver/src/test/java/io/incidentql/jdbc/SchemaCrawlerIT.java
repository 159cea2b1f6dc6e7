package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.net.URLClassLoader;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.ColumnReference;
import schemacrawler.schema.ForeignKey;
import schemacrawler.schema.Schema;
import schemacrawler.schema.Table;
import schemacrawler.schema.TableConstraintColumn;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * Test that SchemaCrawler, a metadata client that reads everything DatabaseMetaData offers,
 * crawls the self-contained jar's driver at its maximum detail without a warning, and finds
 * every table, column, remark, primary key and foreign key of the table catalog.
 */
class SchemaCrawlerIT {

  /** Collects what SchemaCrawler logs at WARNING and above: each is something that failed. */
  private static final class Warnings extends Handler {
    final List<String> messages = new ArrayList<>();

    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        messages.add(r.getLoggerName() + ": " + r.getMessage()
            + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aMaximumCrawlFindsEveryTableColumnRemarkAndKeyWithoutAWarning() throws Exception {
    Logger root = Logger.getLogger("");
    Warnings warnings = new Warnings();
    root.addHandler(warnings);
    Catalog catalog;
    try (URLClassLoader loader = SelfContainedJar.isolatedLoader()) {
      Driver driver = SelfContainedJar.drivers(loader).get(0);
      SchemaCrawlerOptions options =
          SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
              .withLoadOptions(
                  LoadOptionsBuilder.builder()
                      .withSchemaInfoLevel(SchemaInfoLevelBuilder.maximum())
                      .toOptions());
      catalog = SchemaCrawlerUtility.getCatalog(
          DatabaseConnectionSources.fromDataSource(
              SelfContainedJar.dataSource(driver, "jdbc:incidentio:demo=true")),
          options);
    } finally {
      root.removeHandler(warnings);
    }
    assertEquals(List.of(), warnings.messages, "the crawl logged no warning");

    assertEquals("incident.io API", catalog.getDatabaseInfo().getProductName());
    assertEquals("IncidentQL JDBC Driver", catalog.getJdbcDriverInfo().getDriverName());
    List<String> schemas = new ArrayList<>();
    for (Schema s : catalog.getSchemas()) {
      schemas.add(s.getFullName());
    }
    assertEquals(List.of("incidentio"), schemas);

    Map<String, Table> tables = new TreeMap<>();
    for (Table t : catalog.getTables()) {
      tables.put(t.getName(), t);
    }
    TreeSet<String> expectedNames = new TreeSet<>();
    IncidentIoTables.all().forEach(t -> expectedNames.add(t.name()));
    assertEquals(expectedNames, tables.keySet());

    for (TableDef def : IncidentIoTables.all()) {
      Table table = tables.get(def.name());
      assertEquals(def.remarks(), table.getRemarks(), def.name());
      List<Column> columns = table.getColumns();
      assertEquals(def.columns().size(), columns.size(), def.name());
      for (int i = 0; i < columns.size(); i++) {
        ColumnDef expected = def.columns().get(i);
        Column actual = columns.get(i);
        String where = def.name() + "." + expected.name();
        assertEquals(expected.name(), actual.getName(), where);
        assertEquals(expected.remarks(), actual.getRemarks(), where);
        assertEquals(!expected.required(), actual.isNullable(), where);
        assertTrue(actual.isColumnDataTypeKnown(), where);
        assertEquals(expected.type().sqlType().getJdbcOrdinal(),
            actual.getColumnDataType().getJavaSqlType().getVendorTypeNumber(), where);
      }
      if (def.child() != null) {
        continue; // no column identifies an element of the parent's array
      }
      assertNotNull(table.getPrimaryKey(), def.name() + " has a primary key");
      List<String> keyColumns = new ArrayList<>();
      for (TableConstraintColumn c : table.getPrimaryKey().getConstrainedColumns()) {
        keyColumns.add(c.getName());
      }
      assertEquals(List.of(def.primaryKey()), keyColumns, def.name());
    }

    TreeSet<String> foreignKeys = new TreeSet<>();
    for (Table t : tables.values()) {
      for (ForeignKey fk : t.getImportedForeignKeys()) {
        for (ColumnReference ref : fk.getColumnReferences()) {
          foreignKeys.add(ref.getForeignKeyColumn().getParent().getName() + "." + ref.getForeignKeyColumn().getName()
              + " -> " + ref.getPrimaryKeyColumn().getParent().getName() + "." + ref.getPrimaryKeyColumn().getName());
        }
      }
    }
    TreeSet<String> catalogKeys = new TreeSet<>();
    for (TableDef def : IncidentIoTables.all()) {
      for (ColumnDef c : def.columns()) {
        if (c.references() != null) {
          catalogKeys.add(def.name() + "." + c.name() + " -> " + c.references() + "."
              + IncidentIoTables.byName(c.references()).primaryKey());
        }
      }
    }
    assertTrue(catalogKeys.containsAll(List.of(
        "incident_alerts.alert_id -> alerts.id",
        "incident_alerts.incident_id -> incidents.id",
        "incident_updates.incident_id -> incidents.id",
        "incidents.severity_id -> severities.id",
        "incidents.incident_status_id -> incident_statuses.id",
        "custom_field_options.custom_field_id -> custom_fields.id",
        "follow_ups.incident_id -> incidents.id",
        "catalog_entries.catalog_type_id -> catalog_types.id",
        "workflow_runs.workflow_id -> workflows.id",
        "schedule_entries.schedule_id -> schedules.id")), catalogKeys.toString());
    assertEquals(catalogKeys, foreignKeys);
    assertTrue(tables.get("incidents").getColumns().get(0).isPartOfPrimaryKey());
  }
}
