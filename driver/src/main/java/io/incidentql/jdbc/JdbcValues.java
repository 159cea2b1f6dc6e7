package io.incidentql.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Conversions between the Java values JDBC clients bind and read and the values of the engine's
 * SQL types.
 *
 * <p>A {@code TIMESTAMP} is an instant, written as its UTC wall-clock time, as the API's
 * timestamps are: values without a zone of their own ({@code LocalDateTime}, text such as
 * {@code '2024-06-01 00:00:00'}) mean UTC, exactly as a {@code TIMESTAMP} literal does, and values
 * with one ({@code Instant}, {@code OffsetDateTime}, {@code java.sql.Timestamp}) keep their instant.
 * A {@code DATE} is a day; a {@code java.sql.Date} means the day its {@code toLocalDate()} gives.
 */
public final class JdbcValues {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final TimeZone UTC_ZONE = TimeZone.getTimeZone(ZoneOffset.UTC);

  private JdbcValues() {}

  /** A new calendar in UTC, the zone the engine's TIMESTAMP values are written in. */
  public static Calendar utc() {
    return Calendar.getInstance(UTC_ZONE, Locale.ROOT);
  }

  /** The zone {@code java.sql.Date} and {@code Time} values are read in: the calendar's, or the JVM's. */
  static ZoneId zoneOf(Calendar calendar) {
    return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
  }

  // Binding: a Java value to the value of a SQL type.

  /** The instant a value means, for a TIMESTAMP. */
  static Instant toInstant(Object x, String what) throws SQLException {
    Instant instant = instantOf(x);
    if (instant != null) {
      return instant;
    }
    if (x instanceof CharSequence s) {
      return parseTimestamp(s.toString(), what);
    }
    throw cannotBind(x, what);
  }

