package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.IncidentIoTable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.runtime.FlatLists;

/** Entry point of generated code: the rows of one {@link IncidentIoQuery}, read lazily. */
public final class IncidentIoExecutor {
  /**
   * The row cap of the statement being executed on this thread: JDBC's {@code setMaxRows}
   * reaches the engine only as a cut-off above the plan, so the driver passes it here.
   */
  private static final ThreadLocal<Long> ROW_CAP = new ThreadLocal<>();

  private IncidentIoExecutor() {}

  /**
   * Runs a statement's execution (which binds its scans) knowing that its consumer reads at most
   * {@code maxRows} rows (0: no cap), so that its scans do not fetch pages ahead.
   */
  public static <T> T withRowCap(long maxRows, Callable<T> execution) throws Exception {
    Long previous = ROW_CAP.get();
    ROW_CAP.set(maxRows);
    try {
      return execution.call();
    } finally {
      if (previous == null) {
        ROW_CAP.remove();
      } else {
        ROW_CAP.set(previous);
      }
    }
  }

  /**
   * Returns the rows of the query, its statement parameters bound from the data context;
   * nothing is requested until they are enumerated.
   */
  public static Enumerable<Object[]> enumerable(
      DataContext root, IncidentIoTable table, IncidentIoQuery planned) {
    ApiCallScope scope = scope(root);
    IncidentIoQuery query = root == null ? planned : planned.bind(i -> root.get("?" + i));
    Long cap = ROW_CAP.get();
    long rowCap = cap == null ? 0 : cap;
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return newEnumerator(table, query, scope, rowCap);
      }
    };
  }

  /**
   * Returns an enumerator of the query's rows: one that may read a long scan with a lower bound
   * on {@code created_at} in parallel windows (see {@link IncidentIoWindows}) when the table's
   * parallelism is above 1 and no row cap says the reader stops early (windows read ahead),
   * otherwise one that sends the query's requests one after the other.
   */
  static Enumerator<Object[]> newEnumerator(
      IncidentIoTable table, IncidentIoQuery query, ApiCallScope scope, long rowCap) {
    int parallelism = table.parallelism();
    return parallelism > 1 && rowCap == 0 && IncidentIoWindows.qualifies(query)
        ? new IncidentIoWindowedEnumerator(table.client(), query, scope, parallelism)
        : new IncidentIoQueryEnumerator(table.client(), query, scope, rowCap);
  }

  /**
   * Returns what EXPLAIN says about reading the query in {@code created_at} windows, or null when
   * it never is: the windows and their requests depend on the first page.
   */
  public static String describeWindows(IncidentIoTable table, IncidentIoQuery query) {
    if (table == null || table.parallelism() < 2 || !IncidentIoWindows.qualifies(query)) {
      return null;
    }
    return "if " + IncidentIoWindows.MIN_WINDOWS * IncidentIoWindows.PAGES_PER_WINDOW
        + " or more pages follow the first, the rest as created_at date ranges of about "
        + IncidentIoWindows.PAGES_PER_WINDOW + " pages, up to " + table.parallelism()
        + " at once";
  }

  /**
   * Returns the bounds of a query's calls from its data context: the statement's cancel flag and
   * its query timeout ({@code Statement.setQueryTimeout}), counted from now.
   */
  static ApiCallScope scope(DataContext root) {
    if (root == null) {
      return ApiCallScope.of(null, null);
    }
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeoutMillis = DataContext.Variable.TIMEOUT.get(root);
    return ApiCallScope.of(flag, timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis));
  }

  /** Returns the single values of one-column rows. */
  public static Enumerable<Object> scalars(
      DataContext root, IncidentIoTable table, IncidentIoQuery query) {
    return enumerable(root, table, query).select((Function1<Object[], Object>) row -> row[0]);
  }

  /**
   * Returns rows as lists, the form Calcite uses for rows without columns: its generated code
   * casts each to a {@link FlatLists.ComparableList}, so each (empty) row is its empty one.
   */
  public static Enumerable<List<Object>> lists(
      DataContext root, IncidentIoTable table, IncidentIoQuery query) {
    return enumerable(root, table, query).select((Function1<Object[], List<Object>>) row -> {
      if (row.length != 0) {
        throw new IllegalStateException("a row of " + row.length + " columns read as a list");
      }
      return FlatLists.of();
    });
  }
}
