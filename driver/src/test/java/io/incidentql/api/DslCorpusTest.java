package io.incidentql.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the corpus of DSL queries in {@code dsl-corpus.txt} against the simulator: each returns the
 * rows its SQL equivalent returns through JDBC (the DSL text itself when it is valid SQL), as
 * many as the corpus expects, and makes the very requests the SQL makes.
 */
class DslCorpusTest {
  static final String KEY = "test-key-not-real-0004";
  /** The clock now() reads in the corpus; its SQL equivalents spell the resulting instants out. */
  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private static Simulator sim;
  private static IncidentQlSession ql;
  private static Connection sql;

  /** One corpus entry. */
  record Entry(int line, String dsl, String sql, Map<String, Object> params, int rows) {
    String equivalentSql() {
      return sql != null ? sql : dsl;
    }
  }

  @BeforeAll
  static void open() throws Exception {
    sim = Simulator.start(SimulatorConfig.builder().seed(7).scale(300, 120, 150, 300).apiKey(KEY).unlimitedRate().build());
    // Requests are asserted per query: none answered from the cache.
    ql = IncidentQL.connect(IncidentQL.config().baseUrl(sim.baseUrl()).apiKey(KEY)
        .property("cacheTtlSeconds", "0").clock(Clock.fixed(NOW, ZoneOffset.UTC)));
    sql = DriverManager.getConnection(
        "jdbc:incidentio:baseUrl=" + sim.baseUrl() + ";cacheTtlSeconds=0", "", KEY);
  }

  @AfterAll
  static void close() throws Exception {
    sql.close();
    ql.close();
    sim.close();
  }

  @Test
  void theCorpusHoldsAtLeastAHundredQueries() throws IOException {
    List<Entry> entries = corpus();
    assertTrue(entries.size() >= 100, "corpus has " + entries.size() + " queries");
    assertTrue(entries.stream().filter(e -> e.rows() > 0).count() >= entries.size() * 3 / 4,
        "most corpus queries must return rows, or equal results prove little");
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusQueryAnswersLikeItsSqlEquivalent() throws IOException {
    return corpus().stream().map(e -> DynamicTest.dynamicTest("line " + e.line() + ": " + e.dsl(), () -> check(e)));
  }

  private static void check(Entry e) throws Exception {
    sim.requestLog().clear();
    List<String> dslRows = new ArrayList<>();
    try (QueryResult result = ql.query(e.dsl(), e.params())) {
      for (Row row : result) {
        dslRows.add(normalize(Arrays.asList(row.values())));
      }
    }
    List<String> dslRequests = sim.requestLog().lines();

    sim.requestLog().clear();
    List<String> sqlRows = new ArrayList<>();
    try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(e.equivalentSql())) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        sqlRows.add(normalize(row));
      }
    }
    List<String> sqlRequests = sim.requestLog().lines();

    boolean ordered = e.dsl().toUpperCase(java.util.Locale.ROOT).contains("ORDER BY");
    if (!ordered) {
      dslRows.sort(null);
      sqlRows.sort(null);
    }
    assertEquals(sqlRows, dslRows, "rows of " + e.equivalentSql());
    assertEquals(e.rows(), dslRows.size(), "row count");
    // An equivalent written another way (a name for a rank) resolves to other
    // filters, with the same rows.
    if (e.equivalentSql().equals(e.dsl()) || !(resolvesNames(e.dsl()) || resolvesNames(e.equivalentSql()))) {
      assertEquals(withoutLookups(sqlRequests), withoutLookups(dslRequests), "requests");
    }
  }

  /** Whether a query filters on a column resolved through a lookup table, such as severity_name. */
  private static boolean resolvesNames(String query) {
    String q = query.toLowerCase(java.util.Locale.ROOT);
    for (io.incidentql.adapter.schema.TableDef t : io.incidentql.adapter.schema.IncidentIoTables.all()) {
      for (io.incidentql.adapter.schema.ColumnDef c : t.columns()) {
        if (c.filter() != null && c.filter().via() != null && q.contains(c.name())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The requests that read a lookup table (severities for a severity name, say). */
  private static List<String> withoutLookups(List<String> requests) {
    java.util.Set<String> lookupPaths = new java.util.HashSet<>();
    for (io.incidentql.adapter.schema.TableDef t : io.incidentql.adapter.schema.IncidentIoTables.all()) {
      for (io.incidentql.adapter.schema.ColumnDef c : t.columns()) {
        if (c.filter() != null && c.filter().via() != null) {
          lookupPaths.add("GET " + io.incidentql.adapter.schema.IncidentIoTables.byName(c.filter().via().table()).path());
        }
      }
    }
    return requests.stream().filter(r -> !lookupPaths.contains(r)).toList();
  }

  private static String normalize(List<Object> row) {
    List<String> out = new ArrayList<>();
    for (Object v : row) {
      if (v instanceof Timestamp t) {
        v = t.toInstant();
      }
      if (v instanceof Number n) {
        v = new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
      }
      out.add(String.valueOf(v));
    }
    return out.toString();
  }

  static List<Entry> corpus() throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (InputStream in = DslCorpusTest.class.getResourceAsStream("/dsl-corpus.txt");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Map<String, String> fields = new LinkedHashMap<>();
      int start = 0;
      int lineNo = 0;
      String line;
      while (true) {
        line = reader.readLine();
        lineNo++;
        if (line == null || line.isBlank()) {
          if (!fields.isEmpty()) {
            entries.add(entry(start, fields));
            fields.clear();
          }
          if (line == null) {
            break;
          }
          continue;
        }
        if (line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(": ");
        if (colon < 0) {
          throw new IllegalStateException("dsl-corpus.txt line " + lineNo + ": expected 'key: value'");
        }
        if (fields.isEmpty()) {
          start = lineNo;
        }
        fields.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    return entries;
  }

  private static Entry entry(int line, Map<String, String> f) {
    if (f.get("dsl") == null || f.get("rows") == null) {
      throw new IllegalStateException("dsl-corpus.txt line " + line + ": an entry needs dsl: and rows:");
    }
    return new Entry(line, f.get("dsl"), f.get("sql"), params(f.getOrDefault("params", "")),
        Integer.parseInt(f.get("rows").trim()));
  }

  /** Parses {@code a=text; b=[x,y]; c=#5; d=@2024-01-01T00:00:00Z; e=?true}. */
  private static Map<String, Object> params(String text) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.trim().split("=", 2);
      out.put(kv[0], value(kv[1]));
    }
    return out;
  }

  private static Object value(String v) {
    if (v.startsWith("[") && v.endsWith("]")) {
      String inner = v.substring(1, v.length() - 1);
      return inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",")).map(DslCorpusTest::value).toList();
    }
    if (v.startsWith("#")) {
      return Long.parseLong(v.substring(1));
    }
    if (v.startsWith("@")) {
      return Instant.parse(v.substring(1));
    }
    if (v.startsWith("?")) {
      return Boolean.parseBoolean(v.substring(1));
    }
    return v;
  }
}
