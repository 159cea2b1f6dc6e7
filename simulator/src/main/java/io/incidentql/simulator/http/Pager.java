package io.incidentql.simulator.http;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Cutter of one page out of rows kept in response order.
 *
 * <p>The cursor is the id of the last row of the previous page: the next page starts right after
 * that row's position in the order, whether or not the row matches the current filters. An id
 * that is no row of the endpoint is a 422. The page's {@code after} is the id of its last row
 * when more matching rows follow; with {@code trailingCursorOnFullPage} it is also given when
 * the page is merely full, so that the last page of an exact multiple is an empty one.
 */
final class Pager {
  private Pager() {}

  /** One cut page. {@code total} is the number of matching rows in the whole result, or -1. */
  record Page<R>(List<R> rows, String after, long total) {}

  /**
   * Finds where a page starts.
   *
   * @param position maps an id to its position in {@code order}, or -1
   */
  static int start(String after, ToIntFunction<String> position) {
    if (after == null) {
      return 0;
    }
    int at = position.applyAsInt(after);
    if (at < 0) {
      throw ApiError.invalidValue("after",
          "'" + after + "' is not the id of a record of this endpoint, so it is no cursor");
    }
    return at + 1;
  }

  static <R> Page<R> cut(List<R> order, int start, int size, Predicate<R> filter,
      Function<R, String> id, boolean trailingCursorOnFullPage, boolean countTotal) {
    List<R> rows = new ArrayList<>(Math.min(size, 64));
    int i = start;
    for (; i < order.size() && rows.size() < size; i++) {
      R row = order.get(i);
      if (filter.test(row)) {
        rows.add(row);
      }
    }
    boolean more = false;
    for (; i < order.size(); i++) {
      if (filter.test(order.get(i))) {
        more = true;
        break;
      }
    }
    String after = null;
    if (!rows.isEmpty() && (more || (trailingCursorOnFullPage && rows.size() == size))) {
      after = id.apply(rows.get(rows.size() - 1));
    }
    long total = -1;
    if (countTotal) {
      total = 0;
      for (R row : order) {
        if (filter.test(row)) {
          total++;
        }
      }
    }
    return new Page<>(rows, after, total);
  }

  /** A read-only view of {@code list} in reverse order. */
  static <R> List<R> reversed(List<R> list) {
    return new Reversed<>(list);
  }

  private static final class Reversed<R> extends AbstractList<R> implements RandomAccess {
    private final List<R> list;

    Reversed(List<R> list) {
      this.list = list;
    }

    @Override
    public R get(int index) {
      return list.get(list.size() - 1 - index);
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
