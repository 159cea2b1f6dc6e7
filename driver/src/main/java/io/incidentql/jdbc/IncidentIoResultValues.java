package io.incidentql.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Calendar;

/**
 * Reader of a result set's values as the Java classes JDBC 4.2 names for them: {@code
 * getObject(column, Class)} with {@code java.time} classes, numbers of any width and text, and
 * dates and timestamps that mean what the engine's values mean.
 *
 * <p>{@link JdbcProxy} calls a method of this class in place of the engine result set's method of
 * the same signature. It also caps the rows read at the statement's max rows. A TIMESTAMP is the API's instant whatever calendar is passed; a DATE is the
 * day, so {@code getDate(i).toLocalDate()} is that day in any JVM time zone.
 */
public final class IncidentIoResultValues {
  private final ResultSet target;
  private final long maxRows;
  private long rowsRead;
  private int[] types;

  /** {@code maxRows}: the max rows of the statement that made the result set (0: no limit). */
  IncidentIoResultValues(ResultSet target, long maxRows) {
    this.target = target;
    this.maxRows = maxRows;
  }

  /**
   * Moves to the next row, unless the statement's max rows have been read: the one place where
   * {@code setMaxRows} is enforced, for plain, prepared and DSL statements alike. The engine is
   * never told the cap (it would plan it into plain statements only); its scans learn it as a
   * hint, so that they fetch no page ahead of a reader that stops here.
   */
  public boolean next() throws SQLException {
    if (maxRows > 0 && rowsRead >= maxRows) {
      return false;
    }
    boolean moved = target.next();
    if (moved) {
      rowsRead++;
    }
    return moved;
  }

