package io.incidentql.adapter.plan;

import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.ColumnFilter.Kind;
import io.incidentql.adapter.schema.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;
import org.apache.calcite.plan.RelOptUtil;
import com.google.common.collect.BoundType;
import com.google.common.collect.Range;

/**
 * Translator of a filter condition into the API's filter parameters: what can be pushed, and
 * what stays local.
 *
 * <p>The condition is split into conjuncts; each one is translated on its own by operator kind
 * (equality and IN, negation, timestamp ranges, id lookups, OR), into conditions that select a
 * superset of the rows the conjunct keeps. A conjunct whose conditions select exactly its rows is
 * absorbed; any other one is also kept as a residual predicate, evaluated locally on what the
 * API returns. What no rule below covers stays local untouched. Which columns can be pushed, and
 * how, is the catalog's {@link ColumnFilter} of each column; what a comparison with known values
 * becomes is {@link PushedConditions}'s, shared with {@link IncidentIoParamBinder}.
 *
 * <p>It is a little over 400 lines because recognising the forms Calcite gives a comparison
 * (casts, {@code SEARCH} over a {@code Sarg}, an OR of parameters for {@code IN (?, ?)}) and
 * placing the OR of {@code filter_mode=any} are one job, read best in one place.
 */
public final class IncidentIoPredicateTranslator {
  /**
   * The outcome: the filter to send, the conditions on parameters to push once bound, and the
   * conjuncts to evaluate locally.
   */
  public record Result(
      IncidentIoFilter filter,
      List<IncidentIoParamCondition> params,
      List<RexNode> residual,
      boolean changed) {}

  private final IncidentIoQuery query;
  /** The single value the condition's conjuncts give each column with =, for keyed filters. */
  private final Map<String, String> keys = new java.util.HashMap<>();

  private IncidentIoPredicateTranslator(IncidentIoQuery query) {
    this.query = query;
  }

  /** Translates {@code condition}, over the rows the query yields, into the query's filter. */
  public static Result translate(IncidentIoQuery query, RexNode condition) {
    return new IncidentIoPredicateTranslator(query).translate(condition);
  }

  private Result translate(RexNode condition) {
    IncidentIoFilter filter = query.filter();
    List<RexNode> conjuncts = RelOptUtil.conjunctions(condition);
    for (RexNode c : conjuncts) {
      keyGiven(c);
    }
    Map<RexNode, Pushed> pushed = new LinkedHashMap<>();
    for (RexNode c : conjuncts) {
      Pushed p = conjunct(c);
      if (p != null) {
        pushed.put(c, p);
      }
    }
    List<RexNode> residual = new ArrayList<>();
    List<IncidentIoParamCondition> params = new ArrayList<>();
    // Conjuncts whose conditions were taken as exact: kept only on the API's word.
    List<RexNode> absorbed = new ArrayList<>();
    boolean changed = false;
    boolean lookup = Pushed.lookupWins(filter, pushed.values());
    for (RexNode c : conjuncts) {
      Pushed p = pushed.get(c);
      if (p != null && p.param() != null) {
        // Its value is known only when the statement runs; until then it is checked locally.
        residual.add(c);
        if (!query.params().contains(p.param()) && !params.contains(p.param())) {
          params.add(p.param());
          changed = true;
        }
        continue;
      }
      if (Pushed.takes(filter, p, lookup)) {
        for (Condition x : p.all()) {
          filter = filter.and(x);
        }
        changed = true;
        if (p.exact()) {
          absorbed.add(c);
        } else {
          residual.add(c);
        }
      } else if (p == null || p.any().isEmpty()) {
        residual.add(c);
      }
    }
    // filter_mode=any turns the filters of the request into disjuncts, so it goes only on a
    // request whose other filters are the table's scopes (narrowed or not), and only once. Since
    // the API does not say whether a scope joins the OR, such an OR is a superset: it and the
    // conjuncts that narrowed a scope are checked again locally, unless the request carries
    // nothing but the OR's own filters.
    for (RexNode c : conjuncts) {
      Pushed p = pushed.get(c);
      if (p == null || p.param() != null || p.any().isEmpty()) {
        continue;
      }
      if (!filter.isContradiction() && filter.any().isEmpty() && !filter.hasLookup()
          && !lookup && query.filter().all().isEmpty() && onlyOnScopes(filter)) {
        filter = filter.withAny(p.any());
        changed = true;
        if (!filter.all().isEmpty() || !query.table().scopes().isEmpty()) {
          residual.add(c);
          residual.addAll(absorbed);
        }
      } else {
        residual.add(c);
      }
    }
    return new Result(filter, params, residual, changed);
  }

