package io.incidentql.adapter.exec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.ApiValueOutOfRangeException;
import io.incidentql.adapter.api.RowReader;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.api.internal.Text;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnType;
import io.incidentql.adapter.schema.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converter of one JSON row object into an {@code Object[]} in Calcite's internal representation,
 * column by column, read straight from the parser's token stream.
 *
 * <p>VARCHAR is a {@link String}, BIGINT a {@link Long}, DOUBLE a {@link Double}, BOOLEAN a
 * {@link Boolean}, TIMESTAMP a {@link Long} of milliseconds since the epoch of the UTC instant
 * (finer fractions are truncated), and JSON the compact JSON text of the value. A missing field,
 * a missing parent object and JSON null all give null. A scalar in a VARCHAR column is read as
 * its text; any other mismatch (a string where a number belongs, an object where a string
 * belongs) fails with an {@link ApiResponseException} that names the table, column and row id.
 *
 * <p>Only the projected columns are converted: the fields they read are looked up in a tree of
 * the projected paths, and every other value is skipped without being built. A JSON column's
 * text is the value's own bytes in the page when they are already compact JSON as Jackson writes
 * it, and the value's tokens written compactly otherwise (see {@link CompactJson}). Rows read
 * from a tree ({@link #convert(JsonNode)}) go through the same code.
 *
 * <p>Paths and types are resolved once, in the constructor; instances are immutable and
 * thread-safe. It is over 400 lines because each column type has its own token rules and range
 * checks, and they share the path tree and the error wording; split, they would pass both around.
 */
public final class RowConverter implements RowReader<Object[]> {
  private static final int NONE = Integer.MAX_VALUE;
  private static final int[] NO_COLUMNS = new int[0];
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final String table;
  private final Column[] columns;
  /** The row object: the fields the projected columns read, each leading to a column or deeper. */
  private final Node root;

  /** Creates a converter that yields every column of the table, in order. */
  public RowConverter(TableDef table) {
    this(table, allColumns(table));
  }

  /** Creates a converter that yields only the given columns (indexes into the table), in order. */
  public RowConverter(TableDef table, int[] projection) {
    this.table = table.name();
    List<ColumnDef> defs = table.columns();
    this.columns = new Column[projection.length];
    this.root = new Node();
    for (int i = 0; i < projection.length; i++) {
      ColumnDef def = defs.get(projection[i]);
      List<String> path = def.path();
      // A key the scan fills in from its request is not in the API's object: not checked here.
      boolean fromRequest = table.parent() != null && table.parent().fromRequest()
          && table.parent().column().equals(def.name());
      columns[i] = new Column(def.name(), String.join(".", path), def.type(),
          def.required() && !fromRequest);
      Node node = root;
      for (int depth = 0; depth < path.size(); depth++) {
        Field field = node.fields.computeIfAbsent(path.get(depth), name -> new Field());
        field.path = String.join(".", path.subList(0, depth + 1));
        node.firstColumn = Math.min(node.firstColumn, i);
        if (depth == path.size() - 1) {
          field.leafColumns = append(field.leafColumns, i);
        } else {
          if (field.child == null) {
            field.child = new Node();
          }
          node = field.child;
        }
      }
    }
    for (Field f : allFields(root, new ArrayList<>())) {
      if (f.child != null && f.leafColumns.length > 0) {
        // A column holding an object as text while others read inside it: not in any table.
        throw new IllegalArgumentException(
            "column path " + f.path + " of table " + table.name() + " is both a value and a parent");
      }
    }
  }

  /** Returns the number of values in each converted row. */
  public int width() {
    return columns.length;
  }

  /** Converts one row object already read into a tree. */
  public Object[] convert(JsonNode row) {
    try (JsonParser p = row.traverse(Json.MAPPER)) {
      p.nextToken();
      return read(p, null, new RowReader.Id());
    } catch (IOException e) {
      // A tree always yields well-formed tokens.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Converts the row whose first token is the parser's current token and leaves the parser on
   * its last token, also when the row is rejected. {@code source} is the bytes the parser reads
   * (JSON columns copy their text from it), or null.
   */
  @Override
  public Object[] read(JsonParser p, byte[] source, RowReader.Id id) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      JsonNode value = Json.readValue(p);
      throw new ApiResponseException(
          "incident.io API sent a row of table "
              + table
              + " that is not a JSON object: "
              + Json.describe(value),
          null,
          200,
          null);
    }
    Row row = new Row(columns.length);
    readObject(p, source, root, row, true);
    id.set(row.id);
    if (row.failedColumn != NONE) {
      throw wrongType(row);
    }
    for (int c = 0; c < columns.length; c++) {
      if (columns[c].required() && row.values[c] == null) {
        throw missing(row, columns[c]);
      }
    }
    return row.values;
  }

  /**
   * The error for a row without a field the API documents as always present: the column is NOT
   * NULL to the engine and in metadata, so a NULL would be a wrong answer, not a tolerated one.
   */
  private ApiResponseException missing(Row row, Column column) {
    return new ApiResponseException(
        "incident.io API sent a row of table "
            + table
            + " (id "
            + (row.id != null ? Text.quote(row.id, 60) : "(none)")
            + ") without '"
            + column.path()
            + "', which the API documents as always present (column "
            + column.name()
            + ", NOT NULL)",
        null,
        200,
        null);
  }

  /** Reads the fields of the object that starts at the current token, up to its end. */
  private void readObject(JsonParser p, byte[] source, Node node, Row row, boolean isRow)
      throws IOException {
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      if (isRow && t.isScalarValue() && t != JsonToken.VALUE_NULL && name.equals(ID_FIELD)) {
        // Kept to name the row in an error and to find rows sent twice; the column "id" has
        // its own conversion.
        row.id = scalarText(p, t);
      }
      Field field = node.fields.get(name);
      if (field == null) {
        p.skipChildren();
        continue;
      }
      if (field.child != null) {
        if (t == JsonToken.START_OBJECT) {
          readObject(p, source, field.child, row, false);
        } else if (t != JsonToken.VALUE_NULL) {
          // Every column that reads inside this value fails here; the first one is reported.
          row.fail(field.child.firstColumn, "an object", field.path, describe(p, t), false);
          p.skipChildren();
        }
        continue;
      }
      int[] leaves = field.leafColumns;
      Object value = t == JsonToken.VALUE_NULL ? null : value(p, t, source, leaves[0], row);
      for (int c : leaves) {
        row.values[c] = value;
      }
    }
  }

  /**
   * Converts the value at the current token for column {@code c}: the one place where each
   * column type maps JSON to a value. A mismatch is recorded on the row and yields null.
   */
  private Object value(JsonParser p, JsonToken t, byte[] source, int c, Row row)
      throws IOException {
    Column column = columns[c];
    String expected;
    boolean outOfRange = false;
    switch (column.type) {
      case VARCHAR:
        if (t == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        if (t.isScalarValue()) {
          return scalarText(p, t);
        }
        expected = "a string";
        break;
      case BIGINT:
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          return p.getLongValue();
        }
        if (t.isNumeric()) {
          BigDecimal d = p.getDecimalValue();
          // 4.0 is still the integer 4; 4.5 is not.
          if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
            if (d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0) {
              return d.longValue();
            }
            outOfRange = true;
            expected = "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
            break;
          }
        }
        expected = "an integer";
        break;
      case DOUBLE:
        if (t.isNumeric()) {
          double d = p.getDoubleValue();
          if (!Double.isInfinite(d)) {
            return d;
          }
          // JSON has no infinity: the text was a finite number too large for a DOUBLE.
          outOfRange = true;
          expected = "a number within the range of DOUBLE (about ±1.8e308)";
          break;
        }
        expected = "a number";
        break;
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return t == JsonToken.VALUE_TRUE;
        }
        expected = "a boolean";
        break;
      case TIMESTAMP:
        if (t == JsonToken.VALUE_STRING) {
          String text = p.getText();
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
        expected = "an RFC 3339 date-time string";
        break;
      case JSON:
        return jsonText(p, t, source);
      default:
        throw new AssertionError(column.type);
    }
    row.fail(c, expected, column.path, describe(p, t), outOfRange);
    p.skipChildren();
    return null;
  }

  /** Returns the compact JSON text of the value at the current token, leaving it consumed. */
  private static String jsonText(JsonParser p, JsonToken t, byte[] source) throws IOException {
    if (source != null && (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT)) {
      long start = p.currentTokenLocation().getByteOffset();
      String text = start < 0 || start >= source.length ? null : CompactJson.text(source, (int) start);
      if (text != null) {
        p.skipChildren();
        return text;
      }
    }
    return CompactJson.copy(p);
  }

  /** Returns the text of a scalar as a tree's {@code asText()} gives it. */
  private static String scalarText(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? p.getBigIntegerValue().toString()
            : Long.toString(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return Double.toString(p.getDoubleValue());
      case VALUE_TRUE:
        return "true";
      case VALUE_FALSE:
        return "false";
      default:
        return "null";
    }
  }

  /** Describes the value at the current token as {@link Json#describe} describes a tree. */
  private static String describe(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_ARRAY:
        return "an array";
      case START_OBJECT:
        return "an object";
      case VALUE_STRING:
        return "the string " + Text.quote(p.getText(), 60);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT: {
        // As sent: 1e400 read as a double would be "Infinity".
        String text = p.getText();
        return "the number " + (text.length() <= 60 ? text : text.substring(0, 60) + "…");
      }
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "the boolean " + scalarText(p, t);
      default:
        return "null";
    }
  }

  /** Builds the error for the row's first column (in projection order) that did not fit. */
  private ApiResponseException wrongType(Row row) {
    Column column = columns[row.failedColumn];
    String rowId = row.id != null ? Text.quote(row.id, 60) : "(none)";
    String message =
        "incident.io API sent a value that does not fit table "
            + table
            + ", column "
            + column.name
            + " ("
            + column.type
            + "), row id "
            + rowId
            + ": expected "
            + row.expected
            + " at '"
            + row.where
            + "', got "
            + row.actual;
    return row.outOfRange
        ? new ApiValueOutOfRangeException(message, null)
        : new ApiResponseException(message, null, 200, null);
  }

  private static int[] allColumns(TableDef table) {
    int[] all = new int[table.columns().size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  private static int[] append(int[] a, int v) {
    int[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = v;
    return out;
  }

  private static List<Field> allFields(Node node, List<Field> out) {
    for (Field f : node.fields.values()) {
      out.add(f);
      if (f.child != null) {
        allFields(f.child, out);
      }
    }
    return out;
  }

  /** A JSON object that projected columns read from. */
  private static final class Node {
    final Map<String, Field> fields = new HashMap<>();
    /** The first output position among the columns below, reported when this is no object. */
    int firstColumn = NONE;
  }

  /** A field of such an object: the value of some columns, or an object columns read inside. */
  private static final class Field {
    String path;
    int[] leafColumns = NO_COLUMNS;
    Node child;
  }

  /** A column resolved for conversion. */
  private record Column(String name, String path, ColumnType type, boolean required) {}

  /** One row being read: its values, its id, and the first column that did not fit. */
  private static final class Row {
    final Object[] values;
    String id;
    int failedColumn = NONE;
    String expected;
    String where;
    String actual;
    /** Whether the failed column's value was a number beyond its type's range. */
    boolean outOfRange;

    Row(int width) {
      values = new Object[width];
    }

    void fail(int column, String expected, String where, String actual, boolean outOfRange) {
      if (column < failedColumn) {
        failedColumn = column;
        this.outOfRange = outOfRange;
        this.expected = expected;
        this.where = where;
        this.actual = actual;
      }
    }
  }

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