  /**
   * The instant a Java date or time value means, or null for a value of another kind (text, a
   * number, a {@code java.sql.Time}): the one reading of such values that JDBC parameters and the
   * query DSL's named parameters share.
   */
  public static Instant instantOf(Object x) {
    if (x instanceof Instant i) {
      return i;
    }
    if (x instanceof Timestamp t) {
      return t.toInstant();
    }
    if (x instanceof java.sql.Date d) {
      // Its toInstant() throws; the day it means is the one toLocalDate() gives.
      return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (x instanceof java.sql.Time) {
      return null;
    }
    if (x instanceof java.util.Date d) {
      return d.toInstant();
    }
    if (x instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (x instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (x instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    if (x instanceof LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (x instanceof Calendar c) {
      return c.toInstant();
    }
    return null;
  }

  /** The day a value means, for a DATE; {@code calendar} is the zone of a {@code java.sql.Date}. */
  static LocalDate toLocalDate(Object x, Calendar calendar, String what) throws SQLException {
    if (x instanceof LocalDate d) {
      return d;
    }
    if (x instanceof java.sql.Date d) {
      return calendar == null
          ? d.toLocalDate()
          : Instant.ofEpochMilli(d.getTime()).atZone(zoneOf(calendar)).toLocalDate();
    }
    if (x instanceof LocalDateTime l) {
      return l.toLocalDate();
    }
    if (x instanceof CharSequence s) {
      return toInstant(s, what).atOffset(ZoneOffset.UTC).toLocalDate();
    }
    if (x instanceof java.sql.Time) {
      throw cannotBind(x, what);
    }
    return toInstant(x, what).atOffset(ZoneOffset.UTC).toLocalDate();
  }

  /** The time of day a value means, for a TIME. */
  static LocalTime toLocalTime(Object x, Calendar calendar, String what) throws SQLException {
    if (x instanceof LocalTime t) {
      return t;
    }
    if (x instanceof OffsetTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
    }
    if (x instanceof java.sql.Time t) {
      return calendar == null
          ? t.toLocalTime()
          : Instant.ofEpochMilli(t.getTime()).atZone(zoneOf(calendar)).toLocalTime();
    }
    if (x instanceof CharSequence s) {
      try {
        return LocalTime.parse(s.toString().trim());
      } catch (DateTimeParseException e) {
        throw badText(s.toString(), what, "a time such as '13:45:00'", "22007");
      }
    }
    if (x instanceof java.sql.Date || x instanceof LocalDate) {
      throw cannotBind(x, what);
    }
    return toInstant(x, what).atOffset(ZoneOffset.UTC).toLocalTime();
  }

  /** The whole number a value means, for an integer type. */
  static long toLong(Object x, String what) throws SQLException {
    if (x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte) {
      return ((Number) x).longValue();
    }
    if (x instanceof Boolean b) {
      return b ? 1 : 0;
    }
    BigDecimal d;
    try {
      if (x instanceof BigDecimal || x instanceof BigInteger || x instanceof Number) {
        d = toBigDecimal(x, what);
      } else if (x instanceof CharSequence s) {
        d = new BigDecimal(s.toString().trim());
      } else {
        throw cannotBind(x, what);
      }
    } catch (NumberFormatException e) {
      throw badText(String.valueOf(x), what, "a whole number", "22018");
    }
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw badText(String.valueOf(x), what, "a whole number", "22018");
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      // A whole number, but beyond 64 bits.
      throw badText(String.valueOf(x), what,
          "within the range of BIGINT (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")", "22003");
    }
  }

  /** Returns {@code v}, or fails with 22003 when it is outside {@code [min, max]}. */
  static long inRange(long v, long min, long max, Object x, String what) throws SQLException {
    if (v < min || v > max) {
      throw new SQLDataException(x + " is out of range for " + what, "22003");
    }
    return v;
  }

  /** The number a value means, for an approximate or exact numeric type. */
  static BigDecimal toBigDecimal(Object x, String what) throws SQLException {
    try {
      if (x instanceof BigDecimal d) {
        return d;
      }
      if (x instanceof BigInteger i) {
        return new BigDecimal(i);
      }
      if (x instanceof Double || x instanceof Float) {
        return BigDecimal.valueOf(((Number) x).doubleValue());
      }
      if (x instanceof Number n) {
        return BigDecimal.valueOf(n.longValue());
      }
      if (x instanceof Boolean b) {
        return b ? BigDecimal.ONE : BigDecimal.ZERO;
      }
      if (x instanceof CharSequence s) {
        return new BigDecimal(s.toString().trim());
      }
    } catch (NumberFormatException e) {
      throw badText(String.valueOf(x), what, "a number", "22018");
    }
    throw cannotBind(x, what);
  }

  /** The number a value means, for DOUBLE, REAL and FLOAT. */
  static double toDouble(Object x, String what) throws SQLException {
    if (x instanceof Double || x instanceof Float) {
      return ((Number) x).doubleValue();
    }
    return toBigDecimal(x, what).doubleValue();
  }

  /** The truth a value means, for BOOLEAN. */
  static boolean toBoolean(Object x, String what) throws SQLException {
    if (x instanceof Boolean b) {
      return b;
    }
    if (x instanceof Number) {
      return toBigDecimal(x, what).signum() != 0;
    }
    if (x instanceof CharSequence s) {
      switch (s.toString().trim().toLowerCase(Locale.ROOT)) {
        case "true":
        case "1":
          return true;
        case "false":
        case "0":
          return false;
        default:
          throw badText(s.toString(), what, "true or false", "22018");
      }
    }
    throw cannotBind(x, what);
  }

  /** The text a value means, for a character type. */
  static String toText(Object x, String what) throws SQLException {
    if (x instanceof byte[] || x instanceof java.io.InputStream || x instanceof java.io.Reader
        || x instanceof java.sql.Blob || x instanceof java.sql.Clob || x instanceof java.sql.Array) {
      throw cannotBind(x, what);
    }
    if (x instanceof Enum<?> e) {
      return e.name();
    }
    if (x instanceof Timestamp t) {
      return text(t.toInstant());
    }
    if (x instanceof Instant i) {
      return text(i);
    }
    return x.toString();
  }

  /**
   * Reads a timestamp written as a SQL literal ({@code 2024-06-01 00:00:00[.fff]}) or in
   * ISO-8601 ({@code 2024-06-01T00:00:00Z}, {@code 2024-06-01T09:00:00+09:00}), or a date
   * ({@code 2024-06-01}, midnight); without a zone, the time is UTC.
   *
   * @throws SQLException with SQLState 22007 when the text is none of those
   */
  static Instant parseTimestamp(String text, String what) throws SQLException {
    Instant parsed = parseTimestampOrNull(text);
    if (parsed == null) {
      throw badText(text, what, "a timestamp such as '2024-06-01 00:00:00' or"
          + " '2024-06-01T00:00:00Z'", "22007");
    }
    return parsed;
  }

  /** As {@link #parseTimestamp}, but null when the text is not a timestamp. */
  static Instant parseTimestampOrNull(String text) {
    String s = text.trim();
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (s.length() > 10 && s.charAt(10) == ' ') {
        s = s.substring(0, 10) + 'T' + s.substring(11);
      }
      TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(
          s, ZonedDateTime::from, LocalDateTime::from);
      return t instanceof ZonedDateTime z
          ? z.toInstant()
          : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The UTC text of an instant, as the engine writes a TIMESTAMP. */
  static String text(Instant i) {
    return LocalDateTime.ofInstant(i, ZoneOffset.UTC).toString().replace('T', ' ');
  }

  // Reading: the engine's value as the class a client asks for.

  /** A TIMESTAMP's instant as the class asked for, or null when the class is not a time type. */
  static Object fromInstant(Instant i, Class<?> type) {
    if (type == Instant.class) {
      return i;
    }
    if (type == OffsetDateTime.class) {
      return i.atOffset(ZoneOffset.UTC);
    }
    if (type == ZonedDateTime.class) {
      return i.atZone(ZoneOffset.UTC);
    }
    if (type == LocalDateTime.class) {
      return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
    if (type == LocalDate.class) {
      return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
    if (type == LocalTime.class) {
      return LocalTime.ofInstant(i, ZoneOffset.UTC);
    }
    if (type == OffsetTime.class) {
      return OffsetTime.ofInstant(i, ZoneOffset.UTC);
    }
    if (type == Timestamp.class) {
      return Timestamp.from(i);
    }
    if (type == java.util.Date.class) {
      return java.util.Date.from(i);
    }
    if (type == java.sql.Date.class) {
      return java.sql.Date.valueOf(LocalDate.ofInstant(i, ZoneOffset.UTC));
    }
    if (type == Calendar.class) {
      Calendar c = utc();
      c.setTimeInMillis(i.toEpochMilli());
      return c;
    }
    return null;
  }

  /** A DATE's day as the class asked for, or null when the class is not a date type. */
  static Object fromLocalDate(LocalDate d, Class<?> type) {
    if (type == LocalDate.class) {
      return d;
    }
    if (type == java.sql.Date.class) {
      return java.sql.Date.valueOf(d);
    }
    if (type == LocalDateTime.class || type == OffsetDateTime.class || type == Instant.class
        || type == ZonedDateTime.class || type == Timestamp.class || type == java.util.Date.class) {
      return fromInstant(d.atStartOfDay(ZoneOffset.UTC).toInstant(), type);
    }
    return null;
  }

  /** The day of a DATE written as the engine keeps it: days since 1970-01-01. */
  static java.sql.Date engineDate(LocalDate d) {
    return new java.sql.Date(d.toEpochDay() * MILLIS_PER_DAY);
  }

  /** A TIME written as the engine keeps it: milliseconds since midnight. */
  static java.sql.Time engineTime(LocalTime t) {
    return new java.sql.Time(t.toNanoOfDay() / 1_000_000L);
  }

  static SQLException cannotBind(Object x, String what) {
    return new SQLDataException("Cannot use a " + x.getClass().getName() + " as " + what
        + ": bind a value of a type that converts to it (see the README's type table)", "22018");
  }

  private static SQLException badText(String text, String what, String expected, String state) {
    String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
    return new SQLDataException("'" + shown + "' is not " + expected + ", as " + what + " needs",
        state);
  }
}
