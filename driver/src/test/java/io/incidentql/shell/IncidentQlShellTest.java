package io.incidentql.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;

/** Tests of the shell: its options, and a statement run on demo data in each output format. */
class IncidentQlShellTest {

  @Test
  void demoConnectsToTheInProcessSimulatorWithoutAKey() {
    List<String> args = IncidentQlShell.sqllineArguments(new String[] {"--demo"}, false);
    assertEquals("jdbc:incidentio:demo=true", args.get(args.indexOf("-u") + 1));
    assertEquals("io.incidentql.jdbc.IncidentIoDriver", args.get(args.indexOf("-d") + 1));
  }

  @Test
  void withoutDemoOrAKeyTheShellSaysWhatToDo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IncidentQlShell.sqllineArguments(new String[0], false));
    assertTrue(e.getMessage().contains("INCIDENT_IO_API_KEY"), e.getMessage());
    assertTrue(e.getMessage().contains("--demo"), e.getMessage());
  }

  @Test
  void helpAndBadOptions() {
    assertNull(IncidentQlShell.sqllineArguments(new String[] {"--help"}, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> IncidentQlShell.sqllineArguments(new String[] {"--demo", "--format", "xml"}, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> IncidentQlShell.sqllineArguments(new String[] {"--demo", "-e"}, false));
  }

  @Test
  void csvIsRfc4180AndReadsBackAsTheSameRowsAndNulls() throws Exception {
    String sql =
        "SELECT reference, name, summary, severity_name, CAST(NULL AS TIMESTAMP) AS nothing,"
            + " '' AS blank, 'say \"hi\", then go' AS quoted FROM incidents ORDER BY reference";
    String out = run("--demo", "--format", "csv", "-e", sql);
    List<CSVRecord> records;
    try (CSVParser parser =
        CSVFormat.RFC4180.builder()
            .setNullString("")
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .build()
            .parse(new StringReader(out))) {
      records = parser.getRecords();
    }
    List<List<String>> rows = jdbcRows(sql);
    assertEquals(rows.size() + 1, records.size(), "one record per row and a header");
    assertEquals(
        List.of("reference", "name", "summary", "severity_name", "nothing", "blank", "quoted"),
        records.get(0).toList());
    boolean sawNewline = false;
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(i), records.get(i + 1).toList(), "row " + i);
      sawNewline |= String.valueOf(rows.get(i).get(2)).contains("\n");
    }
    assertTrue(sawNewline, "the demo's summaries include newlines, which CSV must quote");
    assertTrue(out.contains("\r\n"), "records end with CRLF");
    assertTrue(
        out.contains(",,\"\",\"say \"\"hi\"\", then go\"\r\n"),
        "NULL is an empty field, '' a quoted empty one, inner quotes doubled");
  }

  @Test
  void tsvEscapesTabsAndNewlinesSoThatEachRowIsOneLine() throws Exception {
    String out =
        run("--demo", "--format", "tsv", "-e",
            "SELECT U&'a\\0009b' AS t, U&'x\\000ay\\005cz' AS n, CAST(NULL AS INTEGER) AS nothing");
    assertEquals("t\tn\tnothing\na\\tb\tx\\ny\\\\z\t\n", out);
  }

  @Test
  void jsonHasRealNullsNumbersAndOneObjectPerRow() throws Exception {
    String sql =
        "SELECT reference, severity_rank, CAST(NULL AS TIMESTAMP) AS nothing,"
            + " CAST(NULL AS VARCHAR) AS nothing_text, created_at FROM incidents ORDER BY reference";
    String out = run("--demo", "--format", "json", "-e", sql);
    JsonNode rows = new ObjectMapper().readTree(out).get("resultset");
    List<List<String>> expected = jdbcRows(sql);
    assertEquals(expected.size(), rows.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode row = rows.get(i);
      assertEquals(expected.get(i).get(0), row.get("reference").asText());
      assertTrue(
          expected.get(i).get(1) == null
              ? row.get("severity_rank").isNull()
              : row.get("severity_rank").isIntegralNumber(),
          row.toString());
      assertTrue(row.get("nothing").isNull(), row.toString());
      assertTrue(row.get("nothing_text").isNull(), row.toString());
      assertEquals(expected.get(i).get(4), row.get("created_at").asText());
    }
  }

  @Test
  void aTableShowsNullAlikeForEveryType() throws Exception {
    String out =
        run("--demo", "-e",
            "SELECT CAST(NULL AS VARCHAR) AS a, CAST(NULL AS TIMESTAMP) AS b,"
                + " CAST(NULL AS BIGINT) AS c, CAST(NULL AS BOOLEAN) AS d");
    assertTrue(out.contains("| NULL | NULL | NULL | NULL |"), out);
  }

  @Test
  void explainPrintsThePlanAsLinesInTheTableAndVerticalFormats() throws Exception {
    String sql = "EXPLAIN PLAN FOR SELECT reference FROM incidents WHERE name LIKE '%database%'";
    for (String format : List.of("table", "vertical")) {
      String out = run("--demo", "--format", format, "-e", sql);
      List<String> lines = out.lines().toList();
      assertTrue(lines.get(0).startsWith("EnumerableCalc("), format + ": " + out);
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith("    IncidentIoTableScan(")),
          format + ": " + out);
      assertTrue(!out.contains("\\n") && !out.contains("+--"), format + ": " + out);
    }
  }

  @Test
  void aScriptFailsWhenAnyStatementFailsWithOneLineSayingWhy() throws Exception {
    Result r = runWithCode("--demo", "-e", "SELECT nosuch FROM incidents", "-e", "SELECT 1 AS answer");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("| answer |"), "the next statement still runs: " + r.out());
    List<String> errors = r.out().lines().filter(l -> l.startsWith("Error")).toList();
    assertEquals(
        List.of(
            "Error [42S22]: From line 1, column 8 to line 1, column 13:"
                + " Column 'nosuch' not found in any table"),
        errors);
    assertTrue(!r.out().contains("\tat "), "no stack trace without --verbose: " + r.out());

    Result verbose = runWithCode("--demo", "--verbose", "-e", "SELECT nosuch FROM incidents");
    assertEquals(1, verbose.code());
    assertTrue(verbose.out().contains("\tat "), "--verbose adds the trace: " + verbose.out());

    assertEquals(0, runWithCode("--demo", "-e", "SELECT 1", "-e", "SELECT 2").code());
  }

  private static String run(String... args) throws Exception {
    Result r = runWithCode(args);
    assertEquals(0, r.code(), r.out());
    return r.out();
  }

  /** What the shell printed (standard output and error together) and its exit code. */
  private record Result(int code, String out) {}

  private static Result runWithCode(String... args) throws Exception {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int code;
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      code = IncidentQlShell.run(args, capture, capture);
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    return new Result(code, buffer.toString(StandardCharsets.UTF_8));
  }

  /** The rows of {@code sql} as JDBC's getString reads them on demo data. */
  private static List<List<String>> jdbcRows(String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:incidentio:demo=true");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
