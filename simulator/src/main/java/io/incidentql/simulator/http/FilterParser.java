package io.incidentql.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser of an endpoint's query string into plain parameters and filters, rejecting with a 422
 * every name the endpoint does not know and every operator its field does not accept.
 *
 * <p>Filter names have the form {@code field[operator]}, or {@code field[key][operator]} for the
 * keyed fields ({@code incident_role}, {@code custom_field}). Values of list operators
 * ({@code one_of}, {@code not_in}) may be sent as repeated parameters
 * ({@code status[one_of]=a&status[one_of]=b}), as one comma-separated value
 * ({@code status[one_of]=a,b}), or both; empty items are ignored. Operators that take one value
 * ({@code is}, {@code is_blank}, {@code gte}, {@code lte}, {@code date_range}) reject a repeated
 * parameter and do not split on commas.
 */
final class FilterParser {
  private static final Pattern NAME = Pattern.compile("([A-Za-z_]+)((?:\\[[^\\[\\]]*\\])+)");
  private static final Pattern BRACKET = Pattern.compile("\\[([^\\[\\]]*)\\]");

  /** What one filterable field accepts. */
  record FieldSpec(String field, boolean keyed, Set<String> operators) {
    static FieldSpec of(String field, String... operators) {
      return new FieldSpec(field, false, Set.of(operators));
    }

    static FieldSpec keyed(String field, String... operators) {
      return new FieldSpec(field, true, Set.of(operators));
    }
  }

  /** The parsed query: plain parameters by name, filters in order of first appearance. */
  record Parsed(Map<String, List<String>> plain, List<FilterParam> filters) {
    /**
     * The value of plain parameter {@code name}; null when absent or sent empty (the API allows
     * empty values and treats them as not given).
     */
    String single(String name) {
      List<String> values = plain.get(name);
      if (values == null) {
        return null;
      }
      if (values.size() > 1) {
        throw ApiError.invalidValue(name, "Only one value may be given for '" + name + "'");
      }
      return values.get(0).isEmpty() ? null : values.get(0);
    }

    boolean has(String name) {
      return plain.containsKey(name);
    }
  }

  private FilterParser() {}

  static Parsed parse(QueryParams params, Set<String> plainNames, List<FieldSpec> specs) {
    Map<String, FieldSpec> byField = new LinkedHashMap<>();
    specs.forEach(s -> byField.put(s.field(), s));
    Map<String, List<String>> plain = new LinkedHashMap<>();
    List<FilterParam> filters = new ArrayList<>();
    for (Map.Entry<String, List<String>> group : params.grouped().entrySet()) {
      String name = group.getKey();
      if (plainNames.contains(name)) {
        plain.put(name, group.getValue());
        continue;
      }
      Matcher m = NAME.matcher(name);
      FieldSpec spec = m.matches() ? byField.get(m.group(1)) : byField.get(name);
      if (spec == null) {
        throw ApiError.validation(name, "unknown_parameter",
            "Unknown query parameter '" + name + "'");
      }
      List<String> parts = new ArrayList<>();
      if (m.matches()) {
        Matcher b = BRACKET.matcher(m.group(2));
        while (b.find()) {
          parts.add(b.group(1));
        }
      }
      int expected = spec.keyed() ? 2 : 1;
      if (parts.size() != expected) {
        String form = spec.field() + (spec.keyed() ? "[ID][operator]" : "[operator]");
        throw ApiError.validation(name, "invalid_parameter",
            "Filter '" + spec.field() + "' must be sent as " + form);
      }
      String key = spec.keyed() ? parts.get(0) : null;
      String operator = parts.get(expected - 1);
      if (spec.keyed() && key.isEmpty()) {
        throw ApiError.validation(name, "invalid_parameter",
            "Filter '" + spec.field() + "' needs an id between the first brackets");
      }
      if (!spec.operators().contains(operator)) {
        throw ApiError.validation(name, "invalid_operator", "Operator '" + operator
            + "' is not accepted by '" + spec.field() + "'; accepted: "
            + String.join(", ", new java.util.TreeSet<>(spec.operators())));
      }
      filters.add(new FilterParam(name, spec.field(), key, operator, List.copyOf(group.getValue())));
    }
    return new Parsed(plain, filters);
  }

  /** The values of a list operator: repeated parameters and comma-separated items, merged. */
  static List<String> listValues(FilterParam filter) {
    List<String> out = new ArrayList<>();
    for (String raw : filter.values()) {
      for (String item : raw.split(",", -1)) {
        if (!item.isEmpty()) {
          out.add(item);
        }
      }
    }
    if (out.isEmpty()) {
      throw ApiError.invalidValue(filter.name(), "'" + filter.name() + "' needs at least one value");
    }
    return out;
  }

  /** The value of a single-valued operator. */
  static String singleValue(FilterParam filter) {
    if (filter.values().size() != 1) {
      throw ApiError.invalidValue(filter.name(),
          "Only one value may be given for '" + filter.name() + "'");
    }
    String value = filter.values().get(0);
    if (value.isEmpty()) {
      throw ApiError.invalidValue(filter.name(), "'" + filter.name() + "' needs a value");
    }
    return value;
  }

  /** The value of an operator that takes {@code true} or {@code false}. */
  static boolean booleanValue(FilterParam filter) {
    String value = singleValue(filter);
    if (value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw ApiError.invalidValue(filter.name(),
        "'" + filter.name() + "' must be true or false, not '" + value + "'");
  }
}
