package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.IncidentIoTable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Function1;

/** Entry point of generated code: the rows of one {@link IncidentIoQuery}, read lazily. */
public final class IncidentIoExecutor {
  private IncidentIoExecutor() {}

  /**
   * Returns the rows of the query, its statement parameters bound from the data context;
   * nothing is requested until they are enumerated.
   */
  public static Enumerable<Object[]> enumerable(
      DataContext root, IncidentIoTable table, IncidentIoQuery planned) {
    ApiCallScope scope = scope(root);
    IncidentIoQuery query = root == null ? planned : planned.bind(i -> root.get("?" + i));
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new IncidentIoQueryEnumerator(table.client(), query, scope);
      }
    };
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

  /** Returns rows as lists, the form Calcite uses for rows without columns. */
  public static Enumerable<List<Object>> lists(
      DataContext root, IncidentIoTable table, IncidentIoQuery query) {
    return enumerable(root, table, query).select((Function1<Object[], List<Object>>) Arrays::asList);
  }
}
