package io.incidentql.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.BitSet;
import java.util.Calendar;

/**
 * Binder of a prepared statement's parameters that converts each value to the type the query
 * gives its parameter, as JDBC's conversion tables allow, before the engine sees it.
 *
 * <p>{@link JdbcProxy} calls a method of this class in place of the engine statement's setter of
 * the same signature. The engine itself takes only the Java class that its type maps to (a
 * {@code Long} for a BIGINT, a {@code Timestamp} for a TIMESTAMP) and fails late with a cast error
 * on anything else; here a {@code LocalDateTime}, an {@code Instant}, text or a number of another
 * width is converted, or refused at once with SQLState 22018 (22007 for a bad datetime). See
 * {@link JdbcValues} for what a value without a zone means. A calendar passed with a timestamp is
 * not used: the timestamp's instant is the value.
 *
 * <p>It also remembers which parameters are set, so that executing with one unset fails with a
 * message naming it.
 */
public final class IncidentIoParameters {
  private final PreparedStatement target;
  private final BitSet bound = new BitSet();
  private int[] types;

  IncidentIoParameters(PreparedStatement target) {
    this.target = target;
  }

  public void setObject(int i, Object x) throws SQLException {
    bind(i, x, null);
  }

  /** The target type is a hint: the value is converted to the parameter's own type. */
  public void setObject(int i, Object x, int targetSqlType) throws SQLException {
    bind(i, x, null);
  }

  public void setObject(int i, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    bind(i, x, null);
  }

  public void setObject(int i, Object x, SQLType targetSqlType) throws SQLException {
    bind(i, x, null);
  }

  public void setObject(int i, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    bind(i, x, null);
  }

  public void setString(int i, String x) throws SQLException {
    bind(i, x, null);
  }

  public void setNString(int i, String x) throws SQLException {
    bind(i, x, null);
  }

  public void setTimestamp(int i, Timestamp x) throws SQLException {
    bind(i, x, null);
  }

  public void setTimestamp(int i, Timestamp x, Calendar calendar) throws SQLException {
    bind(i, x, calendar);
  }

  public void setDate(int i, Date x) throws SQLException {
    bind(i, x, null);
  }

  public void setDate(int i, Date x, Calendar calendar) throws SQLException {
    bind(i, x, calendar);
  }

  public void setTime(int i, Time x) throws SQLException {
    bind(i, x, null);
  }

  public void setTime(int i, Time x, Calendar calendar) throws SQLException {
    bind(i, x, calendar);
  }

  public void setLong(int i, long x) throws SQLException {
    bind(i, x, null);
  }

  public void setInt(int i, int x) throws SQLException {
    bind(i, x, null);
  }

  public void setShort(int i, short x) throws SQLException {
    bind(i, x, null);
  }

  public void setByte(int i, byte x) throws SQLException {
    bind(i, x, null);
  }

  public void setDouble(int i, double x) throws SQLException {
    bind(i, x, null);
  }

  public void setFloat(int i, float x) throws SQLException {
    bind(i, x, null);
  }

  public void setBigDecimal(int i, BigDecimal x) throws SQLException {
    bind(i, x, null);
  }

  public void setBoolean(int i, boolean x) throws SQLException {
    bind(i, x, null);
  }

  public void setNull(int i, int sqlType) throws SQLException {
    target.setNull(i, sqlType);
    bound.set(i);
  }

  public void setNull(int i, int sqlType, String typeName) throws SQLException {
    target.setNull(i, sqlType, typeName);
    bound.set(i);
  }

  public void clearParameters() throws SQLException {
    target.clearParameters();
    bound.clear();
  }

  /** Records that a setter this class does not convert for (bytes, streams) set parameter i. */
  void noteBound(int i) {
    bound.set(i);
  }

  /**
   * Fails, with SQLState 07001, when a parameter is not set; the engine would fail later with
   * an error that does not say which.
   */
  void checkAllBound() throws SQLException {
    int count = types().length;
    int missing = bound.nextClearBit(1);
    if (missing <= count) {
      throw new SQLException("Parameter " + missing + " of " + count + " is not set: bind every ?"
          + " (setObject, setString, setNull...) before executing", "07001");
    }
  }

  private void bind(int i, Object x, Calendar calendar) throws SQLException {
    if (x == null) {
      setNull(i, type(i));
      return;
    }
    int type = type(i);
    String what = "parameter " + i + " (" + typeName(type) + ")";
    switch (type) {
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE: {
        Instant instant = JdbcValues.toInstant(x, what);
        Timestamp ts = new Timestamp(instant.toEpochMilli());
        // Written in UTC, the zone the columns and TIMESTAMP literals are in.
        target.setTimestamp(i, ts, JdbcValues.utc());
        break;
      }
      case Types.DATE:
        target.setDate(i, JdbcValues.engineDate(JdbcValues.toLocalDate(x, calendar, what)),
            JdbcValues.utc());
        break;
      case Types.TIME:
        target.setTime(i, JdbcValues.engineTime(JdbcValues.toLocalTime(x, calendar, what)),
            JdbcValues.utc());
        break;
      case Types.BIGINT:
        target.setLong(i, JdbcValues.toLong(x, what));
        break;
      case Types.INTEGER:
        target.setInt(i, (int) JdbcValues.inRange(JdbcValues.toLong(x, what), Integer.MIN_VALUE,
            Integer.MAX_VALUE, x, what));
        break;
      case Types.SMALLINT:
        target.setShort(i, (short) JdbcValues.inRange(JdbcValues.toLong(x, what), Short.MIN_VALUE,
            Short.MAX_VALUE, x, what));
        break;
      case Types.TINYINT:
        target.setByte(i, (byte) JdbcValues.inRange(JdbcValues.toLong(x, what), Byte.MIN_VALUE,
            Byte.MAX_VALUE, x, what));
        break;
      case Types.DOUBLE:
      case Types.FLOAT:
        target.setDouble(i, JdbcValues.toDouble(x, what));
        break;
      case Types.REAL:
        target.setFloat(i, (float) JdbcValues.toDouble(x, what));
        break;
      case Types.DECIMAL:
      case Types.NUMERIC:
        target.setBigDecimal(i, JdbcValues.toBigDecimal(x, what));
        break;
      case Types.BOOLEAN:
      case Types.BIT:
        target.setBoolean(i, JdbcValues.toBoolean(x, what));
        break;
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
        target.setString(i, JdbcValues.toText(x, what));
        break;
      default:
        target.setObject(i, x);
        break;
    }
    bound.set(i);
  }


  private int type(int i) throws SQLException {
    int[] t = types();
    if (i < 1 || i > t.length) {
      throw new SQLException("Parameter index " + i + " is out of range: the statement has "
          + t.length + " parameter" + (t.length == 1 ? "" : "s"), "07009");
    }
    return t[i - 1];
  }

  private int[] types() throws SQLException {
    if (types == null) {
      ParameterMetaData md = target.getParameterMetaData();
      int[] t = new int[md.getParameterCount()];
      for (int i = 0; i < t.length; i++) {
        t[i] = md.getParameterType(i + 1);
      }
      types = t;
    }
    return types;
  }

  private static String typeName(int type) {
    try {
      return java.sql.JDBCType.valueOf(type).getName();
    } catch (IllegalArgumentException e) {
      return "type " + type;
    }
  }
}
