package io.incidentql.api;

import io.incidentql.grammar.NameSuggester;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Row of a query result, with typed getters by column name (ignoring case) or by position in the
 * select list, counted from 0.
 *
 * <p>Getters return boxed values, null for SQL NULL. Values are String (VARCHAR, JSON text), Long
 * (BIGINT, COUNT), Double (DOUBLE), BigDecimal (DECIMAL, such as AVG of a DOUBLE), Boolean and
 * Instant (TIMESTAMP, which is UTC).
 */
public final class Row {
  /** Names and types of a result's columns, shared by its rows. */
  record Columns(List<String> names, List<String> typeNames, Map<String, Integer> index) {
    Columns(List<String> names, List<String> typeNames) {
      this(List.copyOf(names), List.copyOf(typeNames), indexOf(names));
    }

    private static Map<String, Integer> indexOf(List<String> names) {
      Map<String, Integer> index = new HashMap<>();
      // The first of two equal names wins, as in JDBC; an exact match beats one ignoring case.
      for (int i = 0; i < names.size(); i++) {
        index.putIfAbsent(names.get(i), i);
      }
      for (int i = 0; i < names.size(); i++) {
        index.putIfAbsent(names.get(i).toLowerCase(Locale.ROOT), i);
      }
      return Map.copyOf(index);
    }

    int find(String name) {
      Integer i = index.get(name);
      if (i == null) {
        i = index.get(name.toLowerCase(Locale.ROOT));
      }
      return i == null ? -1 : i;
    }

    int require(String name) {
      int i = find(name);
      if (i < 0) {
        String hint = NameSuggester.nearest(name, names).map(n -> "; did you mean '" + n + "'?").orElse("");
        throw new IllegalArgumentException("No column '" + name + "' in the result" + hint + " (columns: "
            + String.join(", ", names) + ")");
      }
      return i;
    }
  }

  private final Columns columns;
  private final Object[] values;

  Row(Columns columns, Object[] values) {
    this.columns = columns;
    this.values = values;
  }

  /** The names of the columns, in select-list order. */
  public List<String> columns() {
    return columns.names();
  }

  public int size() {
    return values.length;
  }

  public Object getObject(int index) {
    checkIndex(index);
    return values[index];
  }

  public Object getObject(String column) {
    return values[columns.require(column)];
  }

  public String getString(int index) {
    Object v = getObject(index);
    return v == null ? null : v.toString();
  }

  public String getString(String column) {
    return getString(columns.require(column));
  }

  /** Reads an integer column; a fractional number is refused rather than cut. */
  public Long getLong(int index) {
    Object v = getObject(index);
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof Number n) {
      try {
        return new BigDecimal(n.toString()).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        throw mismatch(index, "long");
      }
    }
    throw mismatch(index, "long");
  }

  public Long getLong(String column) {
    return getLong(columns.require(column));
  }

  public Double getDouble(int index) {
    Object v = getObject(index);
    if (v == null || v instanceof Double) {
      return (Double) v;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw mismatch(index, "double");
  }

  public Double getDouble(String column) {
    return getDouble(columns.require(column));
  }

  public Boolean getBoolean(int index) {
    Object v = getObject(index);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    throw mismatch(index, "boolean");
  }

  public Boolean getBoolean(String column) {
    return getBoolean(columns.require(column));
  }

  /** Reads a TIMESTAMP column as the instant it denotes (the API's timestamps are UTC). */
  public Instant getInstant(int index) {
    Object v = getObject(index);
    if (v == null || v instanceof Instant) {
      return (Instant) v;
    }
    throw mismatch(index, "Instant");
  }

  public Instant getInstant(String column) {
    return getInstant(columns.require(column));
  }

  /** Maps this row onto a record, as {@link QueryResult#as(Class)} does. */
  public <R extends Record> R as(Class<R> type) {
    return new RecordMapper<>(type, columns).map(this);
  }

  Object[] values() {
    return values;
  }

  String typeName(int index) {
    return columns.typeNames().get(index);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= values.length) {
      throw new IndexOutOfBoundsException("Column index " + index + " is outside 0.." + (values.length - 1)
          + " (indexes count from 0)");
    }
  }

  private IncidentQlException mismatch(int index, String wanted) {
    return new IncidentQlException("Column '" + columns.names().get(index) + "' is " + typeName(index)
        + " (value " + values[index] + "), which cannot be read as " + wanted);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Row{");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ", ").append(columns.names().get(i)).append('=').append(values[i]);
    }
    return b.append('}').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && r.columns.names().equals(columns.names()) && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }
}
