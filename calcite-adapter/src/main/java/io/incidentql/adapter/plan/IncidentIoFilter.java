package io.incidentql.adapter.plan;

import io.incidentql.adapter.schema.ColumnFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Immutable set of filter conditions that one list request asks the API to apply: conditions
 * that must all hold, or (with {@code filter_mode=any}) a list of which one must hold, plus the
 * knowledge that no row can match at all.
 *
 * <p>Conditions on the same field and operator are merged as AND would merge them: value lists of
 * {@code one_of}, {@code is}, plain parameters and id lookups intersect, {@code not_in} lists
 * unite, date bounds tighten. A merge that leaves nothing to match makes the filter a
 * contradiction, and a contradiction sends no request.
 */
public final class IncidentIoFilter {
  /** Operators of the API's filter parameters, plus the plain and path forms of some tables. */
  public enum Op {
    /** {@code field[one_of]=v1&field[one_of]=v2}: the field is one of the values. */
    ONE_OF("one_of"),
    /** {@code field[not_in]=v}: the field is none of the values (or absent). */
    NOT_IN("not_in"),
    /** {@code field[is]=v}: the field equals the single value. */
    IS("is"),
    /** {@code field[gte]=YYYY-MM-DD}: at or after that day's 00:00Z. */
    GTE("gte"),
    /** {@code field[lte]=YYYY-MM-DD}: at or before that day's 00:00Z. */
    LTE("lte"),
    /** {@code field=v}: a plain equality parameter; several values mean one request each. */
    EQUALS(null),
    /** {@code GET path/{id}}: one request per id instead of a list request. */
    LOOKUP(null);

    private final String apiName;

    Op(String apiName) {
      this.apiName = apiName;
    }

    /** The operator's name between the brackets, or null for the forms without one. */
    public String apiName() {
      return apiName;
    }

    boolean intersects() {
      return this == ONE_OF || this == IS || this == EQUALS || this == LOOKUP;
    }
  }

  /**
   * How the values of a resolved condition are found when the query runs: in the rows of a
   * lookup table, whose key column gives the values sent.
   */
  public enum Match {
    /** The keys of the rows whose match column equals one of the condition's values. */
    EQUAL("="),
    /** The key of the row with the lowest match value at or above the condition's value. */
    AT_LEAST(">="),
    /** The key of the row with the lowest match value above the condition's value. */
    ABOVE(">"),
    /** The key of the row with the highest match value at or below the condition's value. */
    AT_MOST("<="),
    /** The key of the row with the highest match value below the condition's value. */
    BELOW("<"),
    /** Every key of the table: a parent key the query does not give. */
    ALL("every");

    private final String symbol;

