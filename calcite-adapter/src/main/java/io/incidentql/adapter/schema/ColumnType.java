package io.incidentql.adapter.schema;

import org.apache.calcite.sql.type.SqlTypeName;

/** Column type of a table column, with the SQL type it appears as. */
public enum ColumnType {
  /** A JSON string. */
  VARCHAR(SqlTypeName.VARCHAR),
  /** A JSON integer ({@code format: int64}). */
  BIGINT(SqlTypeName.BIGINT),
  /** A JSON number that may have a fraction. */
  DOUBLE(SqlTypeName.DOUBLE),
  /** A JSON boolean. */
  BOOLEAN(SqlTypeName.BOOLEAN),
  /** A JSON string with {@code format: date-time}; an instant, shown as a UTC timestamp. */
  TIMESTAMP(SqlTypeName.TIMESTAMP),
  /** A JSON array or object kept whole, as JSON text. */
  JSON(SqlTypeName.VARCHAR);

  private final SqlTypeName sqlType;

  ColumnType(SqlTypeName sqlType) {
    this.sqlType = sqlType;
  }

  public SqlTypeName sqlType() {
    return sqlType;
  }
}
