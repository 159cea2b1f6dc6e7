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
 * @param scopes the filters every list request of the table sends, so that the API returns every
 *     row the table holds (it leaves some out unless asked)
 */
public record TableDef(
    String name,
    String path,
    String itemsField,
    int maxPageSize,
    boolean pageSizeRequired,
    String remarks,
    List<ColumnDef> columns,
    List<Scope> scopes) {

  public TableDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(itemsField, "itemsField");
    Objects.requireNonNull(remarks, "remarks");
    columns = List.copyOf(columns);
    scopes = List.copyOf(scopes);
  }

  /**
   * A filter parameter sent with every list request, {@code field[one_of]} with each value the
   * table holds, because the API's default leaves rows out; a query's own {@code one_of} on the
   * field narrows the list. Whether the API applies it with AND or makes it one more disjunct
   * under {@code filter_mode=any} is undocumented, so an OR sent beside it is checked again
   * locally, and so is the scope (a row outside it is not a row of the table).
   *
   * @param field the API's field, e.g. {@code mode}
   * @param column the column that holds the field's value, e.g. {@code mode}
   * @param values every value the table holds, in the order they are sent
   */
  public record Scope(String field, String column, List<String> values) {
    public Scope {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(column, "column");
      values = List.copyOf(values);
    }
  }

  /** Returns the scope on the API field, or null when the table sends none on it. */
  public Scope scope(String field) {
    for (Scope s : scopes) {
      if (s.field().equals(field)) {
        return s;
      }
    }
    return null;
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
