package io.incidentql.adapter.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Definition of one table, as data: the endpoint that serves it, how it pages, what every request
 * sends, how a row is fetched by key, and its columns with their capabilities. Rules, metadata,
 * docs and the executor read it; none of them names a table or a column.
 *
 * @param name table name (the endpoint's name, e.g. {@code incident_updates})
 * @param path the list endpoint's path, e.g. {@code /v2/incident_updates}
 * @param itemsField the field of the list response that holds the rows, e.g. {@code incident_updates}
 * @param maxPageSize the largest {@code page_size} the endpoint accepts, or 0 when it does not
 *     page and returns every row in one response
 * @param pageSizeRequired whether the endpoint refuses a request without {@code page_size} (the
 *     driver sends one on every paged request anyway)
 * @param remarks a description of the table
 * @param columns the columns, in order
 * @param scopes the filters every list request of the table sends, so that the API returns every
 *     row the table holds (it leaves some out unless asked)
 * @param fixedParams plain parameters every list request sends, for the same reason
 * @param show the endpoint that returns one row by key, or null
 * @param sorts the orders the API can return the rows in
 * @param countable whether a list response carries {@code pagination_meta.total_record_count}
 * @param primaryKey the column that identifies a row, or null
 * @param windowColumn the timestamp column whose date filter splits a long scan into windows read
 *     in parallel, or null
 * @param anyFilterMode whether the endpoint takes {@code filter_mode=any}, which ORs its filters
 * @param parent the key every request must carry, taken from another table's rows, or null
 * @param child for a table read from an array of another table's rows, where it is; else null
 * @param entryWindow the window of time every request asks for, or null
 *
 * <p>It is over 400 lines because it holds the catalog's vocabulary (scopes, show paths, sort keys,
 * parent keys, child tables) with the builder that writes entries in it.
 */