  /** Whether every AND condition of the filter is on a field the table always sends. */
  private boolean onlyOnScopes(IncidentIoFilter filter) {
    return filter.all().stream().allMatch(c -> query.table().scope(c.field()) != null);
  }

  /** Notes the value a conjunct {@code column = 'literal'} gives its column. */
  private void keyGiven(RexNode e) {
    if (e.getKind() != SqlKind.EQUALS) {
      return;
    }
    RexCall call = (RexCall) e;
    for (int i = 0; i < 2; i++) {
      RexNode ref = call.getOperands().get(i);
      String value = stringLiteral(call.getOperands().get(1 - i));
      if (ref instanceof RexInputRef && value != null
          && ((RexInputRef) ref).getIndex() < query.projection().size()) {
        String name = query.table().columns()
            .get(query.projection().get(((RexInputRef) ref).getIndex())).name();
        keys.merge(name, value, (a, b) -> a.equals(b) ? a : "");
      }
    }
  }

  /** What = or IN pushes: a keyed filter needs the value its key column is given. */
  private Pushed equality(PushableColumn col, List<String> values) {
    if (col.kind() != ColumnFilter.Kind.KEYED) {
      return PushedConditions.equality(query.table(), col, values);
    }
    String key = keys.get(col.filter().keyColumn());
    if (key == null || !PushedConditions.keyValue(key)
        || !values.stream().allMatch(PushedConditions::listValue)) {
      return null;
    }
    // Rows of incidents that have the value: a superset of the rows, checked again.
    return Pushed.all(Condition.of(col.field() + "[" + key + "]", Op.ONE_OF, values), false);
  }

  /** Translates one conjunct, or returns null if it cannot be pushed. */
  Pushed conjunct(RexNode e) {
    switch (e.getKind()) {
      case EQUALS:
      case NOT_EQUALS:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
        return comparison((RexCall) e);
      case SEARCH:
        return search((RexCall) e);
      case OR:
        return or(e);
      default:
        return null;
    }
  }

  // ---- column and literal recognition

  /** Returns the pushable column a node reads, or null. */
  private PushableColumn column(RexNode e) {
    RexNode ref = e;
    if (e.getKind() == SqlKind.CAST) {
      ref = ((RexCall) e).getOperands().get(0);
      if (!harmlessCast(ref.getType(), e.getType())) {
        return null;
      }
    }
    if (!(ref instanceof RexInputRef)) {
      return null;
    }
    int index = ((RexInputRef) ref).getIndex();
    List<Integer> projection = query.projection();
    if (index >= projection.size()) {
      return null;
    }
    ColumnDef def = query.table().columns().get(projection.get(index));
    ColumnFilter f = def.filter();
    if (f == null) {
      return null;
    }
    boolean typeFits = f.kind() == Kind.DATE ? def.type() == ColumnType.TIMESTAMP
        : f.kind() == Kind.BY_RANK ? def.type() == ColumnType.BIGINT
        : def.type() == ColumnType.VARCHAR;
    return typeFits ? new PushableColumn(def, f) : null;
  }

  /** A cast that neither truncates a string nor changes what a timestamp compares as. */
  private static boolean harmlessCast(RelDataType from, RelDataType to) {
    if (from.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
      return to.getSqlTypeName() == SqlTypeName.TIMESTAMP;
    }
    if (SqlTypeFamily.CHARACTER.contains(from) && to.getSqlTypeName() == SqlTypeName.VARCHAR) {
      return to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
          || (from.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
              && to.getPrecision() >= from.getPrecision());
    }
    return false;
  }

