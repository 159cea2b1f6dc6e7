package io.incidentql.adapter.schema;

import java.util.List;
import java.util.Objects;

/**
 * Definition of one table column: its name, type, where its value sits in the API's JSON object,
 * the API's description of the field, and what the catalog says about it (how its predicates
 * reach the API, which table it refers to).
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
 * @param filter how the column's predicates reach the API, or null when they stay local
 * @param references the table whose primary key the column holds, or null
 */
public record ColumnDef(
    String name,
    ColumnType type,
    List<String> path,
    String remarks,
    boolean required,
    ColumnFilter filter,
    String references) {

  public ColumnDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    path = List.copyOf(path);
    Objects.requireNonNull(remarks, "remarks");
  }

  /** Creates a column from a dotted JSON path such as {@code "incident_status.category"}. */
  public static ColumnDef of(String dottedPath, ColumnType type, boolean required, String remarks) {
    List<String> path = List.of(dottedPath.split("\\."));
    return new ColumnDef(String.join("_", path), type, path, remarks, required, null, null);
  }

  /** Returns this column with the given filter capability. */
  public ColumnDef withFilter(ColumnFilter f) {
    return new ColumnDef(name, type, path, remarks, required, f, references);
  }

  /** Returns this column as a reference to the primary key of {@code table}. */
  public ColumnDef withReference(String table) {
    return new ColumnDef(name, type, path, remarks, required, filter, table);
  }

  /** Returns this column with another requirement flag. */
  public ColumnDef withRequired(boolean r) {
    return new ColumnDef(name, type, path, remarks, r, filter, references);
  }
}
