package io.incidentql.shell;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Writer of result sets in the shell's machine-readable formats (CSV, TSV, JSON) and of plans as
 * plain lines.
 *
 * <p>It reads values from the result set itself, so a NULL stays a NULL whatever the column's
 * type: an empty CSV or TSV field, a JSON {@code null}. Rows are written as they arrive.
 */
public final class ResultWriter {
  /** The formats this class writes; sqlline draws the others (table, vertical). */
  public static final Set<String> FORMATS = Set.of("csv", "tsv", "json");

  /** CSV's record separator: RFC 4180 asks for CRLF, which every CSV reader accepts. */
  static final String CSV_EOL = "\r\n";

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  private ResultWriter() {}

  /** Returns whether the result is a query plan: EXPLAIN's single column named PLAN. */
  public static boolean isPlan(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    return md.getColumnCount() == 1 && "PLAN".equalsIgnoreCase(md.getColumnLabel(1));
  }

  /** Prints each plan of the result as its own lines of text; returns the number of rows. */
  public static int writePlan(ResultSet rs, PrintStream out) throws SQLException {
    int rows = 0;
    while (rs.next()) {
      String plan = rs.getString(1);
      out.print(plan == null ? "" : plan.stripTrailing());
      out.println();
      rows++;
    }
    out.flush();
    return rows;
  }

  /**
   * Writes the result in {@code format} (one of {@link #FORMATS}), stopping early when {@code
   * cancelled} turns true; returns the number of rows written.
   */
  public static int write(String format, ResultSet rs, PrintStream out, BooleanSupplier cancelled)
      throws SQLException {
    try {
      int rows =
          switch (format) {
            case "csv" -> writeSeparated(rs, out, ',', cancelled);
            case "tsv" -> writeSeparated(rs, out, '\t', cancelled);
            case "json" -> writeJson(rs, out, cancelled);
            default -> throw new IllegalArgumentException("not a format of this writer: " + format);
          };
      out.flush();
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int writeSeparated(
      ResultSet rs, PrintStream out, char separator, BooleanSupplier cancelled)
      throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] fields = new String[n];
    for (int i = 0; i < n; i++) {
      fields[i] = md.getColumnLabel(i + 1);
    }
    out.print(record(fields, separator));
    int rows = 0;
    while (!cancelled.getAsBoolean() && rs.next()) {
      for (int i = 0; i < n; i++) {
        fields[i] = rs.getString(i + 1);
      }
      out.print(record(fields, separator));
      rows++;
    }
    return rows;
  }

  /**
   * Returns one record with its line end. CSV (RFC 4180): a field is quoted with double quotes
   * when it holds the separator, a quote, CR or LF, or is the empty string (so that it differs
   * from NULL, which is written as nothing); quotes inside are doubled. TSV has no quoting: tab,
   * CR, LF and backslash inside a field are written as {@code \t}, {@code \r}, {@code \n}, {@code
   * \\} (as PostgreSQL's text format does), and the record ends with LF.
   */
  static String record(String[] fields, char separator) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(separator);
      }
      String f = fields[i];
      if (f == null) {
        continue;
      }
      if (separator == '\t') {
        appendTsvField(sb, f);
      } else if (f.isEmpty() || needsQuotes(f, separator)) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.append(separator == '\t' ? "\n" : CSV_EOL).toString();
  }

  private static boolean needsQuotes(String f, char separator) {
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == separator || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  private static void appendTsvField(StringBuilder sb, String f) {
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      switch (c) {
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\\' -> sb.append("\\\\");
        default -> sb.append(c);
      }
    }
  }

  /**
   * Writes {@code {"resultset":[{...}, ...]}} (the shape sqlline's JSON format had): numbers and
   * booleans as JSON numbers and booleans, NULL as {@code null}, everything else as strings.
   */
  private static int writeJson(ResultSet rs, PrintStream out, BooleanSupplier cancelled)
      throws SQLException, IOException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    int rows = 0;
    try (JsonGenerator g = JSON.createGenerator(unclosable(out), JsonEncoding.UTF8)) {
      g.setPrettyPrinter(new RowPerLine());
      g.writeStartObject();
      g.writeArrayFieldStart("resultset");
      while (!cancelled.getAsBoolean() && rs.next()) {
        g.writeStartObject();
        for (int i = 1; i <= n; i++) {
          g.writeFieldName(md.getColumnLabel(i));
          writeJsonValue(g, rs, i, md.getColumnType(i));
        }
        g.writeEndObject();
        g.flush();
        rows++;
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
    return rows;
  }

  private static void writeJsonValue(JsonGenerator g, ResultSet rs, int i, int type)
      throws SQLException, IOException {
    switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        long v = rs.getLong(i);
        if (rs.wasNull()) {
          g.writeNull();
        } else {
          g.writeNumber(v);
        }
      }
      case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> {
        java.math.BigDecimal v = rs.getBigDecimal(i);
        if (v == null) {
          g.writeNull();
        } else {
          g.writeNumber(v);
        }
      }
      case Types.BOOLEAN, Types.BIT -> {
        boolean v = rs.getBoolean(i);
        if (rs.wasNull()) {
          g.writeNull();
        } else {
          g.writeBoolean(v);
        }
      }
      default -> {
        String v = rs.getString(i);
        if (v == null) {
          g.writeNull();
        } else {
          g.writeString(v);
        }
      }
    }
  }

  /** Layout with each row's object on a line of its own, so that rows print as they arrive. */
  private static final class RowPerLine extends MinimalPrettyPrinter {
    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw("[\n");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      g.writeRaw(nrOfValues == 0 ? "]" : "\n]");
    }
  }

  /** The generator closes its stream when done; the shell's output must stay open. */
  private static OutputStream unclosable(PrintStream out) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        out.write(b, off, len);
      }

      @Override
      public void flush() {
        out.flush();
      }
    };
  }
}