  public <T> T getObject(int column, Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject needs a class to convert to", "HY009");
    }
    Object value = convert(column, type);
    return value == null ? null : type.cast(value);
  }

  public <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(target.findColumn(label), type);
  }

  public Object getObject(int column) throws SQLException {
    switch (type(column)) {
      case Types.DATE:
        return getDate(column);
      case Types.TIME:
        return getTime(column);
      default:
        return target.getObject(column);
    }
  }

  public Object getObject(String label) throws SQLException {
    return getObject(target.findColumn(label));
  }

  /** The instant, whatever the calendar: a TIMESTAMP here is an instant, not a wall-clock time. */
  public Timestamp getTimestamp(int column, Calendar calendar) throws SQLException {
    return getTimestamp(column);
  }

  public Timestamp getTimestamp(String label, Calendar calendar) throws SQLException {
    return getTimestamp(target.findColumn(label));
  }

  public Timestamp getTimestamp(int column) throws SQLException {
    if (type(column) == Types.DATE) {
      LocalDate d = day(column);
      return d == null ? null : Timestamp.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    return target.getTimestamp(column, JdbcValues.utc());
  }

  public Timestamp getTimestamp(String label) throws SQLException {
    return getTimestamp(target.findColumn(label));
  }

  /** The day at midnight of the JVM's zone, as {@link Date#valueOf(LocalDate)} makes it. */
  public Date getDate(int column) throws SQLException {
    LocalDate d = day(column);
    return d == null ? null : Date.valueOf(d);
  }

  public Date getDate(String label) throws SQLException {
    return getDate(target.findColumn(label));
  }

  /** The day at midnight of the calendar's zone. */
  public Date getDate(int column, Calendar calendar) throws SQLException {
    LocalDate d = day(column);
    return d == null ? null
        : new Date(d.atStartOfDay(JdbcValues.zoneOf(calendar)).toInstant().toEpochMilli());
  }

  public Date getDate(String label, Calendar calendar) throws SQLException {
    return getDate(target.findColumn(label), calendar);
  }

  public Time getTime(int column) throws SQLException {
    LocalTime t = timeOfDay(column);
    return t == null ? null : Time.valueOf(t);
  }

  public Time getTime(String label) throws SQLException {
    return getTime(target.findColumn(label));
  }

  /** The day of a DATE column, or of a TIMESTAMP in UTC; null for NULL. */
  private LocalDate day(int column) throws SQLException {
    if (type(column) == Types.DATE) {
      // Read in UTC, the engine's day is its number of days since 1970-01-01.
      Date d = target.getDate(column, JdbcValues.utc());
      return d == null ? null : LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), 86_400_000L));
    }
    Instant i = instant(column);
    return i == null ? null : LocalDate.ofInstant(i, ZoneOffset.UTC);
  }

  private LocalTime timeOfDay(int column) throws SQLException {
    if (type(column) == Types.TIME) {
      Time t = target.getTime(column, JdbcValues.utc());
      return t == null ? null
          : LocalTime.ofNanoOfDay(Math.floorMod(t.getTime(), 86_400_000L) * 1_000_000L);
    }
    Instant i = instant(column);
    return i == null ? null : LocalTime.ofInstant(i, ZoneOffset.UTC);
  }

  private Instant instant(int column) throws SQLException {
    Timestamp ts = target.getTimestamp(column, JdbcValues.utc());
    return ts == null ? null : ts.toInstant();
  }

  private Object convert(int column, Class<?> type) throws SQLException {
    int sqlType = type(column);
    if (type == Object.class) {
      return getObject(column);
    }
    if (type == String.class) {
      return target.getString(column);
    }
    switch (sqlType) {
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE: {
        Instant i = instant(column);
        return i == null ? null : orFail(JdbcValues.fromInstant(i, type), sqlType, type);
      }
      case Types.DATE: {
        LocalDate d = day(column);
        return d == null ? null : orFail(JdbcValues.fromLocalDate(d, type), sqlType, type);
      }
      case Types.TIME: {
        LocalTime t = timeOfDay(column);
        if (t == null) {
          return null;
        }
        if (type == LocalTime.class) {
          return t;
        }
        if (type == Time.class) {
          return Time.valueOf(t);
        }
        throw cannotRead(sqlType, type);
      }
      default:
        break;
    }
    Object raw = target.getObject(column);
    if (raw == null) {
      return null;
    }
    if (type.isInstance(raw)) {
      return raw;
    }
    String what = "column " + column;
    if (type == Long.class) {
      return JdbcValues.toLong(raw, what);
    }
    if (type == Integer.class) {
      return (int) JdbcValues.inRange(JdbcValues.toLong(raw, what), Integer.MIN_VALUE,
          Integer.MAX_VALUE, raw, what + " read as Integer");
    }
    if (type == Short.class) {
      return (short) JdbcValues.inRange(JdbcValues.toLong(raw, what), Short.MIN_VALUE,
          Short.MAX_VALUE, raw, what + " read as Short");
    }
    if (type == Byte.class) {
      return (byte) JdbcValues.inRange(JdbcValues.toLong(raw, what), Byte.MIN_VALUE,
          Byte.MAX_VALUE, raw, what + " read as Byte");
    }
    if (type == Double.class) {
      return JdbcValues.toDouble(raw, what);
    }
    if (type == Float.class) {
      return (float) JdbcValues.toDouble(raw, what);
    }
    if (type == BigDecimal.class) {
      return JdbcValues.toBigDecimal(raw, what);
    }
    if (type == BigInteger.class) {
      return JdbcValues.toBigDecimal(raw, what).toBigInteger();
    }
    if (type == Boolean.class) {
      return JdbcValues.toBoolean(raw, what);
    }
    if (raw instanceof String s && JdbcValues.fromInstant(Instant.EPOCH, type) != null) {
      // Text to a time type: the forms a TIMESTAMP literal accepts.
      return JdbcValues.fromInstant(JdbcValues.parseTimestamp(s, what), type);
    }
    throw cannotRead(sqlType, type);
  }

  private static Object orFail(Object converted, int sqlType, Class<?> type) throws SQLException {
    if (converted == null) {
      throw cannotRead(sqlType, type);
    }
    return converted;
  }

  private static SQLException cannotRead(int sqlType, Class<?> type) {
    return new SQLFeatureNotSupportedException("Cannot read a " + java.sql.JDBCType.valueOf(sqlType)
        .getName() + " column as " + type.getName(), "0A000");
  }

  private int type(int column) throws SQLException {
    if (types == null) {
      ResultSetMetaData md = target.getMetaData();
      int[] t = new int[md.getColumnCount()];
      for (int i = 0; i < t.length; i++) {
        t[i] = md.getColumnType(i + 1);
      }
      types = t;
    }
    if (column < 1 || column > types.length) {
      throw new SQLException("Column index " + column + " is out of range: the result has "
          + types.length + " column" + (types.length == 1 ? "" : "s"), "07009");
    }
    return types[column - 1];
  }
}
