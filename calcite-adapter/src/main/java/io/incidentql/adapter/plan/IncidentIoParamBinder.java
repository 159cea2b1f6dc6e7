package io.incidentql.adapter.plan;

import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Match;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.schema.ColumnFilter.Kind;
import io.incidentql.adapter.schema.TableDef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.calcite.sql.SqlKind;

/**
 * Binder of a query's parameter conditions once the statement's parameters are known: each one
 * becomes what the same comparison with a literal becomes (see {@link PushedConditions}).
 */
final class IncidentIoParamBinder {
  private IncidentIoParamBinder() {}

  /**
   * Returns the query's filter with its parameter conditions added, their parameters bound:
   * each one becomes what the same comparison with a literal becomes. A null value matches no
   * row; a value the API cannot take is left to the local check.
   */
  static IncidentIoFilter bind(IncidentIoQuery query, IntFunction<Object> value) {
    IncidentIoFilter filter = query.filter();
    List<Pushed> pushed = new ArrayList<>();
    for (IncidentIoParamCondition pc : query.params()) {
      PushableColumn col = PushableColumn.of(query.table(), pc.column());
      List<Object> values = new ArrayList<>();
      for (int i : pc.params()) {
        values.add(value.apply(i));
      }
      if (values.stream().allMatch(java.util.Objects::isNull)) {
        return IncidentIoFilter.CONTRADICTION;
      }
      if (col != null) {
        pushed.add(bound(query.table(), col, pc.kind(), values));
      }
    }
    boolean lookup = Pushed.lookupWins(filter, pushed);
    for (Pushed p : pushed) {
      if (Pushed.takes(filter, p, lookup)) {
        for (Condition x : p.all()) {
          filter = filter.and(x);
        }
      }
    }
    return filter;
  }

  /** What a comparison of the column with bound values pushes, or null. */
  private static Pushed bound(TableDef table, PushableColumn col, SqlKind kind, List<Object> values) {
    if (col.kind() == Kind.BY_RANK) {
      List<String> ranks = new ArrayList<>();
      for (Object v : values) {
        if (v == null) {
          continue;
        }
        if (!(v instanceof Number)) {
          return null;
        }
        try {
          ranks.add(PushedConditions.text(new BigDecimal(v.toString())));
        } catch (NumberFormatException e) {
          return null; // NaN or infinity: left to the local check
        }
      }
      if (kind == SqlKind.IN || kind == SqlKind.EQUALS) {
        return Pushed.all(Condition.resolved(col.field(), Op.ONE_OF, ranks, col.filter().via(),
            Match.EQUAL), true);
      }
      return PushedConditions.rankComparison(col, kind, new BigDecimal(ranks.get(0)));
    }
    if (col.kind() == Kind.DATE) {
      Object v = values.get(0);
      return kind != SqlKind.IN && v instanceof Long ? PushedConditions.dateComparison(col, kind, (Long) v) : null;
    }
    List<String> strings = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof String) {
        strings.add((String) v);
      } else if (v != null) {
        return null;
      }
    }
    if (kind == SqlKind.NOT_EQUALS) {
      return PushedConditions.negation(table, col, strings);
    }
    return PushedConditions.equality(table, col, strings);
  }
}
