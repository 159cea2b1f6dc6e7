package io.incidentql.adapter.schema;

import java.util.List;
import java.util.Objects;

/**
 * Definition of one table: its name, the list endpoint that serves it, and its columns.
 *
 * @param name table name (the endpoint's name, e.g. {@code incident_updates})
 * @param path the list endpoint's path, e.g. {@code /v2/incident_updates}
 * @param itemsField the field of the list response that holds the rows, e.g. {@code incident_updates}
 * @param maxPageSize the largest {@code page_size} the endpoint accepts
 * @param pageSizeRequired whether the endpoint refuses a request without {@code page_size}
 * @param remarks a description of the table
 * @param columns the columns, in order
 */
public record TableDef(
    String name,
    String path,
    String itemsField,
    int maxPageSize,
    boolean pageSizeRequired,
    String remarks,
    List<ColumnDef> columns) {

  public TableDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(itemsField, "itemsField");
    Objects.requireNonNull(remarks, "remarks");
    columns = List.copyOf(columns);
  }

  /** Returns the index of the named column, or -1. */
  public int columnIndex(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    return -1;
  }
}