  private static String string(Object value) {
    if (value instanceof NlsString) {
      return ((NlsString) value).getValue();
    }
    return value instanceof String ? (String) value : null;
  }

  private static String stringLiteral(RexNode e) {
    if (!(e instanceof RexLiteral)) {
      return null;
    }
    RexLiteral lit = (RexLiteral) e;
    if (lit.isNull() || !SqlTypeFamily.CHARACTER.contains(lit.getType())) {
      return null;
    }
    return lit.getValueAs(String.class);
  }

  /** Returns an exact numeric literal's value, or null. */
  private static BigDecimal number(RexNode e) {
    if (!(e instanceof RexLiteral) || ((RexLiteral) e).isNull()
        || !SqlTypeFamily.NUMERIC.contains(e.getType())) {
      return null;
    }
    return ((RexLiteral) e).getValueAs(BigDecimal.class);
  }

  /** Returns a timestamp literal's milliseconds since the epoch, or null. */
  private static Long millis(Object value) {
    if (value instanceof TimestampString) {
      return ((TimestampString) value).getMillisSinceEpoch();
    }
    if (value instanceof RexLiteral) {
      RexLiteral lit = (RexLiteral) value;
      if (lit.isNull() || lit.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
        return null;
      }
      return millis(lit.getValueAs(TimestampString.class));
    }
    return null;
  }

  // ---- comparisons: =, <>, <, <=, >, >=

  private Pushed comparison(RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    PushableColumn col = column(left);
    RexNode literal = right;
    if (col == null) {
      col = column(right);
      literal = left;
      kind = kind.reverse();
    }
    if (col == null) {
      return null;
    }
    Integer param = param(literal, col);
    if (param != null) {
      boolean supported = col.kind() == Kind.DATE || col.kind() == Kind.BY_RANK
          ? kind != SqlKind.NOT_EQUALS
          : kind == SqlKind.EQUALS || kind == SqlKind.NOT_EQUALS;
      return supported
          ? Pushed.param(new IncidentIoParamCondition(col.column(), kind, List.of(param)))
          : null;
    }
    if (col.kind() == Kind.DATE) {
      Long t = millis(literal);
      return t == null ? null : PushedConditions.dateComparison(col, kind, t);
    }
    if (col.kind() == Kind.BY_RANK) {
      BigDecimal n = number(literal);
      return n == null ? null : PushedConditions.rankComparison(col, kind, n);
    }
    String value = stringLiteral(literal);
    if (value == null) {
      return null;
    }
    if (kind == SqlKind.EQUALS) {
      return equality(col, List.of(value));
    }
    if (kind == SqlKind.NOT_EQUALS) {
      return PushedConditions.negation(query.table(), col, List.of(value));
    }
    return null;
  }

  /**
   * Returns the position of the statement parameter a node is, or null. A cast around it is
   * accepted only when it cannot change the value: to unbounded VARCHAR or to TIMESTAMP, as
   * the column is.
   */
  private static Integer param(RexNode e, PushableColumn col) {
    RexNode p = e;
    if (e.getKind() == SqlKind.CAST) {
      if (col.kind() == Kind.BY_RANK) {
        return null; // a cast to a whole number would round what is compared, not what is sent
      }
      p = ((RexCall) e).getOperands().get(0);
      SqlTypeName to = e.getType().getSqlTypeName();
      boolean harmless = col.kind() == Kind.DATE ? to == SqlTypeName.TIMESTAMP
          : to == SqlTypeName.VARCHAR && e.getType().getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED;
      if (!harmless) {
        return null;
      }
    }
    if (!(p instanceof RexDynamicParam)) {
      return null;
    }
    SqlTypeName type = p.getType().getSqlTypeName();
    boolean typed = col.kind() == Kind.DATE ? type == SqlTypeName.TIMESTAMP
        : col.kind() == Kind.BY_RANK ? SqlTypeFamily.NUMERIC.contains(p.getType())
        : SqlTypeFamily.CHARACTER.contains(p.getType());
    return typed ? ((RexDynamicParam) p).getIndex() : null;
  }

