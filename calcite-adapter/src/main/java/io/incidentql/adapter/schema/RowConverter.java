package io.incidentql.adapter.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.api.internal.Text;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converter of one JSON row object into an {@code Object[]} in Calcite's internal representation,
 * column by column.
 *
 * <p>VARCHAR is a {@link String}, BIGINT a {@link Long}, DOUBLE a {@link Double}, BOOLEAN a
 * {@link Boolean}, TIMESTAMP a {@link Long} of milliseconds since the epoch of the UTC instant
 * (finer fractions are truncated), and JSON the compact JSON text of the value. A missing field,
 * a missing parent object and JSON null all give null. A scalar in a VARCHAR column is read as
 * its text; any other mismatch (a string where a number belongs, an object where a string
 * belongs) fails with an {@link ApiResponseException} that names the table, column and row id.
 *
 * <p>Paths and types are resolved once, in the constructor; instances are immutable and
 * thread-safe.
 */
public final class RowConverter {
  private final String table;
  /** Nested objects the columns read from, each after its parent: looked up once per row. */
  private final Parent[] parents;
  private final Column[] columns;

  /** Creates a converter that yields every column of the table, in order. */
  public RowConverter(TableDef table) {
    this(table, allColumns(table));
  }

  /** Creates a converter that yields only the given columns (indexes into the table), in order. */
  public RowConverter(TableDef table, int[] projection) {
    this.table = table.name();
    List<ColumnDef> defs = table.columns();
    // Objects by dotted path; the row itself is slot -1.
    Map<String, Integer> slots = new LinkedHashMap<>();
    List<Parent> parentList = new ArrayList<>();
    this.columns = new Column[projection.length];
    for (int i = 0; i < projection.length; i++) {
      ColumnDef def = defs.get(projection[i]);
      List<String> path = def.path();
      int slot = -1;
      for (int depth = 1; depth < path.size(); depth++) {
        String prefix = String.join(".", path.subList(0, depth));
        Integer known = slots.get(prefix);
        if (known == null) {
          known = parentList.size();
          parentList.add(new Parent(slot, path.get(depth - 1)));
          slots.put(prefix, known);
        }
        slot = known;
      }
      String leaf = path.get(path.size() - 1);
      columns[i] = new Column(def.name(), String.join(".", path), slot, leaf, def.type());
    }
    this.parents = parentList.toArray(new Parent[0]);
  }

  /** Returns the number of values in each converted row. */
  public int width() {
    return columns.length;
  }

