package io.incidentql.adapter.plan;

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

  /** One condition: an API field, an operator and its values (dates as {@code YYYY-MM-DD}). */
  public record Condition(String field, Op op, SortedSet<String> values) {
    public Condition {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(op, "op");
      values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    public static Condition of(String field, Op op, Collection<String> values) {
      return new Condition(field, op, new TreeSet<>(values));
    }

    @Override
    public String toString() {
      return field + (op.apiName == null ? "" : "[" + op.apiName + "]") + "=" + String.join(",", values);
    }
  }

  private static final Comparator<Condition> ORDER =
      Comparator.comparing(Condition::field).thenComparing(Condition::op);

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

  /** Returns the condition on the field with the operator, or null. */
  public Condition find(String field, Op op) {
    for (Condition c : all) {
      if (c.field().equals(field) && c.op() == op) {
        return c;
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
    Condition same = find(condition.field(), condition.op());
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
      if (c.op().intersects() && c.values().isEmpty()) {
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
      if (c.field().equals(field) && c.op() == op) {
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
    return new Condition(a.field(), a.op(), values);
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
