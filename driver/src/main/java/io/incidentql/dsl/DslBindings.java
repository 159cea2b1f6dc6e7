package io.incidentql.dsl;

import io.incidentql.grammar.DslSemanticException;
import io.incidentql.grammar.NameSuggester;
import io.incidentql.grammar.ast.Parameter;
import io.incidentql.jdbc.JdbcValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * Values bound to a query's named parameters, turned into constants of the types the DSL knows.
 *
 * <p>Without a map (validation), every parameter is a placeholder that fits any type, so that a
 * query can be checked before its values are known.
 *
 * <p>With {@link #dynamic}, a value compared with a text or timestamp column becomes a dynamic
 * parameter of the plan, bound when the plan runs, as a JDBC {@code ?} is: the planner pushes it
 * into the request the same way, and the plan does not depend on the value.
 */
final class DslBindings {
  private final String query;
  private final Map<String, ?> values;
  private final boolean dynamic;
  /** The values of the plan's dynamic parameters, by index. */
  private final List<Object> dynamicValues = new ArrayList<>();

  private DslBindings(String query, Map<String, ?> values, boolean dynamic) {
    this.query = query;
    this.values = values;
    this.dynamic = dynamic;
  }

  /** Bindings whose values become literals of the plan. */
  static DslBindings of(String query, Map<String, ?> values) {
    return new DslBindings(query, Map.copyOf(nullSafe(values)), false);
  }

  /** Bindings whose values compared with text or timestamp columns become dynamic parameters. */
  static DslBindings dynamic(String query, Map<String, ?> values) {
    return new DslBindings(query, Map.copyOf(nullSafe(values)), true);
  }

  static DslBindings unbound(String query) {
    return new DslBindings(query, null, false);
  }

  /**
   * Returns the dynamic parameter of type {@code type} that stands for {@code value}, the bound
   * constant {@code c} as the plan would write it, or null where the constant is to be a literal.
   */
  RexNode parameter(DslConstant c, RelDataType type, Object value, RexBuilder rex) {
    if (!dynamic || !c.bound()) {
      return null;
    }
    dynamicValues.add(value);
    return rex.makeDynamicParam(type, dynamicValues.size() - 1);
  }

  /** The values of the dynamic parameters made so far, by index. */
  List<Object> dynamicValues() {
    return List.copyOf(dynamicValues);
  }

  private static Map<String, ?> nullSafe(Map<String, ?> values) {
    if (values == null) {
      return Map.of();
    }
    // Map.copyOf refuses null values, yet binding NULL is legitimate.
    Map<String, Object> copy = new java.util.HashMap<>();
    values.forEach((k, v) -> copy.put(k, v == null ? NullValue.INSTANCE : v));
    return copy;
  }

  /** Marker for a parameter bound to null. */
  private enum NullValue {
    INSTANCE
  }

  /**
   * Returns the constants a parameter stands for: one, or, for a list bound to a parameter inside
   * IN, one per element (possibly none).
   */
  List<DslConstant> constants(Parameter parameter, boolean insideIn) {
    if (values == null) {
      return List.of(DslConstant.placeholder(parameter.name(), parameter.position()));
    }
    if (!values.containsKey(parameter.name())) {
      throw new DslSemanticException(query, parameter.position(),
          "parameter :" + parameter.name() + " is not bound",
          NameSuggester.nearest(parameter.name(), values.keySet()).map(n -> ":" + n));
    }
    Object value = values.get(parameter.name());
    if (value instanceof Collection<?> || value instanceof Object[]) {
      if (!insideIn || !parameter.expandable()) {
        throw new DslSemanticException(query, parameter.position(),
            "parameter :" + parameter.name() + " is bound to a list, which is allowed only as an"
                + " element of IN (...)", Optional.empty());
      }
      Collection<?> elements = value instanceof Object[] array ? List.of(array) : (Collection<?>) value;
      List<DslConstant> out = new ArrayList<>(elements.size());
      for (Object element : elements) {
        out.add(constant(parameter, element));
      }
      return out;
    }
    return insideIn ? List.of(constant(parameter, value))
        : List.of(constant(parameter, value).asBound());
  }

  private DslConstant constant(Parameter parameter, Object raw) {
    Object value = normalize(parameter, raw == NullValue.INSTANCE ? null : raw);
    DslType type = value == null ? DslType.NULL
        : value instanceof String ? DslType.STRING
        : value instanceof Boolean ? DslType.BOOLEAN
        : value instanceof Instant ? DslType.TIMESTAMP
        : DslType.NUMBER;
    return DslConstant.of(value, type,
        "parameter :" + parameter.name() + " (" + DslConstant.describe(value) + ")", parameter.position());
  }

  private Object normalize(Parameter parameter, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof BigDecimal || value instanceof Instant) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw unsupported(parameter, value);
      }
      return BigDecimal.valueOf(d);
    }
    if (value instanceof Character || value instanceof Enum<?>) {
      return value instanceof Enum<?> e ? e.name() : value.toString();
    }
    Instant instant = JdbcValues.instantOf(value);
    if (instant != null) {
      return instant;
    }
    throw unsupported(parameter, value);
  }

  private DslSemanticException unsupported(Parameter parameter, Object value) {
    return new DslSemanticException(query, parameter.position(),
        "parameter :" + parameter.name() + " is bound to a value of type " + value.getClass().getName()
            + ", which the DSL cannot use (bind a String, number, Boolean, Instant or a list of them)",
        Optional.empty());
  }
}
