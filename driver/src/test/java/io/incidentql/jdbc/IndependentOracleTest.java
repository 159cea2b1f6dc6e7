package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Oracle test: the driver's answers to generated queries (pushdown on, as a user runs them)
 * compared with those of an independent SQL engine holding the same rows. The rules-on/rules-off
 * test ({@link PushdownDifferentialTest}) finds where pushdown changes an answer; this one finds
 * what both paths get wrong together (a planner rewrite, a conversion, a local operator).
 *
 * <p>The engine is H2 (in memory, from Maven Central): a well-kept embedded database whose SQL
 * dialect covers every construct generated here (joins, subqueries, window functions, set
 * operations, LIMIT/OFFSET) with standard semantics, and which shares no code with Calcite;
 * pure Java, unlike DuckDB or SQLite (no native library per platform), and with more of the
 * standard's window and set operations than HSQLDB's defaults.
 * The oracle is aligned where the engines differ by design rather than by mistake: NULLs sort
 * high as in Calcite (and every generated ORDER BY says NULLS FIRST/LAST anyway), timestamps are
 * {@code TIMESTAMP(3)} read back in UTC on both sides, numbers compare by value (H2 types some
 * sums and averages DECIMAL where Calcite has BIGINT or DOUBLE), doubles within a relative 1e-9
 * (a sum's last digits depend on the order it adds in); what stays
 * different is not generated (see {@link OracleQueryGenerator}). Its rows are loaded from the
 * simulator's data model by {@link OracleDatabase}, not read through the driver.
 *
 * <p>Every build runs {@value #DEFAULT_QUERIES} queries; more, on another seed's data and queries,
 * on several connections at once: {@code ./mvnw -B -pl driver -am test
 * -Dtest=IndependentOracleTest -Dsurefire.failIfNoSpecifiedTests=false -Doracle.queries=20000
 * -Doracle.seed=7 -Doracle.threads=3}. Rows compare in order when the query's ORDER BY is total,
 * as multisets otherwise. A failure lists, for each mismatch, the seed, the query's index and
 * SQL, and both results; {@code -Doracle.only=<indexes>} runs those queries of the seed again.
 */
class IndependentOracleTest {
  static final int DEFAULT_QUERIES = 1000;
  private static final long DEFAULT_SEED = 20_261_206L;
  private static final int REPORTED = 10;
  private static final int SHOWN_ROWS = 8;
  private static final int PROGRESS = 2000;

  @Test
  void everyGeneratedQueryReturnsWhatAnIndependentEngineReturnsOnTheSameRows() throws Exception {
    int queries = Integer.getInteger("oracle.queries", DEFAULT_QUERIES);
    long seed = Long.getLong("oracle.seed", DEFAULT_SEED);
    int threads = Integer.getInteger("oracle.threads", 2);
    // -Doracle.only=12,345 runs those queries of the seed again, as a failure lists them.
    String only = System.getProperty("oracle.only", "");
    List<Integer> indexes = only.isBlank()
        ? IntStream.range(0, queries).boxed().toList()
        : Arrays.stream(only.split("[,\\s\\[\\]]+")).filter(x -> !x.isEmpty())
            .map(Integer::valueOf).toList();
    try (Simulator sim = SimulatorConnections.start(
            SimulatorConfig.builder().seed(seed).scale(160, 90, 160, 220).unlimitedRate());
        OracleDatabase oracle = OracleDatabase.load(sim, "oracle" + seed)) {
      Map<Integer, String> mismatches = new ConcurrentSkipListMap<>();
      AtomicInteger nonEmpty = new AtomicInteger();
      AtomicInteger finished = new AtomicInteger();
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
          int first = w;
          workers.add(pool.submit(() -> {
            // Each worker has its own connections and generator; query i is the same anywhere.
            try (Connection h2 = oracle.newConnection();
                // The simulator has no rate limit here, and the client's own pacing would slow
                // every request down to the live API's budget.
                Connection driver = DriverManager.getConnection(
                    SimulatorConnections.url(sim) + ";rateLimit=0", "",
                    SimulatorConnections.TEST_KEY)) {
              OracleQueryGenerator generator = new OracleQueryGenerator(oracle, seed);
              for (int k = first; k < indexes.size(); k += threads) {
                int i = indexes.get(k);
                OracleQueryGenerator.Query q = generator.query(i);
                Outcome expected = run(h2, q.sql());
                Outcome actual = run(driver, q.sql());
                // An error of the oracle is a mismatch too: the generator must write SQL it takes.
                if (expected.error != null || !same(expected, actual, q.ordered())) {
                  mismatches.put(i, report(seed, i, q, expected, actual));
                } else if (!expected.rows.isEmpty()) {
                  nonEmpty.incrementAndGet();
                }
                int done = finished.incrementAndGet();
                if (done % PROGRESS == 0 && done < indexes.size()) {
                  // A long run says how far it is.
                  System.out.printf(Locale.ROOT, "oracle: %d of %d queries, %d mismatches%n",
                      done, indexes.size(), mismatches.size());
                }
              }
            }
            return null;
          }));
        }
        for (Future<?> worker : workers) {
          worker.get();
        }
      } finally {
        pool.shutdownNow();
      }
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      System.out.printf(Locale.ROOT,
          "oracle: seed %d, %d queries on %d threads, %d with rows, %d mismatches, %d s%n",
          seed, indexes.size(), threads, nonEmpty.get(), mismatches.size(), seconds);
      if (!mismatches.isEmpty()) {
        List<String> first = mismatches.values().stream().limit(REPORTED).toList();
        fail(mismatches.size() + " of " + indexes.size() + " queries differ from the oracle (seed " + seed
            + "; queries " + mismatches.keySet() + "); the first " + first.size() + ":\n"
            + String.join("\n", first));
      }
      // Most queries see rows, so the comparison is not mostly between empty results.
      assertTrue(nonEmpty.get() > indexes.size() / 2,
          "queries with rows: " + nonEmpty.get() + " of " + indexes.size());
    }
  }

  /** Rows of one execution, or its error. */
  record Outcome(List<List<Object>> rows, String error) {}

  /** A double, equal to another within a relative 1e-9 (sums of doubles depend on order). */
  record Approx(double value) {
    boolean near(Approx o) {
      double scale = Math.max(1, Math.max(Math.abs(value), Math.abs(o.value)));
      return Math.abs(value - o.value) <= 1e-9 * scale;
    }

    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);

  static Outcome run(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(60);
      try (ResultSet rs = s.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.add(normalise(rs, md, i));
          }
          rows.add(row);
        }
        return new Outcome(rows, null);
      }
    } catch (SQLException | RuntimeException e) {
      return new Outcome(List.of(), e.getClass().getSimpleName() + " "
          + (e instanceof SQLException se ? se.getSQLState() + " " : "") + e.getMessage());
    }
  }

  /** The value in a form both engines agree on: instants, exact numbers, approximate doubles. */
  private static Object normalise(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
    int type = md.getColumnType(i);
    if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
      Timestamp t = rs.getTimestamp(i, UTC);
      return t == null ? null : t.toInstant();
    }
    Object o = rs.getObject(i);
    if (o == null) {
      return null;
    }
    if (o instanceof Double || o instanceof Float) {
      return new Approx(((Number) o).doubleValue());
    }
    if (o instanceof BigDecimal bd) {
      BigDecimal s = bd.stripTrailingZeros();
      return s.scale() > 0 ? new Approx(bd.doubleValue()) : s.toBigIntegerExact();
    }
    if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return java.math.BigInteger.valueOf(((Number) o).longValue());
    }
    return o;
  }

  static boolean same(Outcome expected, Outcome actual, boolean ordered) {
    if (actual.error != null || expected.rows.size() != actual.rows.size()) {
      return false;
    }
    List<List<Object>> e = expected.rows;
    List<List<Object>> a = actual.rows;
    if (!ordered) {
      e = sorted(e);
      a = sorted(a);
    }
    for (int i = 0; i < e.size(); i++) {
      if (!sameRow(e.get(i), a.get(i))) {
        // Rows whose rounded keys tie may sort apart: match each one with any equal row.
        return !ordered && matchAll(e, a);
      }
    }
    return true;
  }

  private static boolean matchAll(List<List<Object>> expected, List<List<Object>> actual) {
    List<List<Object>> left = new ArrayList<>(actual);
    for (List<Object> row : expected) {
      int at = -1;
      for (int i = 0; i < left.size() && at < 0; i++) {
        if (sameRow(row, left.get(i))) {
          at = i;
        }
      }
      if (at < 0) {
        return false;
      }
      left.remove(at);
    }
    return true;
  }

  private static boolean sameRow(List<Object> e, List<Object> a) {
    if (e.size() != a.size()) {
      return false;
    }
    for (int i = 0; i < e.size(); i++) {
      Object x = e.get(i);
      Object y = a.get(i);
      if (x instanceof Approx || y instanceof Approx) {
        // One engine may type a sum or an average of doubles as a decimal.
        if (!(x instanceof Number || x instanceof Approx) || !(y instanceof Number || y instanceof Approx)
            || !new Approx(doubleOf(x)).near(new Approx(doubleOf(y)))) {
          return false;
        }
      } else if (x == null ? y != null : !x.equals(y)) {
        return false;
      }
    }
    return true;
  }

  private static double doubleOf(Object v) {
    return v instanceof Approx a ? a.value : ((Number) v).doubleValue();
  }

  /** Rows in a canonical order; doubles by a rounded key so that near values sort alike. */
  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(IndependentOracleTest::sortKey));
    return out;
  }

  private static String sortKey(List<Object> row) {
    StringBuilder key = new StringBuilder();
    for (Object v : row) {
      key.append(v instanceof Approx || v instanceof Number
              ? String.format(Locale.ROOT, "%.6g", doubleOf(v)) : String.valueOf(v))
          .append('\u0001');
    }
    return key.toString();
  }

  private static String report(
      long seed, int index, OracleQueryGenerator.Query q, Outcome expected, Outcome actual) {
    return "seed " + seed + ", query " + index + (q.ordered() ? " (ordered)" : "") + ": " + q.sql()
        + "\n  oracle: " + describe(expected) + "\n  driver: " + describe(actual);
  }

  private static String describe(Outcome o) {
    if (o.error != null) {
      return "error " + o.error;
    }
    List<List<Object>> shown = o.rows.subList(0, Math.min(SHOWN_ROWS, o.rows.size()));
    return o.rows.size() + " rows " + shown + (o.rows.size() > SHOWN_ROWS ? " ..." : "");
  }
}
