package io.incidentql.jdbc;

import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.util.List;

/**
 * Catalog of the tables' keys as metadata clients see them: {@code id} is every table's primary
 * key, and the link tables refer to {@code alerts} and {@code incidents} by id.
 *
 * <p>The API enforces none of this (it is read only, and a link may name an incident the key
 * cannot see); the keys tell clients how the tables join, which is what they draw and complete.
 */
final class IncidentIoKeys {
  /** Name of each table's primary-key column. */
  static final String PRIMARY_KEY_COLUMN = "id";

  /** A reference from a column of one table to the primary key of another. */
  record ForeignKey(String table, String column, String referencedTable) {
    String name() {
      return "fk_" + table + "_" + column;
    }

    String referencedColumn() {
      return PRIMARY_KEY_COLUMN;
    }
  }

  /** The references between tables, ordered by referenced table then referring table. */
  static final List<ForeignKey> FOREIGN_KEYS =
      List.of(
          new ForeignKey("incident_alerts", "alert_id", "alerts"),
          new ForeignKey("incident_alerts", "incident_id", "incidents"),
          new ForeignKey("incident_updates", "incident_id", "incidents"));

  private IncidentIoKeys() {}

  static String primaryKeyName(String table) {
    return "pk_" + table;
  }

  /** Whether the table has an {@code id} column to serve as its primary key. */
  static boolean hasPrimaryKey(TableDef table) {
    return table.columnIndex(PRIMARY_KEY_COLUMN) >= 0;
  }

  /** Returns the column definition a key names; the tests check that each one exists. */
  static ColumnDef column(String table, String column) {
    TableDef def = IncidentIoTables.byName(table);
    int i = def.columnIndex(column);
    if (i < 0) {
      throw new IllegalStateException("table " + table + " has no column " + column);
    }
    return def.columns().get(i);
  }
}
