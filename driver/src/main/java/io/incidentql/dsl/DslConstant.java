package io.incidentql.dsl;

import io.incidentql.grammar.ast.Position;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Constant of a query, from a literal or a bound parameter, before it meets the type it is
 * compared with.
 *
 * @param value a String, Long, BigDecimal, Boolean or Instant, or null
 * @param type the value's own type family
 * @param description how error messages name it, e.g. {@code string 'abc'}
 * @param position where it is in the query
 * @param placeholder whether it stands for a parameter not bound yet (validation only)
 * @param bound whether it is the value bound to a parameter (outside IN), which the plan may take
 *     as a dynamic parameter rather than a literal
 */
record DslConstant(Object value, DslType type, String description, Position position, boolean placeholder,
    boolean bound) {

  static DslConstant of(Object value, DslType type, String description, Position position) {
    return new DslConstant(value, type, description, position, false, false);
  }

  /** The value bound to a parameter. */
  DslConstant asBound() {
    return new DslConstant(value, type, description, position, false, true);
  }

  static DslConstant placeholder(String name, Position position) {
    return new DslConstant(null, DslType.NULL, "parameter :" + name, position, true, false);
  }

  static String describe(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof String s) {
      return "string '" + s.replace("'", "''") + "'";
    }
    if (value instanceof Long || value instanceof BigDecimal) {
      return "number " + (value instanceof BigDecimal d ? d.toPlainString() : value);
    }
    if (value instanceof Boolean b) {
      return "boolean " + (b ? "TRUE" : "FALSE");
    }
    if (value instanceof Instant i) {
      return "timestamp '" + i + "'";
    }
    return String.valueOf(value);
  }
}
