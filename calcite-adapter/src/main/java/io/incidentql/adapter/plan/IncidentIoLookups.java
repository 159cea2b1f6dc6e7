package io.incidentql.adapter.plan;

import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Match;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Resolver of the conditions whose values a lookup table gives: a severity's id for its name, the
 * severity that bounds a rank, every key of a parent table. It reads the lookup table's rows when
 * the query runs, through the response cache like any other request.
 */
public final class IncidentIoLookups {
  private IncidentIoLookups() {}

  /** Returns the condition to send in place of the resolved {@code c}. */
  static Condition resolve(Condition c, Function<TableDef, List<Object[]>> rowsOf) {
    ColumnFilter.Via via = c.resolve().via();
    TableDef table = IncidentIoTables.byName(via.table());
    int match = table.columnIndex(via.matchColumn());
    int key = table.columnIndex(via.keyColumn());
    if (match < 0 || key < 0) {
      throw new IllegalStateException("lookup " + via + " names a column " + table.name() + " lacks");
    }
    Match m = c.resolve().match();
    TreeSet<String> keys = new TreeSet<>();
    Object[] bound = null;
    for (Object[] row : rowsOf.apply(table)) {
      Object value = row[match];
      Object k = row[key];
      if (value == null || k == null) {
        continue;
      }
      switch (m) {
        case ALL:
          keys.add(k.toString());
          break;
        case EQUAL:
          if (c.values().stream().anyMatch(v -> same(value, v))) {
            keys.add(k.toString());
          }
          break;
        default:
          if (within(m, value, c.values().first())
              && (bound == null || closer(m, value, bound[match]))) {
            bound = row;
          }
      }
    }
    if (bound != null) {
      keys.add(bound[key].toString());
    }
    // No key: no row can match, and the empty list makes the filter a contradiction.
    Op op = keys.isEmpty() ? Op.ONE_OF : c.op();
    return Condition.of(c.field(), op, keys);
  }

  /** Whether a lookup row's value equals a compared value: as numbers for a number column. */
  private static boolean same(Object value, String compared) {
    if (value instanceof Number) {
      try {
        return number(value).compareTo(new BigDecimal(compared)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return value.toString().equals(compared);
  }

  private static BigDecimal number(Object value) {
    return value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
  }

  /** Whether a row's rank is on the wanted side of the compared one. */
  private static boolean within(Match m, Object value, String compared) {
    if (!(value instanceof Number)) {
      return false;
    }
    int cmp = number(value).compareTo(new BigDecimal(compared));
    switch (m) {
      case AT_LEAST:
        return cmp >= 0;
      case ABOVE:
        return cmp > 0;
      case AT_MOST:
        return cmp <= 0;
      case BELOW:
        return cmp < 0;
      default:
        return false;
    }
  }

  /** Whether {@code value} bounds the range more tightly than {@code best} does. */
  private static boolean closer(Match m, Object value, Object best) {
    int cmp = number(value).compareTo(number(best));
    return m == Match.AT_LEAST || m == Match.ABOVE ? cmp < 0 : cmp > 0;
  }
}
