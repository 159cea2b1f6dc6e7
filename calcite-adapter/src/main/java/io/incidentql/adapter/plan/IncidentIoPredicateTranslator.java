package io.incidentql.adapter.plan;

import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.plan.IncidentIoFilter.Match;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.ColumnFilter.Kind;
import io.incidentql.adapter.schema.ColumnType;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
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
 * how, is the catalog's {@link ColumnFilter} of each column.
 */
public final class IncidentIoPredicateTranslator {
  /** A column of the scanned table whose predicates can reach the API, and how. */
  record PushableColumn(ColumnDef def, ColumnFilter filter) {
    String column() {
      return def.name();
    }

    Kind kind() {
      return filter.kind();
    }

    String field() {
      return filter.field();
    }

    boolean notInExact() {
      return filter.notInExact();
    }
  }

  /** Returns the names of the columns, in any table, whose predicates can reach the API. */
  public static Set<String> pushableColumnNames() {
    Set<String> names = new TreeSet<>();
    for (TableDef t : IncidentIoTables.all()) {
      for (ColumnDef c : t.columns()) {
        if (c.filter() != null) {
          names.add(c.name());
        }
      }
    }
    return names;
  }

  /**
   * The outcome: the filter to send, the conditions on parameters to push once bound, and the
   * conjuncts to evaluate locally.
   */
  public record Result(
      IncidentIoFilter filter,
      List<IncidentIoParamCondition> params,
      List<RexNode> residual,
      boolean changed) {}

  /**
   * What one conjunct becomes: conditions that all hold, or that any holds; or, for a comparison
   * with a statement parameter, the condition to push once the parameter is bound.
   */
  record Pushed(
      List<Condition> all, List<Condition> any, boolean exact, IncidentIoParamCondition param) {
    Pushed(List<Condition> all, List<Condition> any, boolean exact) {
      this(all, any, exact, null);
    }

    static Pushed all(Condition c, boolean exact) {
      return new Pushed(List.of(c), List.of(), exact);
    }

    static Pushed param(IncidentIoParamCondition param) {
      return new Pushed(List.of(), List.of(), false, param);
    }
  }

