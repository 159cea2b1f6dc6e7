package io.incidentql.adapter.schema;

import java.util.List;
import java.util.Objects;

/**
 * Definition of one table column: its name, type, where its value sits in the API's JSON object,
 * and the API's description of the field.
 *
 * <p>The name is derived from the JSON path by joining the field names with {@code _}: the path
 * {@code incident_status.category} gives the column {@code incident_status_category}.
 *
 * @param name column name, lower case
 * @param type column type
 * @param path field names from the row's JSON object down to the value
 * @param remarks the API's description of the field
 * @param required whether the API documents the field as always present (the column is then
 *     NOT NULL in metadata)
 */
public record ColumnDef(
    String name, ColumnType type, List<String> path, String remarks, boolean required) {

  public ColumnDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    path = List.copyOf(path);
    Objects.requireNonNull(remarks, "remarks");
  }

  /** Creates a column from a dotted JSON path such as {@code "incident_status.category"}. */
  public static ColumnDef of(String dottedPath, ColumnType type, boolean required, String remarks) {
    List<String> path = List.of(dottedPath.split("\\."));
    return new ColumnDef(String.join("_", path), type, path, remarks, required);
  }
}
