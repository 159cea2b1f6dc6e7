package io.incidentql.adapter.exec;

import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.ColumnType;
import io.incidentql.adapter.schema.TableDef;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Check, on a converted row, of the filters a query sends: each condition on the column it
 * filters, with the meaning the API gives it, which for an exact condition is the meaning SQL
 * gives the predicate it was pushed for. {@code one_of} and {@code not_in} on a list or scope
 * field, {@code is} and a plain parameter are string comparisons; a date bound is its day at
 * 00:00Z, as the API rounds it (never narrower than the predicate, which SQL re-checks).
 * Conditions it cannot check (lookups, ranks, keyed filters, a parent key the rows do not carry)
 * are left out, and {@link #complete()} says whether any was.
 */
final class LocalFilter {
  private final int[] columns;
  private final List<Check> checks;
  private final boolean complete;

  private LocalFilter(int[] columns, List<Check> checks, boolean complete) {
    this.columns = columns;
    this.checks = checks;
    this.complete = complete;
  }

  /**
   * Compiles the checks of the query's conditions ({@code exactOnly}: only those the API applies
   * exactly, not date bounds) over rows converted with {@code layout} followed by the columns
   * the checks need and the layout lacks ({@link #columns()}).
   */
  static LocalFilter of(IncidentIoQuery query, int[] layout, boolean exactOnly) {
    TableDef def = query.table();
    int[] columns = layout;
    List<Check> checks = new ArrayList<>();
    boolean complete = true;
    TableDef.ParentKey parent = def.parent();
    int fromRequest = parent != null && parent.fromRequest() ? def.columnIndex(parent.column()) : -1;
    for (Condition c : query.filter().all()) {
      if (exactOnly && (c.op() == Op.GTE || c.op() == Op.LTE)) {
        continue;
      }
      int column = columnOf(def, c);
      if (column < 0 || column == fromRequest) {
        complete = false;
        continue;
      }
      int at = indexOf(columns, column);
      if (at < 0) {
        at = columns.length;
        columns = Arrays.copyOf(columns, columns.length + 1);
        columns[at] = column;
      }
      checks.add(new Check(at, c));
    }
    return new LocalFilter(columns, checks, complete);
  }

  /** The columns a row must hold for the checks: the layout, then those the checks add. */
  int[] columns() {
    return columns;
  }

  /** Whether every condition of the query is checked. */
  boolean complete() {
    return complete;
  }

  /** Whether there is anything to check. */
  boolean isEmpty() {
    return checks.isEmpty();
  }

  /** Whether the row passes every check. */
  boolean passes(Object[] row) {
    for (Check check : checks) {
      if (!check.passes(row)) {
        return false;
      }
    }
    return true;
  }

  /** The first condition the row fails, or null. */
  Condition failed(Object[] row) {
    for (Check check : checks) {
      if (!check.passes(row)) {
        return check.condition();
      }
    }
    return null;
  }

  /**
   * The table column a condition filters, where it can be checked on the column's value: a
   * string column for the list, scope, {@code is} and plain forms, a timestamp column for date
   * bounds; -1 otherwise.
   */
  private static int columnOf(TableDef def, Condition c) {
    for (int i = 0; i < def.columns().size(); i++) {
      ColumnDef col = def.columns().get(i);
      ColumnFilter f = col.filter();
      if (f == null || !f.field().equals(c.field())) {
        continue;
      }
      boolean fits = switch (c.op()) {
        case ONE_OF, NOT_IN -> f.kind() == ColumnFilter.Kind.LIST || f.kind() == ColumnFilter.Kind.SCOPE;
        case IS -> f.kind() == ColumnFilter.Kind.IS;
        case EQUALS -> f.kind() == ColumnFilter.Kind.EQUALS;
        case GTE, LTE -> f.kind() == ColumnFilter.Kind.DATE;
        default -> false;
      };
      ColumnType wanted = f.kind() == ColumnFilter.Kind.DATE ? ColumnType.TIMESTAMP : ColumnType.VARCHAR;
      if (fits && col.type() == wanted) {
        return i;
      }
    }
    return -1;
  }

  static int indexOf(int[] columns, int column) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == column) {
        return i;
      }
    }
    return -1;
  }

  /**
   * One condition checked on the value at a position of a converted row; a date bound's day is
   * held as its 00:00Z in epoch milliseconds, which is how the API reads it.
   */
  private record Check(int at, Condition condition, long day) {
    Check(int at, Condition condition) {
      this(at, condition, condition.op() == Op.GTE || condition.op() == Op.LTE
          ? LocalDate.parse(condition.values().first()).atStartOfDay(ZoneOffset.UTC).toInstant()
              .toEpochMilli()
          : 0);
    }

    boolean passes(Object[] row) {
      Object v = row[at];
      Set<String> values = condition.values();
      switch (condition.op()) {
        case ONE_OF:
        case IS:
        case EQUALS:
          return v != null && values.contains(v.toString());
        case NOT_IN:
          // The API's not_in keeps rows without the field.
          return v == null || !values.contains(v.toString());
        case GTE:
          return v != null && (Long) v >= day;
        case LTE:
          return v != null && (Long) v <= day;
        default:
          return false;
      }
    }
  }
}