  private final IncidentIoQuery query;

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
    boolean lookup = lookupWins(filter, pushed.values());
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
      if (takes(filter, p, lookup)) {
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

  /** Whether an id lookup among the pushed conjuncts replaces list requests altogether. */
  private static boolean lookupWins(IncidentIoFilter filter, Collection<Pushed> pushed) {
    return pushed.stream().anyMatch(p -> p != null && isLookup(p))
        && filter.all().isEmpty() && filter.any().isEmpty();
  }

  /** Whether a conjunct's AND conditions join the filter built so far. */
  private static boolean takes(IncidentIoFilter filter, Pushed p, boolean lookup) {
    if (p == null || filter.isContradiction() || filter.hasLookup()) {
      return false;
    }
    if (lookup) {
      // GET /v2/alerts/{id} takes no filter: everything else is checked locally.
      return isLookup(p);
    }
    if (isLookup(p)) {
      // Filters already sent would be lost on a GET by id, so the id is checked locally.
      return false;
    }
    if (!p.any().isEmpty()) {
      return false; // placed after every AND condition is known
    }
    for (Condition c : p.all()) {
      // One bound per field: a second one is checked locally.
      if (c.isResolved() && (c.op() == Op.GTE || c.op() == Op.LTE)
          && filter.all().stream().anyMatch(x -> x.field().equals(c.field())
              && (x.op() == Op.GTE || x.op() == Op.LTE))) {
        return false;
      }
    }
    // Under filter_mode=any a condition sent later may become one more disjunct.
    return filter.any().isEmpty();
  }

  private static boolean isLookup(Pushed p) {
    return p.all().stream().anyMatch(c -> c.op() == Op.LOOKUP);
  }

  /**
   * Returns the query's filter with its parameter conditions added, their parameters bound:
   * each one becomes what the same comparison with a literal becomes. A null value matches no
   * row; a value the API cannot take is left to the local check.
   */
  static IncidentIoFilter bind(IncidentIoQuery query, IntFunction<Object> value) {
    IncidentIoPredicateTranslator t = new IncidentIoPredicateTranslator(query);
    IncidentIoFilter filter = query.filter();
    List<Pushed> pushed = new ArrayList<>();
    for (IncidentIoParamCondition pc : query.params()) {
      PushableColumn col = pushable(query.table(), pc.column());
      List<Object> values = new ArrayList<>();
      for (int i : pc.params()) {
        values.add(value.apply(i));
      }
      if (values.stream().allMatch(java.util.Objects::isNull)) {
        return IncidentIoFilter.CONTRADICTION;
      }
      if (col != null) {
        pushed.add(t.bound(col, pc.kind(), values));
      }
    }
    boolean lookup = lookupWins(filter, pushed);
    for (Pushed p : pushed) {
      if (takes(filter, p, lookup)) {
        for (Condition x : p.all()) {
          filter = filter.and(x);
        }
      }
    }
    return filter;
  }

  /** What a comparison of the column with bound values pushes, or null. */
  private Pushed bound(PushableColumn col, SqlKind kind, List<Object> values) {
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
          ranks.add(text(new BigDecimal(v.toString())));
        } catch (NumberFormatException e) {
          return null; // NaN or infinity: left to the local check
        }
      }
      if (kind == SqlKind.IN || kind == SqlKind.EQUALS) {
        return Pushed.all(Condition.resolved(col.field(), Op.ONE_OF, ranks, col.filter().via(),
            Match.EQUAL), true);
      }
      return rankComparison(col, kind, new BigDecimal(ranks.get(0)));
    }
    if (col.kind() == Kind.DATE) {
      Object v = values.get(0);
      return kind != SqlKind.IN && v instanceof Long ? dateComparison(col, kind, (Long) v) : null;
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
      return negation(col, strings);
    }
    return equality(col, strings);
  }

  private static PushableColumn pushable(TableDef table, String column) {
    int i = table.columnIndex(column);
    ColumnDef def = i < 0 ? null : table.columns().get(i);
    return def == null || def.filter() == null ? null : new PushableColumn(def, def.filter());
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
      return t == null ? null : dateComparison(col, kind, t);
    }
    if (col.kind() == Kind.BY_RANK) {
      BigDecimal n = number(literal);
      return n == null ? null : rankComparison(col, kind, n);
    }
    String value = stringLiteral(literal);
    if (value == null) {
      return null;
    }
    if (kind == SqlKind.EQUALS) {
      return equality(col, List.of(value));
    }
    if (kind == SqlKind.NOT_EQUALS) {
      return negation(col, List.of(value));
    }
    return null;
  }

  /** What comparing a timestamp column with an instant pushes, or null. */
  private static Pushed dateComparison(PushableColumn col, SqlKind kind, long t) {
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
      return range(col, from, to, strict);
    }
    if (col.kind() == Kind.BY_RANK) {
      return rankSearch(col, sarg);
    }
    if (sarg.isPoints()) {
      List<String> values = points(sarg.rangeSet.asRanges());
      return values == null ? null : equality(col, values);
    }
    if (sarg.isComplementedPoints()) {
      List<String> values = points(sarg.rangeSet.complement().asRanges());
      return values == null ? null : negation(col, values);
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

  // ---- equality and IN

  private Pushed equality(PushableColumn col, List<String> values) {
    switch (col.kind()) {
      case LIST: {
        if (!values.stream().allMatch(IncidentIoPredicateTranslator::listValue)) {
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
        held.retainAll(query.table().scope(col.field()).values());
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
        return values.stream().allMatch(IncidentIoPredicateTranslator::pathValue)
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

  /** Whether a value can be a path segment: the API would read another path otherwise. */
  private static boolean pathValue(String v) {
    return !v.isEmpty() && !v.equals(".") && !v.equals("..");
  }

  // ---- ranks of a lookup table: severity_rank >= 3

  /** Returns an exact numeric literal's value, or null. */
  private static BigDecimal number(RexNode e) {
    if (!(e instanceof RexLiteral) || ((RexLiteral) e).isNull()
        || !SqlTypeFamily.NUMERIC.contains(e.getType())) {
      return null;
    }
    return ((RexLiteral) e).getValueAs(BigDecimal.class);
  }

  private static String text(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }

  /** What comparing a rank column with a number pushes, or null. */
  private static Pushed rankComparison(PushableColumn col, SqlKind kind, BigDecimal n) {
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
  private static Pushed rankSearch(PushableColumn col, Sarg<?> sarg) {
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
  private static boolean listValue(String v) {
    return !v.isEmpty() && v.indexOf(',') < 0;
  }

  // ---- negation: <> and NOT IN

  private Pushed negation(PushableColumn col, List<String> values) {
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
        TreeSet<String> held = new TreeSet<>(query.table().scope(col.field()).values());
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
  private static Pushed range(PushableColumn col, Long from, Long to, boolean strict) {
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
  private static LocalDate floorDay(long millis) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(millis, 86_400_000L));
    return day.getYear() < 1 || day.getYear() > 9999 ? null : day;
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
