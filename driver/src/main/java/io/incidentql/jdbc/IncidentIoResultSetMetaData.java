package io.incidentql.jdbc;

import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Answers to the {@link ResultSetMetaData} calls whose engine answers disagree with the table
 * catalog and {@code DatabaseMetaData.getColumns}: the size of a VARCHAR or TIMESTAMP column, and
 * whether a column the API always fills can be NULL.
 *
 * <p>{@link JdbcProxy} calls a method of this class in place of the engine's method of the same
 * signature; reporting tools size their columns from these.
 */
public final class IncidentIoResultSetMetaData {
  /** Length of "yyyy-mm-dd hh:mm:ss.fff": milliseconds are the fraction kept. */
  static final int TIMESTAMP_SIZE = 23;

  private final ResultSetMetaData target;

  IncidentIoResultSetMetaData(ResultSetMetaData target) {
    this.target = target;
  }

  public int getPrecision(int column) throws SQLException {
    return size(column, target.getPrecision(column));
  }

  public int getColumnDisplaySize(int column) throws SQLException {
    return size(column, target.getColumnDisplaySize(column));
  }

  /** NO NULLS for a column read straight from a table whose API field is always there. */
  public int isNullable(int column) throws SQLException {
    int engine = target.isNullable(column);
    if (engine != ResultSetMetaData.columnNullable) {
      return engine;
    }
    ColumnDef c = origin(column);
    return c != null && c.required() ? ResultSetMetaData.columnNoNulls : engine;
  }

  private int size(int column, int engine) throws SQLException {
    switch (target.getColumnType(column)) {
      case Types.VARCHAR:
        // Unbounded text: the size getColumns reports.
        return engine > 0 ? engine : IncidentIoDatabaseMetaData.VARCHAR_SIZE;
      case Types.TIMESTAMP:
        return TIMESTAMP_SIZE;
      default:
        return engine;
    }
  }

  /** The catalog column this result column is read from unchanged, if the engine says so. */
  private ColumnDef origin(int column) throws SQLException {
    String table = target.getTableName(column);
    String name = target.getColumnName(column);
    if (table == null || table.isEmpty() || name == null) {
      return null;
    }
    for (TableDef t : IncidentIoTables.all()) {
      if (t.name().equalsIgnoreCase(table)) {
        for (ColumnDef c : t.columns()) {
          if (c.name().equalsIgnoreCase(name)) {
            return c;
          }
        }
      }
    }
    return null;
  }
}