public record TableDef(
    String name,
    String path,
    String itemsField,
    int maxPageSize,
    boolean pageSizeRequired,
    String remarks,
    List<ColumnDef> columns,
    List<Scope> scopes,
    List<FixedParam> fixedParams,
    Show show,
    List<SortKey> sorts,
    boolean countable,
    String primaryKey,
    String windowColumn,
    boolean anyFilterMode,
    ParentKey parent,
    Child child,
    EntryWindow entryWindow) {

  public TableDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(itemsField, "itemsField");
    Objects.requireNonNull(remarks, "remarks");
    columns = List.copyOf(columns);
    scopes = List.copyOf(scopes);
    fixedParams = List.copyOf(fixedParams);
    sorts = List.copyOf(sorts);
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

  /**
   * A plain parameter sent with every list request, such as {@code include_inactive=true}. With
   * several values, each is a request sequence of its own and the table holds the rows of all:
   * for a parameter the API takes one value of at a time, such as {@code incident_mode}.
   *
   * @param name the parameter
   * @param values its values, one request sequence each
   */
  public record FixedParam(String name, List<String> values) {
    public FixedParam {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
    }

    /** A parameter with one value. */
    public FixedParam(String name, String value) {
      this(name, List.of(value));
    }
  }

  /**
   * The endpoint that returns one row: {@code GET <path>/{id}}, the row under {@code field}.
   *
   * @param path the list path's counterpart without the id, e.g. {@code /v2/incidents}
   * @param field the response field that holds the row, e.g. {@code incident}
   */
  public record Show(String path, String field) {
    public Show {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * An order the API returns rows in: by one column, ascending with nulls last or descending with
   * nulls first, asked for with {@code sort_by}.
   *
   * @param column the column the rows are ordered by
   * @param ascending the {@code sort_by} value for ascending order
   * @param descending the {@code sort_by} value for descending order
   */
  public record SortKey(String column, String ascending, String descending) {}

  /**
   * A key every list request must carry, one request sequence per value: the endpoint refuses a
   * request without it. Given in WHERE, its values are sent; otherwise the parent table is read
   * first and each of its keys is sent.
   *
   * @param column this table's column that holds the key, whose filter is {@code EQUALS}
   * @param table the parent table, whose primary key the values are
   */
  public record ParentKey(String column, String table, boolean fromRequest) {
    /** A key the rows carry themselves. */
    public ParentKey(String column, String table) {
      this(column, table, false);
    }
  }

  /**
   * A window of time every list request asks for, in two plain parameters, such as
   * {@code /v2/schedule_entries}' {@code entry_window_start} and {@code entry_window_end}: the
   * endpoint returns the rows whose span overlaps the window. Bounds in WHERE on the table's
   * date-filtered columns (their {@link ColumnFilter#dates} capability) set it: the largest lower
   * bound becomes the start, the smallest upper bound the end, each widened by one more day than
   * the dates' outward rounding so that a row touching a bound is not lost, and swapped if the
   * start comes after the end (a row spanning the whole gap overlaps it). Without a bound, the
   * window starts {@code daysBefore} days before today (UTC) or ends {@code daysAfter} days after
   * it. The predicates are always checked again locally. The next page's cursor is sent in the
   * start parameter, as the endpoint asks.
   *
   * @param startParam the parameter holding the window's start, e.g. {@code entry_window_start}
   * @param endParam the parameter holding its end
   * @param daysBefore days before today the window starts without a lower bound
   * @param daysAfter days after today the window ends without an upper bound
   */
  public record EntryWindow(String startParam, String endParam, int daysBefore, int daysAfter) {
    public EntryWindow {
      Objects.requireNonNull(startParam, "startParam");
      Objects.requireNonNull(endParam, "endParam");
    }
  }

  /**
   * Marker of a JSON path step into the elements of an array: a child table's column whose path
   * starts with it is read from an element of the parent's array, one with two from an element of
   * that element's inner array; any other column is read from the parent row itself.
   */
  public static final String ELEMENT = "[]";

  /**
   * Where a child table's rows come from: the elements of an array of each row of another table,
   * read from that table's requests and responses, with the parent's columns a query filters on
   * carried along so that those filters reach the parent's requests.
   *
   * @param parentTable the table whose rows hold the array
   * @param arrayColumn the parent's JSON column that holds it
   * @param innerArray a field of each element holding an inner array, one row per inner element
   *     (an element whose inner array is empty or absent gives no row), or null for one row per
   *     element
   * @param innerFallback a field of each element read as its single inner element when the inner
   *     array is absent, or null
   */
  public record Child(String parentTable, String arrayColumn, String innerArray, String innerFallback) {}

  /** Whether the endpoint pages; one that does not returns every row in one response. */
  public boolean paged() {
    return maxPageSize > 0;
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

  /** Returns the named column; fails if there is none, which is a defect of the catalog. */
  public ColumnDef column(String columnName) {
    int i = columnIndex(columnName);
    if (i < 0) {
      throw new IllegalStateException("table " + name + " has no column " + columnName);
    }
    return columns.get(i);
  }

  /** Returns the index of the primary key column, or -1. */
  public int primaryKeyIndex() {
    return primaryKey == null ? -1 : columnIndex(primaryKey);
  }

  /** Returns the JSON field holding the primary key of a row, or null. */
  public String primaryKeyField() {
    return primaryKey == null ? null : String.join(".", column(primaryKey).path());
  }

  /** Returns the sort key on the column at {@code index}, or null. */
  public SortKey sortOn(int index) {
    String column = columns.get(index).name();
    for (SortKey s : sorts) {
      if (s.column().equals(column)) {
        return s;
      }
    }
    return null;
  }

  /** Returns a builder of a table. */
  public static Builder builder(String name, String path, String itemsField) {
    return new Builder(name, path, itemsField);
  }

  /** Builder of a {@link TableDef}, one catalog entry. */
  public static final class Builder {
    private final String name;
    private final String path;
    private final String itemsField;
    private int maxPageSize;
    private boolean pageSizeRequired;
    private String remarks = "";
    private final List<ColumnDef> columns = new ArrayList<>();
    private final List<Scope> scopes = new ArrayList<>();
    private final List<FixedParam> fixedParams = new ArrayList<>();
    private Show show;
    private final List<SortKey> sorts = new ArrayList<>();
    private boolean countable;
    private String primaryKey;
    private String windowColumn;
    private boolean anyFilterMode;
    private ParentKey parent;
    private Child child;
    private EntryWindow entryWindow;

    private Builder(String name, String path, String itemsField) {
      this.name = name;
      this.path = path;
      this.itemsField = itemsField;
    }

    /** Pages of at most {@code max} rows; {@code required}: the endpoint refuses none. */
    public Builder pages(int max, boolean required) {
      this.maxPageSize = max;
      this.pageSizeRequired = required;
      return this;
    }

    public Builder remarks(String text) {
      this.remarks = text;
      return this;
    }

    public Builder columns(List<ColumnDef> list) {
      columns.addAll(list);
      return this;
    }

    public Builder scope(Scope s) {
      scopes.add(s);
      return this;
    }

    /**
     * Every list request sends {@code name=value}; given several values, one request sequence
     * per value.
     */
    public Builder always(String name, String... values) {
      fixedParams.add(new FixedParam(name, List.of(values)));
      return this;
    }

    public Builder show(String showPath, String field) {
      this.show = new Show(showPath, field);
      return this;
    }

    public Builder sort(String column, String ascending, String descending) {
      sorts.add(new SortKey(column, ascending, descending));
      return this;
    }

    /** The list responses carry {@code total_record_count}. */
    public Builder countable() {
      this.countable = true;
      return this;
    }

    public Builder primaryKey(String column) {
      this.primaryKey = column;
      return this;
    }

    public Builder windows(String column) {
      this.windowColumn = column;
      return this;
    }

    public Builder anyFilterMode() {
      this.anyFilterMode = true;
      return this;
    }

    /** The column's predicates reach the API as {@code f} says. */
    public Builder filter(String column, ColumnFilter f) {
      int i = index(column);
      columns.set(i, columns.get(i).withFilter(f));
      return this;
    }

    /** The column holds the primary key of {@code table}. */
    public Builder references(String column, String table) {
      int i = index(column);
      columns.set(i, columns.get(i).withReference(table));
      return this;
    }

    /** Every request carries the column's value, taken from {@code table}'s keys if not given. */
    public Builder parent(String column, String table) {
      references(column, table);
      filter(column, ColumnFilter.equalsParam(column));
      this.parent = new ParentKey(column, table);
      return this;
    }

    /**
     * Makes this a child table of {@code parentDef}: read through the parent's endpoint (its path,
     * pages, scopes, fixed parameters and show path), one row per element of its
     * {@code arrayColumn} (or per inner element, see {@link Child}).
     */
    public Builder childOf(TableDef parentDef, String arrayColumn, String innerArray, String fallback) {
      parentDef.column(arrayColumn);
      this.child = new Child(parentDef.name(), arrayColumn, innerArray, fallback);
      this.maxPageSize = parentDef.maxPageSize();
      this.pageSizeRequired = parentDef.pageSizeRequired();
      this.scopes.addAll(parentDef.scopes());
      this.fixedParams.addAll(parentDef.fixedParams());
      this.show = parentDef.show();
      return this;
    }

    /**
     * Adds a column of the parent row under another name, with the parent's filter, so that a
     * predicate on it reaches the parent's request; a parent's key column refers to the parent.
     */
    public Builder carry(TableDef parentDef, String column, String as) {
      ColumnDef c = parentDef.column(column);
      ColumnDef carried = new ColumnDef(as, c.type(), c.path(), c.remarks(), c.required(), c.filter(),
          column.equals(parentDef.primaryKey()) ? parentDef.name() : c.references());
      columns.add(carried);
      return this;
    }

    /**
     * Adds a column read from each element of the child's array at the dotted {@code path}, or,
     * with {@code inner}, from each element of the element's inner array.
     */
    public Builder element(String name, String path, boolean inner, ColumnType type, boolean required,
        String remarks) {
      List<String> steps = new ArrayList<>();
      steps.add(ELEMENT);
      if (inner) {
        steps.add(ELEMENT);
      }
      steps.addAll(List.of(path.split("\\.")));
      columns.add(new ColumnDef(name, type, steps, remarks, required, null, null));
      return this;
    }

    /**
     * Every request carries the column's value, taken from {@code table}'s keys if not given; the
     * rows do not hold it, so each row's value is the one its request sent.
     */
    public Builder parentInRequest(String column, String table) {
      parent(column, table);
      this.parent = new ParentKey(column, table, true);
      return this;
    }

    /** Every request asks for a window of time; see {@link EntryWindow}. */
    public Builder entryWindow(EntryWindow window) {
      this.entryWindow = window;
      return this;
    }

    private int index(String column) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(column)) {
          return i;
        }
      }
      throw new IllegalStateException("table " + name + " has no column " + column);
    }

    public TableDef build() {
      return new TableDef(name, path, itemsField, maxPageSize, pageSizeRequired, remarks, columns,
          scopes, fixedParams, show, sorts, countable, primaryKey, windowColumn, anyFilterMode, parent,
          child, entryWindow);
    }
  }
}