  /** SEARCH, Calcite's form of IN, NOT IN, BETWEEN and merged comparisons. */
  private Pushed search(RexCall call) {
    PushableColumn col = column(call.getOperands().get(0));
    if (col == null || !(call.getOperands().get(1) instanceof RexLiteral)) {
      return null;
    }
    Sarg<?> sarg = ((RexLiteral) call.getOperands().get(1)).getValueAs(Sarg.class);
    if (sarg == null || sarg.nullAs == RexUnknownAs.TRUE) {
      // IS NULL OR ...: no API operator keeps rows without the field.
      return null;
    }
    if (col.kind() == Kind.DATE) {
      if (sarg.rangeSet.isEmpty()) {
        return null;
      }
      Range<?> span = sarg.rangeSet.span();
      Long from = span.hasLowerBound() ? millis(span.lowerEndpoint()) : null;
      Long to = span.hasUpperBound() ? millis(span.upperEndpoint()) : null;
      if ((span.hasLowerBound() && from == null) || (span.hasUpperBound() && to == null)) {
        return null;
      }
      if (from == null && to == null) {
        return null;
      }
      boolean strict = span.hasUpperBound() && span.upperBoundType() == BoundType.OPEN;
      return PushedConditions.range(col, from, to, strict);
    }
    if (col.kind() == Kind.BY_RANK) {
      return PushedConditions.rankSearch(col, sarg);
    }
    if (sarg.isPoints()) {
      List<String> values = points(sarg.rangeSet.asRanges());
      return values == null ? null : equality(col, values);
    }
    if (sarg.isComplementedPoints()) {
      List<String> values = points(sarg.rangeSet.complement().asRanges());
      return values == null ? null : PushedConditions.negation(query.table(), col, values);
    }
    return null;
  }

  private static List<String> points(Set<? extends Range<?>> ranges) {
    List<String> out = new ArrayList<>();
    for (Range<?> r : ranges) {
      String v = string(r.lowerEndpoint());
      if (v == null) {
        return null;
      }
      out.add(v);
    }
    return out;
  }

  // ---- OR: filter_mode=any

  /**
   * An OR on incidents whose disjuncts each map exactly onto one filter, on distinct filters:
   * sent with {@code filter_mode=any}. A field the table always sends (a scope such as the mode)
   * is never a disjunct.
   */
  private Pushed or(RexNode e) {
    Pushed in = paramList(e);
    if (in != null) {
      return in;
    }
    if (!query.table().anyFilterMode()) {
      return null;
    }
    Map<String, Condition> byKey = new LinkedHashMap<>();
    for (RexNode d : RelOptUtil.disjunctions(e)) {
      Pushed p = conjunct(d);
      if (p == null || !p.exact() || !p.any().isEmpty() || p.all().size() != 1) {
        return null;
      }
      Condition c = p.all().get(0);
      if (query.table().scope(c.field()) != null || c.op() == Op.EQUALS || c.op() == Op.LOOKUP
          || c.isResolved()) {
        return null;
      }
      String key = c.field() + "[" + c.op().apiName() + "]";
      Condition same = byKey.get(key);
      if (same != null) {
        if (c.op() != Op.ONE_OF) {
          return null;
        }
        TreeSet<String> union = new TreeSet<>(same.values());
        union.addAll(c.values());
        c = new Condition(c.field(), Op.ONE_OF, union);
      }
      byKey.put(key, c);
    }
    return new Pushed(List.of(), new ArrayList<>(byKey.values()), true);
  }

  /** {@code col IN (?, ?)}, which arrives as an OR of equalities with parameters. */
  private Pushed paramList(RexNode e) {
    String column = null;
    List<Integer> params = new ArrayList<>();
    for (RexNode d : RelOptUtil.disjunctions(e)) {
      Pushed p = d.getKind() == SqlKind.EQUALS ? comparison((RexCall) d) : null;
      if (p == null || p.param() == null
          || (column != null && !column.equals(p.param().column()))) {
        return null;
      }
      column = p.param().column();
      params.addAll(p.param().params());
    }
    return Pushed.param(new IncidentIoParamCondition(column, SqlKind.IN, params));
  }
}