  /** Converts one row object. */
  public Object[] convert(JsonNode row) {
    if (!row.isObject()) {
      throw new ApiResponseException(
          "incident.io API sent a row of table "
              + table
              + " that is not a JSON object: "
              + Json.describe(row),
          null,
          200,
          null);
    }
    // Each slot holds the object's node, null when absent, or a non-object the columns reject.
    JsonNode[] objects = parents.length == 0 ? null : new JsonNode[parents.length];
    for (int i = 0; i < parents.length; i++) {
      Parent p = parents[i];
      JsonNode parent = p.parentSlot < 0 ? row : objects[p.parentSlot];
      if (parent != null && parent.isObject()) {
        JsonNode child = parent.get(p.field);
        objects[i] = child == null || child.isNull() ? null : child;
      } else {
        // Absent stays absent; a non-object parent is passed down so its columns can report it.
        objects[i] = parent;
      }
    }
    Object[] values = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      Column column = columns[i];
      JsonNode parent = column.parentSlot < 0 ? row : objects[column.parentSlot];
      if (parent == null) {
        continue;
      }
      if (!parent.isObject()) {
        throw wrongType(row, column, "an object", firstNonObject(row, column), parent);
      }
      JsonNode node = parent.get(column.field);
      if (node != null && !node.isNull()) {
        values[i] = value(row, column, node);
      }
    }
    return values;
  }

  /** Returns the dotted path of the first object on the column's path that is not one. */
  private String firstNonObject(JsonNode row, Column column) {
    String[] path = column.path.split("\\.");
    JsonNode node = row;
    for (int i = 0; i < path.length - 1; i++) {
      node = node.get(path[i]);
      if (node == null || !node.isObject()) {
        return String.join(".", List.of(path).subList(0, i + 1));
      }
    }
    return column.path;
  }

  private Object value(JsonNode row, Column column, JsonNode node) {
    switch (column.type) {
      case VARCHAR:
        if (node.isTextual()) {
          return node.textValue();
        }
        if (node.isValueNode()) {
          return node.asText();
        }
        throw wrongType(row, column, "a string", null, node);
      case BIGINT:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.longValue();
        }
        if (node.isNumber()) {
          double d = node.doubleValue();
          // 4.0 is still the integer 4; 4.5 is not.
          if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return (long) d;
          }
        }
        throw wrongType(row, column, "an integer", null, node);
      case DOUBLE:
        if (node.isNumber()) {
          return node.doubleValue();
        }
        throw wrongType(row, column, "a number", null, node);
      case BOOLEAN:
        if (node.isBoolean()) {
          return node.booleanValue();
        }
        throw wrongType(row, column, "a boolean", null, node);
      case TIMESTAMP:
        if (node.isTextual()) {
          String text = node.textValue();
          long millis = Rfc3339.parseMillis(text);
          if (millis != Rfc3339.INVALID) {
            return millis;
          }
          try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
          } catch (DateTimeParseException | ArithmeticException e) {
            // Reported below with the column and row.
          }
        }
        throw wrongType(row, column, "an RFC 3339 date-time string", null, node);
      case JSON:
        return Json.toText(node);
      default:
        throw new AssertionError(column.type);
    }
  }

  /** Builds the error for a value of the wrong type at {@code where} (null: the column's path). */
  private ApiResponseException wrongType(
      JsonNode row, Column column, String expected, String where, JsonNode actual) {
    JsonNode id = row.isObject() ? row.get("id") : null;
    String rowId = id != null && id.isValueNode() ? Text.quote(id.asText(), 60) : "(none)";
    return new ApiResponseException(
        "incident.io API sent a value that does not fit table "
            + table
            + ", column "
            + column.name
            + " ("
            + column.type
            + "), row id "
            + rowId
            + ": expected "
            + expected
            + " at '"
            + (where != null ? where : column.path)
            + "', got "
            + Json.describe(actual),
        null,
        200,
        null);
  }

  private static int[] allColumns(TableDef table) {
    int[] all = new int[table.columns().size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /** A nested object that columns read from: {@code field} of the object in {@code parentSlot}. */
  private record Parent(int parentSlot, String field) {}

  /** A column resolved for conversion: {@code field} of the object in {@code parentSlot}. */
  private record Column(String name, String path, int parentSlot, String field, ColumnType type) {}

  /**
   * Parser of the RFC 3339 shape the API sends ({@code 2021-08-17T13:28:57.801578Z}), done by
   * hand because it runs for several columns of every row and {@code java.time} parsing costs
   * more than the rest of a row's conversion. Anything unusual is left to {@code java.time}.
   */
  static final class Rfc3339 {
    static final long INVALID = Long.MIN_VALUE;

    private Rfc3339() {}

    /** Returns the epoch milliseconds, or {@link #INVALID} if the text is not in the shape. */
    static long parseMillis(String s) {
      int n = s.length();
      if (n < 20) {
        return INVALID;
      }
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 2);
      int day = digits(s, 8, 2);
      int hour = digits(s, 11, 2);
      int minute = digits(s, 14, 2);
      int second = digits(s, 17, 2);
      char t = s.charAt(10);
      if (year < 0 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59
          || second > 59 || hour < 0 || minute < 0 || second < 0
          || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':'
          || s.charAt(16) != ':' || (t != 'T' && t != 't' && t != ' ')) {
        return INVALID;
      }
      if (day > daysInMonth(year, month)) {
        return INVALID;
      }
      int i = 19;
      int millis = 0;
      if (s.charAt(i) == '.') {
        i++;
        int start = i;
        while (i < n && isDigit(s.charAt(i))) {
          // Digits past the third are below a millisecond: truncated, as Calcite keeps millis.
          if (i - start < 3) {
            millis = millis * 10 + (s.charAt(i) - '0');
          }
          i++;
        }
        int count = i - start;
        if (count == 0) {
          return INVALID;
        }
        for (int k = count; k < 3; k++) {
          millis *= 10;
        }
      }
      if (i >= n) {
        return INVALID;
      }
      int offsetSeconds;
      char z = s.charAt(i);
      if ((z == 'Z' || z == 'z') && i + 1 == n) {
        offsetSeconds = 0;
      } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if (oh < 0 || om < 0 || oh > 23 || om > 59) {
          return INVALID;
        }
        offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
      } else {
        return INVALID;
      }
      long secondOfDay = hour * 3600L + minute * 60L + second;
      long epochSecond = epochDay(year, month, day) * 86_400L + secondOfDay - offsetSeconds;
      return epochSecond * 1000L + millis;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    /** Returns the number the digits at {@code [from, from + len)} spell, or -1. */
    private static int digits(String s, int from, int len) {
      int v = 0;
      for (int i = from; i < from + len; i++) {
        char c = s.charAt(i);
        if (!isDigit(c)) {
          return -1;
        }
        v = v * 10 + (c - '0');
      }
      return v;
    }

    private static int daysInMonth(int year, int month) {
      switch (month) {
        case 2:
          boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
          return leap ? 29 : 28;
        case 4:
        case 6:
        case 9:
        case 11:
          return 30;
        default:
          return 31;
      }
    }

    /** Days from 1970-01-01 to the date, in the proleptic Gregorian calendar. */
    private static long epochDay(int year, int month, int day) {
      // Count years from March, so that the leap day falls at the end of the counted year.
      long y = month <= 2 ? year - 1 : year;
      long era = Math.floorDiv(y, 400);
      long yearOfEra = y - era * 400;
      int m = month <= 2 ? month + 9 : month - 3;
      long dayOfYear = (153L * m + 2) / 5 + day - 1;
      long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
      return era * 146_097 + dayOfEra - 719_468;
    }
  }
}
