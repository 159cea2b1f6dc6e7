package io.incidentql.jdbc;

import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader of the tables' keys, as metadata clients see them, from the catalog: each table's
 * primary key, and each column the catalog marks as referring to another table's.
 *
 * <p>The API enforces none of this (it is read only, and a link may name an incident the key
 * cannot see); the keys tell clients how the tables join, which is what they draw and complete.
 */
final class IncidentIoKeys {
  /** A reference from a column of one table to the primary key of another. */
  record ForeignKey(String table, String column, String referencedTable) {
    String name() {
      return "fk_" + table + "_" + column;
    }

    String referencedColumn() {
      return IncidentIoTables.byName(referencedTable).primaryKey();
    }
  }

  /** The references between tables, in catalog order. */
  static final List<ForeignKey> FOREIGN_KEYS = foreignKeys();

  private IncidentIoKeys() {}

  private static List<ForeignKey> foreignKeys() {
    List<ForeignKey> out = new ArrayList<>();
    for (TableDef t : IncidentIoTables.all()) {
      for (ColumnDef c : t.columns()) {
        if (c.references() != null) {
          out.add(new ForeignKey(t.name(), c.name(), c.references()));
        }
      }
    }
    return List.copyOf(out);
  }

  static String primaryKeyName(String table) {
    return "pk_" + table;
  }

  /** Whether the table has a primary key. */
  static boolean hasPrimaryKey(TableDef table) {
    return table.primaryKey() != null;
  }

  /** Returns the column definition a key names; the tests check that each one exists. */
  static ColumnDef column(String table, String column) {
    return IncidentIoTables.byName(table).column(column);
  }
}
