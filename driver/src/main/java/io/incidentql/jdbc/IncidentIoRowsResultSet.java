package io.incidentql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Result set over rows held in memory, read-only and forward-only: the answer of a
 * {@link java.sql.DatabaseMetaData} call, built without asking the engine or the API.
 *
 * <p>It implements the reading side of the interface that metadata clients use (cursor movement,
 * typed getters, {@code wasNull}, {@code findColumn}, {@code getMetaData}); anything else fails
 * with {@link SQLFeatureNotSupportedException}, as the methods of a read-only cursor may.
 */
final class IncidentIoRowsResultSet implements InvocationHandler {
  /** Column of a metadata result: its name and {@link Types} code. */
  record Column(String name, int type) {}

  private final List<Column> columns;
  private final List<Object[]> rows;
  private int row = -1;
  private boolean wasNull;
  private boolean closed;

  private IncidentIoRowsResultSet(List<Column> columns, List<Object[]> rows) {
    this.columns = List.copyOf(columns);
    this.rows = new ArrayList<>(rows);
  }

  /** Returns a result set over the rows; each row has one value per column, null for NULL. */
  static ResultSet of(List<Column> columns, List<Object[]> rows) {
    for (Object[] r : rows) {
      if (r.length != columns.size()) {
        throw new IllegalArgumentException("row of " + r.length + " values for " + columns.size() + " columns");
      }
    }
    return (ResultSet)
        Proxy.newProxyInstance(
            IncidentIoRowsResultSet.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            new IncidentIoRowsResultSet(columns, rows));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int argc = args == null ? 0 : args.length;
    switch (name) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "IncidentQL metadata ResultSet (" + rows.size() + " rows)";
      case "close":
        closed = true;
        return null;
      case "isClosed":
        return closed;
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("not a wrapper for " + args[0], "HY000");
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy);
      default:
        break;
    }
    if (closed) {
      throw new SQLException("the result set is closed", "HY010");
    }
    switch (name) {
      case "next":
        if (row < rows.size()) {
          row++;
        }
        return row < rows.size();
      case "getMetaData":
        return metaData();
      case "findColumn":
        return findColumn((String) args[0]);
      case "wasNull":
        return wasNull;
      case "getStatement":
      case "getWarnings":
        return null;
      case "clearWarnings":
      case "setFetchSize":
      case "setFetchDirection":
        return null;
      case "getFetchSize":
        return 0;
      case "getFetchDirection":
        return ResultSet.FETCH_FORWARD;
      case "getType":
        return ResultSet.TYPE_FORWARD_ONLY;
      case "getConcurrency":
        return ResultSet.CONCUR_READ_ONLY;
      case "getHoldability":
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
      case "getRow":
        return row >= 0 && row < rows.size() ? row + 1 : 0;
      case "isBeforeFirst":
        return row < 0 && !rows.isEmpty();
      case "isAfterLast":
        return row >= rows.size() && !rows.isEmpty();
      case "isFirst":
        return row == 0 && !rows.isEmpty();
      case "isLast":
        return row == rows.size() - 1 && !rows.isEmpty();
      default:
        break;
    }
    if (name.startsWith("get") && argc >= 1 && (args[0] instanceof Integer || args[0] instanceof String)) {
      Object value = value(args[0]);
      wasNull = value == null;
      Class<?> wanted = argc == 2 && args[1] instanceof Class<?> c ? c : method.getReturnType();
      return convert(value, name, wanted);
    }
    throw new SQLFeatureNotSupportedException(
        "ResultSet." + name + " is not supported by a metadata result set", "0A000");
  }

  private Object value(Object columnRef) throws SQLException {
    if (row < 0 || row >= rows.size()) {
      throw new SQLException("the cursor is not on a row; call next() first", "24000");
    }
    int index = columnRef instanceof Integer i ? i : findColumn((String) columnRef);
    if (index < 1 || index > columns.size()) {
      throw new SQLException("no column " + index + "; there are " + columns.size(), "07009");
    }
    return rows.get(row)[index - 1];
  }

  private int findColumn(String label) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    throw new SQLException("no column named " + label, "42S22");
  }

  private static Object convert(Object value, String getter, Class<?> wanted) throws SQLException {
    if (getter.equals("getObject") && wanted == Object.class) {
      return value;
    }
    if (wanted == String.class) {
      return value == null ? null : value.toString();
    }
    if (wanted == boolean.class || wanted == Boolean.class) {
      if (value == null) {
        return wanted == boolean.class ? false : null;
      }
      if (value instanceof Boolean b) {
        return b;
      }
      if (value instanceof Number n) {
        return n.longValue() != 0;
      }
      return Boolean.parseBoolean(value.toString().trim());
    }
    if (Number.class.isAssignableFrom(wrap(wanted)) || wanted.isPrimitive()) {
      Number n = number(value);
      if (n == null) {
        return wanted.isPrimitive() ? zero(wanted) : null;
      }
      Class<?> w = wrap(wanted);
      if (w == Integer.class) {
        return n.intValue();
      }
      if (w == Long.class) {
        return n.longValue();
      }
      if (w == Short.class) {
        return n.shortValue();
      }
      if (w == Byte.class) {
        return n.byteValue();
      }
      if (w == Double.class) {
        return n.doubleValue();
      }
      if (w == Float.class) {
        return n.floatValue();
      }
      if (w == BigDecimal.class) {
        return new BigDecimal(n.toString());
      }
    }
    if (value == null || wanted.isInstance(value)) {
      return value;
    }
    throw new SQLException(
        "cannot read a " + value.getClass().getSimpleName() + " with " + getter, "22018");
  }

  private static Number number(Object value) throws SQLException {
    if (value == null || value instanceof Number) {
      return (Number) value;
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    try {
      return new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new SQLException("not a number: " + value, "22018", e);
    }
  }

  private static Class<?> wrap(Class<?> c) {
    if (c == int.class) {
      return Integer.class;
    }
    if (c == long.class) {
      return Long.class;
    }
    if (c == short.class) {
      return Short.class;
    }
    if (c == byte.class) {
      return Byte.class;
    }
    if (c == double.class) {
      return Double.class;
    }
    if (c == float.class) {
      return Float.class;
    }
    return c;
  }

  private static Object zero(Class<?> primitive) {
    Class<?> w = wrap(primitive);
    if (w == Integer.class) {
      return 0;
    }
    if (w == Long.class) {
      return 0L;
    }
    if (w == Short.class) {
      return (short) 0;
    }
    if (w == Byte.class) {
      return (byte) 0;
    }
    if (w == Double.class) {
      return 0d;
    }
    return 0f;
  }

  private ResultSetMetaData metaData() {
    return (ResultSetMetaData)
        Proxy.newProxyInstance(
            IncidentIoRowsResultSet.class.getClassLoader(),
            new Class<?>[] {ResultSetMetaData.class},
            (proxy, method, args) -> describe(proxy, method, args));
  }

  private Object describe(Object proxy, Method method, Object[] args) throws SQLException {
    String name = method.getName();
    switch (name) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "IncidentQL metadata ResultSetMetaData";
      case "getColumnCount":
        return columns.size();
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("not a wrapper for " + args[0], "HY000");
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy);
      default:
        break;
    }
    int i = (Integer) args[0];
    if (i < 1 || i > columns.size()) {
      throw new SQLException("no column " + i + "; there are " + columns.size(), "07009");
    }
    Column c = columns.get(i - 1);
    boolean numeric = c.type() == Types.INTEGER || c.type() == Types.SMALLINT;
    return switch (name) {
      case "getColumnName", "getColumnLabel" -> c.name();
      case "getColumnType" -> c.type();
      case "getColumnTypeName" -> typeName(c.type());
      case "getColumnClassName" -> javaClass(c.type()).getName();
      case "isNullable" -> ResultSetMetaData.columnNullableUnknown;
      case "getPrecision" -> numeric ? (c.type() == Types.INTEGER ? 10 : 5) : 0;
      case "getScale" -> 0;
      case "getColumnDisplaySize" -> numeric ? 11 : 128;
      case "getTableName", "getSchemaName", "getCatalogName" -> "";
      case "isAutoIncrement", "isCurrency", "isWritable", "isDefinitelyWritable" -> false;
      case "isCaseSensitive" -> c.type() == Types.VARCHAR;
      case "isSearchable", "isReadOnly" -> true;
      case "isSigned" -> numeric;
      default -> throw new SQLFeatureNotSupportedException(
          "ResultSetMetaData." + name + " is not supported here", "0A000");
    };
  }

  private static String typeName(int type) {
    return switch (type) {
      case Types.INTEGER -> "INTEGER";
      case Types.SMALLINT -> "SMALLINT";
      case Types.BOOLEAN -> "BOOLEAN";
      default -> "VARCHAR";
    };
  }

  private static Class<?> javaClass(int type) {
    return switch (type) {
      case Types.INTEGER -> Integer.class;
      case Types.SMALLINT -> Short.class;
      case Types.BOOLEAN -> Boolean.class;
      default -> String.class;
    };
  }
}
