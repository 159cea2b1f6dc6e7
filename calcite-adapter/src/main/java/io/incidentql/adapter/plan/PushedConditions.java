package io.incidentql.adapter.plan;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Match;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;

/**
 * Mapper of a comparison between a pushable column and known values to the API conditions that
 * select its rows (or a superset of them), by the column's capability: lists, {@code is}, scopes,
 * plain parameters, lookups, names and ranks resolved through a lookup table, date ranges. Both
 * the translator (literals) and the binder (statement parameters) use it, so that a parameter
 * pushes what the same literal would.
 */
final class PushedConditions {
  private PushedConditions() {}

  // ---- equality and IN

  static Pushed equality(TableDef table, PushableColumn col, List<String> values) {
    switch (col.kind()) {
      case LIST: {
        if (!values.stream().allMatch(PushedConditions::listValue)) {
          return null;
        }
        return Pushed.all(Condition.of(col.field(), Op.ONE_OF, values), true);
      }
      case IS:
        if (values.size() != 1 || values.get(0).isEmpty()) {
          return null;
        }
        return Pushed.all(Condition.of(col.field(), Op.IS, values), true);
      case SCOPE: {
        // The table holds the scope's values only; another value matches no row of it.
        TreeSet<String> held = new TreeSet<>(values);
        held.retainAll(table.scope(col.field()).values());
        return Pushed.all(Condition.of(col.field(), Op.ONE_OF, held), true);
      }
      case EQUALS:
        if (values.stream().anyMatch(String::isEmpty)) {
          return null;
        }
        return Pushed.all(Condition.of(col.field(), Op.EQUALS, values), true);
      case LOOKUP:
        if (col.filter().keyForm() == ColumnFilter.KeyForm.NUMERIC_SUFFIX) {
          // Another prefix comes back as the same row: the comparison is checked again.
          return values.stream().allMatch(v -> IncidentIoQuery.lookupKey(col.filter(), v) != null)
              ? Pushed.all(Condition.of(col.column(), Op.LOOKUP, values), false)
              : null;
        }
        return values.stream().allMatch(v -> pathValue(v) && !readAsReference(table, v))
            ? Pushed.all(Condition.of(col.column(), Op.LOOKUP, values), true)
            : null;
      case BY_NAME:
      case BY_RANK:
        return Pushed.all(Condition.resolved(col.field(), Op.ONE_OF, values, col.filter().via(),
            Match.EQUAL), true);
      default:
        return null;
    }
  }

  /** Whether a value can name the key of a keyed filter, between brackets. */
  static boolean keyValue(String v) {
    return listValue(v) && v.indexOf('[') < 0 && v.indexOf(']') < 0 && v.indexOf('&') < 0
        && v.indexOf('=') < 0;
  }

  /** Whether a value can be a path segment: the API would read another path otherwise. */
  static boolean pathValue(String v) {
    return !v.isEmpty() && !v.equals(".") && !v.equals("..");
  }

  /**
   * Whether the show request would read a value as the number of a reference rather than as the
   * id it spells: where a table is also looked up by reference ({@code GET /v2/incidents/84} is
   * INC-84, whatever its id), a number asks for another row than the one it names.
   */
  static boolean readAsReference(TableDef table, String v) {
    if (v.isEmpty() || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return false;
    }
    TableDef shown =
        table.child() == null ? table : IncidentIoTables.byName(table.child().parentTable());
    return shown.columns().stream().map(ColumnDef::filter).anyMatch(f -> f != null
        && f.kind() == ColumnFilter.Kind.LOOKUP && f.keyForm() == ColumnFilter.KeyForm.NUMERIC_SUFFIX);
  }

  // ---- ranks of a lookup table: severity_rank >= 3

  static String text(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }

  /** What comparing a rank column with a number pushes, or null. */
  static Pushed rankComparison(PushableColumn col, SqlKind kind, BigDecimal n) {
    Match match;
    switch (kind) {
      case EQUALS:
        return Pushed.all(Condition.resolved(col.field(), Op.ONE_OF, List.of(text(n)),
            col.filter().via(), Match.EQUAL), true);
      case GREATER_THAN_OR_EQUAL:
        match = Match.AT_LEAST;
        break;
      case GREATER_THAN:
        match = Match.ABOVE;
        break;
      case LESS_THAN_OR_EQUAL:
        match = Match.AT_MOST;
        break;
      case LESS_THAN:
        match = Match.BELOW;
        break;
      default:
        return null;
    }
    Op op = match == Match.AT_LEAST || match == Match.ABOVE ? Op.GTE : Op.LTE;
    return Pushed.all(
        Condition.resolved(col.field(), op, List.of(text(n)), col.filter().via(), match), true);
  }