    Match(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * Where a resolved condition's values come from.
   *
   * @param via the lookup table, its match column and its key column
   * @param match which rows' keys are sent
   */
  public record Resolve(ColumnFilter.Via via, Match match) {
    public Resolve {
      Objects.requireNonNull(via, "via");
      Objects.requireNonNull(match, "match");
    }
  }

  /**
   * One condition: an API field, an operator and its values (dates as {@code YYYY-MM-DD}); or,
   * when {@code resolve} is set, the values the query compares with, which a lookup turns into
   * the values sent when the query runs (see {@link IncidentIoQuery#resolve}).
   */
  public record Condition(String field, Op op, SortedSet<String> values, Resolve resolve) {
    public Condition {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(op, "op");
      values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    public Condition(String field, Op op, SortedSet<String> values) {
      this(field, op, values, null);
    }

    public static Condition of(String field, Op op, Collection<String> values) {
      return new Condition(field, op, new TreeSet<>(values), null);
    }

    /** A condition whose values a lookup finds when the query runs. */
    public static Condition resolved(
        String field, Op op, Collection<String> values, ColumnFilter.Via via, Match match) {
      return new Condition(field, op, new TreeSet<>(values), new Resolve(via, match));
    }

    /** Whether the values sent are found by a lookup when the query runs. */
    public boolean isResolved() {
      return resolve != null;
    }

    /** The parameter's name as sent: {@code field[op]}, or {@code field} for the plain forms. */
    public String param() {
      return field + (op.apiName == null ? "" : "[" + op.apiName + "]");
    }

    /** The placeholder EXPLAIN shows for a resolved condition's values. */
    public String placeholder() {
      ColumnFilter.Via v = resolve.via();
      if (resolve.match() == Match.ALL) {
        return "<each " + v.table() + "." + v.keyColumn() + ">";
      }
      return "<" + v.table() + "." + v.keyColumn() + " where " + v.matchColumn() + " "
          + (resolve.match() == Match.EQUAL && values.size() > 1 ? "in" : resolve.match().symbol)
          + " " + values.stream().map(x -> "'" + x + "'").collect(Collectors.joining(", ")) + ">";
    }

    @Override
    public String toString() {
      return param() + "=" + (resolve != null ? placeholder() : String.join(",", values));
    }
  }

  private static final Comparator<Condition> ORDER =
      Comparator.comparing(Condition::field).thenComparing(Condition::op)
          .thenComparing(c -> c.isResolved() ? c.resolve().via() + " " + c.resolve().match() : "");

  /** The filter that lets every row through. */
  public static final IncidentIoFilter NONE = new IncidentIoFilter(List.of(), List.of(), false);

  /** The filter that no row passes. */
  public static final IncidentIoFilter CONTRADICTION =
      new IncidentIoFilter(List.of(), List.of(), true);

  private final List<Condition> all;
  private final List<Condition> any;
  private final boolean contradiction;

  private IncidentIoFilter(List<Condition> all, List<Condition> any, boolean contradiction) {
    this.all = List.copyOf(all);
    this.any = List.copyOf(any);
    this.contradiction = contradiction;
  }

  /** Conditions that must all hold. */
  public List<Condition> all() {
    return all;
  }

  /** Conditions of which one must hold ({@code filter_mode=any}); empty when not used. */
  public List<Condition> any() {
    return any;
  }

  /** Whether no row can pass, so that no request need be sent. */
  public boolean isContradiction() {
    return contradiction;
  }

  /** Returns the condition on the field with the operator whose values are sent as they are, or null. */
  public Condition find(String field, Op op) {
    return findIn(all, field, op);
  }

  /** Whether some condition's values are found by a lookup when the query runs. */
  public boolean hasResolved() {
    return all.stream().anyMatch(Condition::isResolved);
  }

  /** Returns the condition with the same field, operator and resolution, or null. */
  private static Condition same(List<Condition> list, Condition c) {
    for (Condition x : list) {
      if (x.field().equals(c.field()) && x.op() == c.op() && Objects.equals(x.resolve(), c.resolve())) {
        return x;
      }
    }
    return null;
  }

  /** Whether the filter holds an id lookup, which turns list requests into one GET per id. */
  public boolean hasLookup() {
    return all.stream().anyMatch(c -> c.op() == Op.LOOKUP);
  }

  /** Returns this filter AND the condition. */
  public IncidentIoFilter and(Condition condition) {
    if (contradiction) {
      return this;
    }
    List<Condition> next = new ArrayList<>(all);
    if (!condition.isResolved()) {
      // A parent key given by the query replaces the one that would list every parent.
      next.removeIf(c -> c.isResolved() && c.resolve().match() == Match.ALL
          && c.field().equals(condition.field()) && c.op() == condition.op());
    } else if (condition.resolve().match() == Match.ALL
        && findIn(next, condition.field(), condition.op()) != null) {
      return this;
    }
    Condition same = same(next, condition);
    Condition merged = condition;
    if (same != null) {
      next.remove(same);
      merged = merge(same, condition);
    }
    next.add(merged);
    // one_of minus not_in on the same field: what is excluded need not be asked for.
    Condition oneOf = findIn(next, condition.field(), Op.ONE_OF);
    Condition notIn = findIn(next, condition.field(), Op.NOT_IN);
    if (oneOf != null && notIn != null) {
      TreeSet<String> rest = new TreeSet<>(oneOf.values());
      rest.removeAll(notIn.values());
      next.remove(oneOf);
      next.remove(notIn);
      next.add(new Condition(condition.field(), Op.ONE_OF, rest));
    }
    for (Condition c : next) {
      if (c.op().intersects() && c.values().isEmpty()
          && !(c.isResolved() && c.resolve().match() == Match.ALL)) {
        return CONTRADICTION;
      }
    }
    Condition gte = findIn(next, condition.field(), Op.GTE);
    Condition lte = findIn(next, condition.field(), Op.LTE);
    if (gte != null && lte != null && gte.values().first().compareTo(lte.values().first()) > 0) {
      return CONTRADICTION;
    }
    next.sort(ORDER);
    return new IncidentIoFilter(next, any, false);
  }

  /** Returns this filter with {@code filter_mode=any} over the given conditions. */
  public IncidentIoFilter withAny(List<Condition> disjuncts) {
    if (contradiction) {
      return this;
    }
    List<Condition> sorted = new ArrayList<>(disjuncts);
    sorted.sort(ORDER);
    return new IncidentIoFilter(all, sorted, false);
  }

  private static Condition findIn(List<Condition> list, String field, Op op) {
    for (Condition c : list) {
      if (c.field().equals(field) && c.op() == op && !c.isResolved()) {
        return c;
      }
    }
    return null;
  }

  private static Condition merge(Condition a, Condition b) {
    TreeSet<String> values = new TreeSet<>(a.values());
    switch (a.op()) {
      case NOT_IN:
        values.addAll(b.values());
        break;
      case GTE:
        values = new TreeSet<>(List.of(max(a.values().first(), b.values().first())));
        break;
      case LTE:
        values = new TreeSet<>(List.of(min(a.values().first(), b.values().first())));
        break;
      default:
        values.retainAll(b.values());
    }
    return new Condition(a.field(), a.op(), values, a.resolve());
  }

  private static String max(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IncidentIoFilter f
        && f.contradiction == contradiction
        && f.all.equals(all)
        && f.any.equals(any);
  }

  @Override
  public int hashCode() {
    return Objects.hash(all, any, contradiction);
  }

  @Override
  public String toString() {
    if (contradiction) {
      return "false";
    }
    String s = all.stream().map(Condition::toString).collect(Collectors.joining(" AND "));
    if (!any.isEmpty()) {
      String or = any.stream().map(Condition::toString).collect(Collectors.joining(" OR "));
      s = s.isEmpty() ? or : s + " AND (" + or + ")";
    }
    return s.isEmpty() ? "true" : s;
  }
}
