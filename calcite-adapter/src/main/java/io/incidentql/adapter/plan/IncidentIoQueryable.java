package io.incidentql.adapter.plan;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;

/**
 * Table as the planner and the code it generates see it: how much may be pushed into it, how
 * many windows of a long scan it reads at once, and the rows of a planned query. The planner
 * needs nothing else of a table, so it does not depend on the executor that reads the rows.
 */
public interface IncidentIoQueryable {
  /** Whether the planner pushes work into API requests; off, every query reads whole tables. */
  boolean pushdown();

  /** Whether the planner may read a join's side by the keys of the other side. */
  boolean keyJoins();

  /** How many {@code created_at} windows of a long scan are read at once (1: serial only). */
  int parallelism();

  /**
   * Returns the rows of the query, its statement parameters bound from the data context;
   * nothing is requested until they are enumerated.
   */
  Enumerable<Object[]> rows(DataContext root, IncidentIoQuery query);

  /**
   * Returns the rows of {@code outer} joined with this table's rows read by their keys, as
   * {@code fetch} says; the requests are bounded by the statement executing now.
   */
  Enumerable<Object[]> joinByKeys(
      DataContext root, Enumerable<Object[]> outer, IncidentIoKeyFetch fetch);
}
