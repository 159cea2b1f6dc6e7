package io.incidentql.adapter.schema;

import java.util.Objects;

/**
 * Capability of one column: how its predicates reach the API. The planner reads it from the
 * column's {@link ColumnDef} and never from the column's name.
 *
 * @param kind how the predicates are sent
 * @param field the API's filter (or parameter) name, e.g. {@code severity}; for a lookup, the
 *     name shown in EXPLAIN
 * @param notInExact whether {@code not_in} keeps exactly the rows {@code <>} keeps: only for a
 *     field the API always sends, since {@code not_in} also passes rows without the field, which
 *     SQL's {@code <>} drops
 * @param via for {@link Kind#BY_NAME} and {@link Kind#BY_RANK}, the lookup table that turns the
 *     compared value into the filter's value; otherwise null
 * @param keyForm for {@link Kind#LOOKUP}, how a value becomes the {@code {id}} of the show path
 * @param keyColumn for {@link Kind#KEYED}, the column whose value completes the filter's name
 */
public record ColumnFilter(
    Kind kind, String field, boolean notInExact, Via via, KeyForm keyForm, String keyColumn) {
  /** How a column's predicates reach the API. */
  public enum Kind {
    /** {@code field[one_of]} for = and IN, {@code field[not_in]} for <> and NOT IN. */
    LIST,
    /** {@code field[is]} for = only. */
    IS,
    /** {@code field[gte|lte|date_range]} with dates, rounded outward. */
    DATE,
    /** {@code field[one_of]} narrowing one of the table's {@link TableDef.Scope scopes}. */
    SCOPE,
    /** {@code field=value}, one request sequence per value. */
    EQUALS,
    /** {@code GET <show path>/{id}}, one request per value, replacing the list requests. */
    LOOKUP,
    /**
     * {@code field[one_of]=<key>} where the keys are those of the rows of a lookup table whose
     * match column equals the compared value (a severity's id for its name): = and IN.
     */
    BY_NAME,
    /**
     * {@code field[gte|lte]=<key>} where the key is that of the lookup table's row whose rank
     * bounds the compared number: >, >=, <, <=; = and IN become {@code one_of} as for
     * {@link #BY_NAME}.
     */
    BY_RANK,
    /**
     * {@code field[<key>][one_of]} for = and IN, where the key is the value the same WHERE gives
     * another column with = (the custom field of an option, the role of an assignee); a
     * superset of the rows, checked again locally.
     */
    KEYED
  }

  /** How a compared value becomes the {@code {id}} of a show path. */
  public enum KeyForm {
    /** The value itself, e.g. an incident's ULID. */
    VERBATIM,
    /**
     * The number after the last {@code -} of a reference ({@code INC-84} → {@code 84}); a value
     * without one is not looked up. The row that comes back may still have another prefix, so
     * the comparison is checked again locally.
     */
    NUMERIC_SUFFIX
  }

  /**
   * The lookup table that resolves a compared value into filter values.
   *
   * @param table the lookup table, e.g. {@code severities}
   * @param matchColumn its column the value is compared with, e.g. {@code name} or {@code rank}
   * @param keyColumn its column whose values the filter sends, e.g. {@code id}
   */
  public record Via(String table, String matchColumn, String keyColumn) {
    public Via {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(matchColumn, "matchColumn");
      Objects.requireNonNull(keyColumn, "keyColumn");
    }

    @Override
    public String toString() {
      return table + "." + matchColumn + " → " + keyColumn;
    }
  }

  public ColumnFilter {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(field, "field");
    if ((via != null) != (kind == Kind.BY_NAME || kind == Kind.BY_RANK)) {
      throw new IllegalArgumentException(kind + " filters " + (via == null ? "need" : "take no") + " lookup table");
    }
    if ((keyColumn != null) != (kind == Kind.KEYED)) {
      throw new IllegalArgumentException(kind + " filters " + (keyColumn == null ? "need" : "take no") + " key column");
    }
    if ((keyForm != null) != (kind == Kind.LOOKUP)) {
      throw new IllegalArgumentException(kind + " filters " + (keyForm == null ? "need" : "take no") + " key form");
    }
  }

  /** {@code field[one_of]} / {@code field[not_in]}. */
  public static ColumnFilter list(String field, boolean notInExact) {
    return new ColumnFilter(Kind.LIST, field, notInExact, null, null, null);
  }

  /** {@code field[is]}. */
  public static ColumnFilter is(String field) {
    return new ColumnFilter(Kind.IS, field, false, null, null, null);
  }

  /** {@code field[gte|lte|date_range]}. */
  public static ColumnFilter dates(String field) {
    return new ColumnFilter(Kind.DATE, field, false, null, null, null);
  }

  /** A narrowing of the table's scope on {@code field}. */
  public static ColumnFilter scope(String field) {
    return new ColumnFilter(Kind.SCOPE, field, false, null, null, null);
  }

  /** {@code field=value}, one request sequence per value. */
  public static ColumnFilter equalsParam(String field) {
    return new ColumnFilter(Kind.EQUALS, field, false, null, null, null);
  }

  /** {@code GET <show path>/{id}}. */
  public static ColumnFilter lookup(KeyForm form) {
    return new ColumnFilter(Kind.LOOKUP, "id", false, null, form, null);
  }

  /** {@code field[one_of]} of the keys of the lookup table's rows matching the value. */
  public static ColumnFilter byName(String field, Via via) {
    return new ColumnFilter(Kind.BY_NAME, field, false, via, null, null);
  }

  /** {@code field[<key>][one_of]}, the key being the value WHERE gives {@code keyColumn}. */
  public static ColumnFilter keyed(String field, String keyColumn) {
    return new ColumnFilter(Kind.KEYED, field, false, null, null, keyColumn);
  }

  /** {@code field[gte|lte]} of the key of the lookup table's row whose rank bounds the value. */
  public static ColumnFilter byRank(String field, Via via) {
    return new ColumnFilter(Kind.BY_RANK, field, false, via, null, null);
  }
}
