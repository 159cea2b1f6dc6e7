package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.TableDef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/** Entry point of generated code: the rows of one {@link IncidentIoQuery}, read lazily. */
public final class IncidentIoExecutor {
  /**
   * The statement being executed on this thread: JDBC's {@code setMaxRows} is enforced by the
   * driver's result set and never reaches the plan, and Calcite counts the query timeout from the
   * start of reading rather than of execution, with no cancel check while it plans; so the driver
   * passes both here.
   */
  private static final ThreadLocal<Execution> EXECUTION = new ThreadLocal<>();

  /**
   * A statement's execution: the most rows its consumer reads (0: no cap), a hint that keeps its
   * scans from fetching ahead (the driver enforces the cap), and the bounds of its work (cancel
   * flag, deadline from the start of the execution).
   */
  public record Execution(long rowCap, ApiCallScope scope) {}

  private IncidentIoExecutor() {}

  /**
   * Runs a statement's execution (which plans it, unless prepared, and binds its scans) within
   * {@code execution}: its scans do not fetch pages ahead when its consumer reads a capped number
   * of rows, and its planning and its calls end when the scope's query is cancelled or runs out
   * of time.
   */
  public static <T> T within(Execution execution, Callable<T> work) throws Exception {
    Execution previous = EXECUTION.get();
    EXECUTION.set(execution);
    try {
      return work.call();
    } finally {
      if (previous == null) {
        EXECUTION.remove();
      } else {
        EXECUTION.set(previous);
      }
    }
  }

  /**
   * Fails if the statement executing on this thread was cancelled, ran out of time or had its
   * thread interrupted; {@code doing} says what it was doing, such as "being planned". Without
   * such a statement, only an interrupt counts.
   */
  public static void checkStopped(String doing) {
    Execution execution = EXECUTION.get();
    (execution == null ? ApiCallScope.NONE : execution.scope()).checkStopped(doing);
  }

  /**
   * Returns the rows of the query, its statement parameters bound from the data context, read
   * through {@code client}, up to {@code parallelism}
   * windows at once; nothing is requested until they are enumerated.
   */
  public static Enumerable<Object[]> enumerable(DataContext root, IncidentIoClient client,
      int parallelism, IncidentIoQuery planned) {
    Function<IncidentIoQuery, Enumerator<Object[]>> reader = reader(root, client, parallelism);
    // Bound now, so that a parameter's mistake fails the execution (binding twice is a no-op).
    IncidentIoQuery query = root == null ? planned : planned.bind(i -> root.get("?" + i));
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return reader.apply(query);
      }
    };
  }

  /**
   * Returns a reader of queries through {@code client} within the statement executing on this
   * thread now, for queries known only while rows are read (such as those by the keys of a
   * join): each is bound to the statement's parameters and bounded by its cancel flag and
   * deadline.
   */
  public static Function<IncidentIoQuery, Enumerator<Object[]>> reader(DataContext root,
      IncidentIoClient client, int parallelism) {
    Execution execution = EXECUTION.get();
    ApiCallScope scope = execution != null ? execution.scope() : scope(root);
    long rowCap = execution == null ? 0 : execution.rowCap();
    return planned -> newEnumerator(client, parallelism,
        root == null ? planned : planned.bind(i -> root.get("?" + i)), scope, rowCap);
  }

  /** Returns every row of a lookup table, all columns in table order, within {@code scope}. */
  static List<Object[]> lookupRows(IncidentIoClient client, TableDef def, ApiCallScope scope) {
    IncidentIoQuery query = IncidentIoQuery.fullScan(def).resolve(t -> lookupRows(client, t, scope));
    List<Object[]> rows = new ArrayList<>();
    IncidentIoScanEnumerator reader = new IncidentIoScanEnumerator(client, query, scope, 0, 1);
    try {
      while (reader.moveNext()) {
        rows.add(reader.current());
      }
    } finally {
      reader.close();
    }
    return List.copyOf(rows);
  }

  /**
   * Returns an enumerator of the query's rows, its names and ranks resolved to keys first; see
   * {@link IncidentIoScanEnumerator} for when it reads a long scan in windows.
   */
  static Enumerator<Object[]> newEnumerator(IncidentIoClient client, int parallelism,
      IncidentIoQuery query, ApiCallScope scope, long rowCap) {
    // Names and ranks become keys, and missing parent keys are listed, before anything else;
    // the lookup tables' requests are answered by the client's response cache when fresh.
    query = query.resolve(t -> lookupRows(client, t, scope));
    if (query.table().child() != null) {
      // The parent's rows, read as the parent's scan would read them, then expanded.
      return new ChildRowsEnumerator(
          newEnumerator(client, parallelism, query.forParent(), scope, rowCap),
          new ChildRows(query.table(), query.projectionArray()));
    }
    return new IncidentIoScanEnumerator(client, query, scope, rowCap, parallelism);
  }

  /**
   * Returns the bounds of a query's calls from its data context, for an execution the driver did
   * not start: the statement's cancel flag and its query timeout, counted from now.
   */
  static ApiCallScope scope(DataContext root) {
    if (root == null) {
      return ApiCallScope.of(null, null);
    }
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeoutMillis = DataContext.Variable.TIMEOUT.get(root);
    return ApiCallScope.of(flag, timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis));
  }
}