  /**
   * IN, BETWEEN and merged comparisons on a rank column: a list of ranks, or one bound. Of a
   * range bounded on both sides only the lower bound is sent (two bounds on one field are not
   * known to be accepted), and the range is checked again locally.
   */
  static Pushed rankSearch(PushableColumn col, Sarg<?> sarg) {
    if (sarg.isPoints()) {
      List<String> values = new ArrayList<>();
      for (Range<?> r : sarg.rangeSet.asRanges()) {
        if (!(r.lowerEndpoint() instanceof BigDecimal)) {
          return null;
        }
        values.add(text((BigDecimal) r.lowerEndpoint()));
      }
      return Pushed.all(Condition.resolved(col.field(), Op.ONE_OF, values, col.filter().via(),
          Match.EQUAL), true);
    }
    if (sarg.rangeSet.asRanges().size() != 1) {
      return null;
    }
    Range<?> r = sarg.rangeSet.span();
    if (r.hasLowerBound() && r.lowerEndpoint() instanceof BigDecimal) {
      Pushed p = rankComparison(col, r.lowerBoundType() == BoundType.CLOSED
          ? SqlKind.GREATER_THAN_OR_EQUAL : SqlKind.GREATER_THAN, (BigDecimal) r.lowerEndpoint());
      return r.hasUpperBound() ? new Pushed(p.all(), List.of(), false) : p;
    }
    if (r.hasUpperBound() && r.upperEndpoint() instanceof BigDecimal) {
      return rankComparison(col, r.upperBoundType() == BoundType.CLOSED
          ? SqlKind.LESS_THAN_OR_EQUAL : SqlKind.LESS_THAN, (BigDecimal) r.upperEndpoint());
    }
    return null;
  }

  /** Whether a value can go into a list operator: the API splits lists on commas. */
  static boolean listValue(String v) {
    return !v.isEmpty() && v.indexOf(',') < 0;
  }

  // ---- negation: <> and NOT IN

  static Pushed negation(TableDef table, PushableColumn col, List<String> values) {
    switch (col.kind()) {
      case LIST: {
        List<String> sendable = new ArrayList<>();
        boolean exact = col.notInExact();
        for (String v : values) {
          if (!listValue(v)) {
            // Leaving a value out of not_in only widens what comes back.
            exact = false;
          } else {
            sendable.add(v);
          }
        }
        if (sendable.isEmpty()) {
          return null;
        }
        return Pushed.all(Condition.of(col.field(), Op.NOT_IN, sendable), exact);
      }
      case SCOPE: {
        TreeSet<String> held = new TreeSet<>(table.scope(col.field()).values());
        held.removeAll(values);
        return Pushed.all(Condition.of(col.field(), Op.ONE_OF, held), true);
      }
      default:
        return null;
    }
  }

  // ---- timestamp ranges

  /**
   * Bounds a timestamp column by dates, rounded outward: {@code gte=D} passes from D 00:00Z on,
   * {@code lte=D} up to D 00:00Z inclusive. Never exact, so the predicate is always re-checked.
   *
   * @param from lower bound in epoch millis, or null
   * @param to upper bound in epoch millis, or null
   * @param strict whether the upper bound is excluded
   */
  static Pushed range(PushableColumn col, Long from, Long to, boolean strict) {
    List<Condition> out = new ArrayList<>();
    if (from != null) {
      LocalDate day = floorDay(from);
      if (day != null) {
        out.add(Condition.of(col.field(), Op.GTE, List.of(day.toString())));
      }
    }
    if (to != null) {
      long t = to;
      LocalDate floor = floorDay(t);
      LocalDate day;
      if (floor == null) {
        day = null;
      } else if (strict && floor.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() == t) {
        // v < D 00:00 is inside v <= D 00:00.
        day = floor;
      } else {
        // v <= T, as far as millisecond (or coarser) truncation goes, is below the next 00:00.
        day = floor.plusDays(1);
      }
      if (day != null && day.getYear() <= 9999) {
        out.add(Condition.of(col.field(), Op.LTE, List.of(day.toString())));
      }
    }
    return out.isEmpty() ? null : new Pushed(out, List.of(), false);
  }

  /** The UTC day holding the instant, or null outside the years the API's dates can name. */
  static LocalDate floorDay(long millis) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(millis, 86_400_000L));
    return day.getYear() < 1 || day.getYear() > 9999 ? null : day;
  }

  /** What comparing a timestamp column with an instant pushes, or null. */
  static Pushed dateComparison(PushableColumn col, SqlKind kind, long t) {
    switch (kind) {
      case EQUALS:
        return range(col, t, t, false);
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return range(col, t, null, false);
      case LESS_THAN:
        return range(col, null, t, true);
      case LESS_THAN_OR_EQUAL:
        return range(col, null, t, false);
      default:
        return null;
    }
  }
}
