package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fixture that runs a query against a simulator with pushdown on and off and captures its rows,
 * the requests the simulator received and the EXPLAIN text, for tests that read like the feature:
 * {@code sql("...").requests("GET ...").explainContains("...")}.
 *
 * <p>Cursor values ({@code after=<id>}) in request lines are shown as {@code after=…}: they are
 * row ids of the generated data, and the pagination tests check them.
 */
final class PushdownFixture {
  private final Simulator sim;

  PushdownFixture(Simulator sim) {
    this.sim = sim;
  }

  Simulator sim() {
    return sim;
  }

  /** Runs the query both ways and returns what happened with pushdown on. */
  Run sql(String sql) {
    return new Run(this, sql);
  }

  Connection connect(boolean pushdown) throws SQLException {
    return connect(pushdown, "");
  }

  /** Connects as {@link #connect(boolean)}, with more properties ({@code ;name=value...}). */
  Connection connect(boolean pushdown, String properties) throws SQLException {
    return DriverManager.getConnection(
        SimulatorConnections.url(sim) + ";pushdown=" + pushdown + properties, "",
        SimulatorConnections.TEST_KEY);
  }

  /** The text at a path of fields in a row of the simulator's data ("" where it is absent). */
  static String text(com.fasterxml.jackson.databind.JsonNode row, String... path) {
    com.fasterxml.jackson.databind.JsonNode n = row;
    for (String p : path) {
      n = n.path(p);
    }
    return n.asText();
  }

  /** Rows and request lines of one execution. */
  record Result(List<List<Object>> rows, List<String> requests) {}

  Result execute(String sql, boolean pushdown) {
    try (Connection c = connect(pushdown)) {
      return execute(c, sql);
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs the query on an open connection. */
  Result execute(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      sim.requestLog().clear();
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return new Result(rows, masked(sim.requestLog().lines()));
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  String explain(String sql) {
    try (Connection c = connect(true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(rs.getString(1));
      }
      return out.toString();
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  static List<String> masked(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.replaceAll("after=[^&]*", "after=…"));
    }
    return out;
  }

  /** Counts each row, so that rows compare as multisets. */
  static Map<List<Object>, Integer> multiset(List<List<Object>> rows) {
    Map<List<Object>, Integer> out = new HashMap<>();
    rows.forEach(r -> out.merge(r, 1, Integer::sum));
    return out;
  }

  /** One query, run with pushdown on and off. */
  static final class Run {
    private final PushdownFixture fixture;
    private final String sql;
    private final Result on;
    private final Result off;

    Run(PushdownFixture fixture, String sql) {
      this.fixture = fixture;
      this.sql = sql;
      this.on = fixture.execute(sql, true);
      this.off = fixture.execute(sql, false);
    }

    List<List<Object>> rows() {
      return on.rows();
    }

    List<String> requestLines() {
      return on.requests();
    }

    /** Asserts that the rows are those of the same query without pushdown, in any order. */
    Run sameRowsAsWithoutPushdown() {
      assertEquals(multiset(off.rows()), multiset(on.rows()), sql);
      return this;
    }

    /** Asserts that the rows equal those without pushdown in the same order. */
    Run sameOrderedRowsAsWithoutPushdown() {
      assertEquals(off.rows(), on.rows(), sql);
      return this;
    }

    /** Asserts the row count, and that it is the same without pushdown. */
    Run returnsCount(int n) {
      sameRowsAsWithoutPushdown();
      assertEquals(n, on.rows().size(), sql);
      return this;
    }

    /** Asserts some rows came back, the same as without pushdown. */
    Run returnsSome() {
      sameRowsAsWithoutPushdown();
      assertTrue(!on.rows().isEmpty(), "the data holds rows for " + sql);
      return this;
    }

    /** Asserts the exact rows, in order. */
    Run returns(List<?>... rows) {
      List<List<Object>> expected = new ArrayList<>();
      for (List<?> r : rows) {
        expected.add(new ArrayList<>(r));
      }
      assertEquals(expected, on.rows(), sql);
      return this;
    }

    /** Asserts the exact requests the simulator received, in order. */
    Run requests(String... lines) {
      assertEquals(Arrays.asList(lines), on.requests(), sql);
      return this;
    }

    /** Asserts the first requests, and the number of further pages of the last one. */
    Run requestsThenPages(int furtherPages, String... lines) {
      List<String> got = on.requests();
      assertEquals(Arrays.asList(lines), got.subList(0, Math.min(lines.length, got.size())), sql);
      assertEquals(lines.length + furtherPages, got.size(), sql + ": " + got);
      return this;
    }

    /**
     * Asserts that the requests are {@code first} followed by its further pages, as many as
     * {@code apiRows} rows fill at the request's page size.
     */
    Run paged(String first, int apiRows) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("page_size=(\\d+)").matcher(first);
      assertTrue(m.find(), first);
      int size = Integer.parseInt(m.group(1));
      int pages = Math.max(1, (apiRows + size - 1) / size);
      List<String> expected = new ArrayList<>();
      expected.add(first);
      for (int i = 1; i < pages; i++) {
        expected.add(first + "&after=…");
      }
      assertEquals(expected, on.requests(), sql);
      return this;
    }

    /** Asserts that the first request is {@code first} and every other one a further page of it. */
    Run pagedFrom(String first) {
      List<String> got = on.requests();
      assertTrue(!got.isEmpty(), sql);
      assertEquals(first, got.get(0), sql);
      for (String line : got.subList(1, got.size())) {
        assertEquals(first + "&after=…", line, sql);
      }
      return this;
    }

    /** Asserts that no more requests were sent than without pushdown, and returns this. */
    Run noMoreRequestsThanWithoutPushdown() {
      assertTrue(on.requests().size() <= off.requests().size(),
          sql + ": " + on.requests() + " vs " + off.requests());
      return this;
    }

    Run explainContains(String... parts) {
      String plan = fixture.explain(sql);
      for (String p : parts) {
        assertTrue(plan.contains(p), "EXPLAIN of " + sql + " lacks '" + p + "':\n" + plan);
      }
      return this;
    }

    Run explainLacks(String part) {
      String plan = fixture.explain(sql);
      assertTrue(!plan.contains(part), "EXPLAIN of " + sql + " has '" + part + "':\n" + plan);
      return this;
    }

    @Override
    public String toString() {
      return sql + "\n  on:  " + on.requests() + "\n  off: " + off.requests().size()
          + " requests\n" + fixture.explain(sql) + "\n  rows: " + on.rows().size()
          + " (off: " + off.rows().size() + ")" + (Objects.equals(multiset(on.rows()),
              multiset(off.rows())) ? "" : " DIFFERENT");
    }
  }
}
