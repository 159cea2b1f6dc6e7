package io.incidentql.adapter.plan;

import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Description of how the inner side of a join is read by the keys of its outer side: the inner
 * scan's query, the inner column that the keys are sent for (by its catalog capability: a show
 * request per key, a plain parameter per key, or {@code one_of} lists of keys), the key columns
 * of both rows, and whether outer rows without a match are kept.
 *
 * @param query the inner scan's query, without the keys
 * @param innerKey the key's position in an inner row
 * @param outerKey the key's position in an outer row
 * @param keepUnmatched whether an outer row without a match is kept, padded with nulls (LEFT
 *     JOIN)
 */
public record IncidentIoKeyFetch(
    IncidentIoQuery query, int innerKey, int outerKey, boolean keepUnmatched) {
  /** Keys per {@code one_of} request: about 2 KB of URL with the longest ids, far below limits. */
  static final int LIST_BATCH = 50;

  /**
   * Returns whether the inner query can be read by keys of the column at {@code innerKey}: the
   * column's capability sends the keys as a condition the API applies together with everything
   * already pushed (a show request applies no filter at all, so it needs a query without one),
   * and the query reads all rows (a limit or a count is of the whole table, not of each key).
   */
  static boolean supports(IncidentIoQuery query, int innerKey) {
    if (query.isCount() || query.hasLimit() || query.isLookup() || query.isEmpty()
        || !query.filter().any().isEmpty()) {
      return false;
    }
    ColumnFilter f = column(query, innerKey).filter();
    if (f == null) {
      return false;
    }
    switch (f.kind()) {
      case LIST:
      case EQUALS:
        return true;
      case LOOKUP:
        return f.keyForm() == ColumnFilter.KeyForm.VERBATIM
            && query.filter().all().isEmpty() && query.params().isEmpty();
      default:
        return false;
    }
  }

  private static ColumnDef column(IncidentIoQuery query, int innerKey) {
    return query.table().columns().get(query.projection().get(innerKey));
  }

  /** The inner column the keys are sent for. */
  public ColumnDef column() {
    return column(query, innerKey);
  }

  /** How many new keys are sent together: a list takes many, the other forms one per request. */
  public int batch() {
    return column().filter().kind() == ColumnFilter.Kind.LIST ? LIST_BATCH : 1;
  }

  /** The number of columns of an inner row. */
  public int innerWidth() {
    return query.projection().size();
  }

  /**
   * Returns the inner query narrowed to rows whose key column is one of the keys, or null when
   * some key cannot be sent (an empty string, a comma in a list value, a path segment such as
   * {@code ..}): such a key is then matched against a scan of the whole inner side.
   */
  public IncidentIoQuery queryFor(Collection<String> keys) {
    Pushed p = PushedConditions.equality(query.table(),
        PushableColumn.of(query.table(), column().name()), new ArrayList<>(keys));
    if (p == null || !p.any().isEmpty() || p.param() != null || p.all().isEmpty()) {
      return null;
    }
    IncidentIoFilter f = query.filter();
    for (Condition c : p.all()) {
      f = f.and(c);
    }
    return query.withFilter(f);
  }

  /** Estimated requests to read the inner rows of {@code keys} distinct keys. */
  double estimatedRequests(double keys) {
    return estimatedRequests(keys, queryFor(List.of("key")));
  }

  /** As {@link #estimatedRequests(double)}, given the query of one key (null: not sendable). */
  private double estimatedRequests(double keys, IncidentIoQuery one) {
    if (one == null) {
      return Double.MAX_VALUE;
    }
    if (batch() == 1) {
      return keys * one.estimatedRequests();
    }
    // A list request of many keys pages through the rows of all of them.
    double pageSize = Math.max(1, one.pageSize());
    return Math.max(Math.ceil(keys / batch()), Math.ceil(keys * one.estimatedRowsFetched() / pageSize));
  }

  /** Estimated inner rows per key. */
  double estimatedRowsPerKey() {
    IncidentIoQuery one = queryFor(List.of("key"));
    return one == null ? query.estimatedRowsFetched() : one.estimatedRowsFetched();
  }

  /**
   * Returns the text EXPLAIN shows: the requests for one key (or one list of keys), the scan
   * that replaces them past the number of keys where they would cost more, and the count that
   * settles that number where the API tells it.
   */
  String describe(String outerColumn) {
    IncidentIoQuery one = queryFor(List.of("{" + outerColumn + "}"));
    String what = batch() == 1 ? "for each key of " + outerColumn
        : "for each " + batch() + " keys of " + outerColumn;
    String text = what + ": " + (one == null ? query : one).describeRequests() + "; past "
        + keys(keysWorthReading()) + ", one scan instead: " + query.describeRequests();
    long count = keysWorthCounting();
    return count == 0 ? text : text + "; past " + keys(count)
        + ", the rows are counted first to settle that number: " + countQuery().describeRequests();
  }

  private static String keys(long n) {
    return n + (n == 1 ? " key" : " keys");
  }

  /**
   * Returns the most distinct keys whose inner rows are estimated to take no more requests by
   * key than one scan of the whole inner side, at the estimated size of the table; with more,
   * the join scans (0: a scan always costs less).
   */
  public long keysWorthReading() {
    return keysWithin(query.estimatedRequests());
  }

  /**
   * Returns the most distinct keys worth reading by key, as {@link #keysWorthReading()} does,
   * once the API has told the inner side's rows: its pages are then known, not estimated.
   */
  public long keysWorthReading(long innerRows) {
    double pages = query.pageSize() > 0 ? Math.ceil((double) innerRows / query.pageSize()) : 1;
    return keysWithin(Math.max(query.requests().size(), pages));
  }

  /**
   * Returns the distinct keys past which the join counts the inner side's rows first, where the
   * API tells the count cheaply ({@code total_record_count} in a one-row page); 0 where it does
   * not. Counting is one request and the shortest scan one more, so it can pay off only once
   * the keys need more than two requests.
   */
  public long keysWorthCounting() {
    if (!query.table().countable() || !query.table().paged() || query.isEmpty()) {
      return 0;
    }
    return keysWithin(2);
  }

  /** The query that counts the inner side's rows, with everything else pushed into it. */
  public IncidentIoQuery countQuery() {
    return query.withCount("rows");
  }

  /** Returns the most distinct keys estimated to take no more than {@code requests} by key. */
  private long keysWithin(double requests) {
    // The query of one key is the same at every step: built once, not once per step.
    IncidentIoQuery one = queryFor(List.of("key"));
    long low = 0;
    long high = 1;
    while (high < Integer.MAX_VALUE && estimatedRequests(high, one) <= requests) {
      low = high;
      high *= 2;
    }
    // The estimate grows with the keys: the last count within the requests.
    while (high - low > 1) {
      long mid = (low + high) / 2;
      if (estimatedRequests(mid, one) > requests) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return low;
  }
}
