package io.incidentql.dsl;

import io.incidentql.dsl.DslScope.Typed;
import io.incidentql.grammar.DslSemanticException;
import io.incidentql.grammar.NameSuggester;
import io.incidentql.grammar.ast.Aggregate;
import io.incidentql.grammar.ast.And;
import io.incidentql.grammar.ast.Between;
import io.incidentql.grammar.ast.BooleanLiteral;
import io.incidentql.grammar.ast.ColumnRef;
import io.incidentql.grammar.ast.Comparison;
import io.incidentql.grammar.ast.DateLiteral;
import io.incidentql.grammar.ast.DecimalLiteral;
import io.incidentql.grammar.ast.Expression;
import io.incidentql.grammar.ast.FunctionCall;
import io.incidentql.grammar.ast.InList;
import io.incidentql.grammar.ast.IsNull;
import io.incidentql.grammar.ast.Like;
import io.incidentql.grammar.ast.Literal;
import io.incidentql.grammar.ast.LongLiteral;
import io.incidentql.grammar.ast.Not;
import io.incidentql.grammar.ast.NullLiteral;
import io.incidentql.grammar.ast.Or;
import io.incidentql.grammar.ast.Parameter;
import io.incidentql.grammar.ast.Position;
import io.incidentql.grammar.ast.RelativeTime;
import io.incidentql.grammar.ast.StringLiteral;
import io.incidentql.grammar.ast.TimestampLiteral;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCollation;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * Compiler of DSL expressions into Calcite row expressions, checking types on the way: a
 * literal takes the type of the column it meets, or the query is refused with the position of
 * the mismatch.
 *
 * <p>It is over 400 lines because type checking and error wording for every expression form
 * (comparison, IN, functions, constants of each type) belong together here.
 */
final class DslExpressions {
  /** Scalar functions the DSL offers, by lower-case name. */
  private static final Map<String, SqlOperator> FUNCTIONS =
      Map.of(
          "lower", SqlStdOperatorTable.LOWER,
          "upper", SqlStdOperatorTable.UPPER,
          "char_length", SqlStdOperatorTable.CHAR_LENGTH,
          "abs", SqlStdOperatorTable.ABS,
          "coalesce", SqlStdOperatorTable.COALESCE);

  private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

  private final RelBuilder builder;
  private final RexBuilder rex;
  private final String query;
  private final DslBindings bindings;
  private final Instant now;

  DslExpressions(RelBuilder builder, String query, DslBindings bindings, Instant now) {
    this.builder = builder;
    this.rex = builder.getRexBuilder();
    this.query = query;
    this.bindings = bindings;
    this.now = now;
  }

  DslSemanticException error(Position position, String reason) {
    return new DslSemanticException(query, position, reason, Optional.empty());
  }

  DslSemanticException error(Position position, String reason, Optional<String> suggestion) {
    return new DslSemanticException(query, position, reason, suggestion);
  }

  /** Compiles a condition: the expression must be BOOLEAN. */
  RexNode condition(Expression e, DslScope scope) {
    Typed typed = compile(e, scope);
    if (typed.type() != DslType.BOOLEAN && typed.type() != DslType.NULL) {
      throw error(e.position(), scope.clause() + " needs a condition, but " + typed.description()
          + " is " + typeName(typed));
    }
    return typed.rex();
  }

  /** Compiles an expression in a value position, such as the select list. */
  Typed compile(Expression e, DslScope scope) {
    Optional<Typed> grouped = scope.group(e);
    if (grouped.isPresent()) {
      return grouped.get();
    }
    if (e instanceof ColumnRef ref) {
      return scope.column(ref);
    }
    if (e instanceof Aggregate aggregate) {
      return scope.aggregate(aggregate);
    }
    if (e instanceof Literal || e instanceof Parameter) {
      DslConstant constant = single(e);
      return Typed.of(natural(constant), constant.description());
    }
    if (e instanceof Comparison c) {
      return bool(comparison(c, scope), c);
    }
    if (e instanceof And and) {
      List<RexNode> terms = new ArrayList<>();
      and.terms().forEach(t -> terms.add(condition(t, scope)));
      return bool(builder.and(terms), and);
    }
    if (e instanceof Or or) {
      List<RexNode> terms = new ArrayList<>();
      or.terms().forEach(t -> terms.add(condition(t, scope)));
      return bool(builder.or(terms), or);
    }
    if (e instanceof Not not) {
      return bool(builder.not(condition(not.operand(), scope)), not);
    }
    if (e instanceof InList in) {
      return bool(in(in, scope), in);
    }
    if (e instanceof Between between) {
      Typed value = compile(between.value(), scope);
      RexNode lower = operand(between.lower(), value, scope);
      RexNode upper = operand(between.upper(), value, scope);
      RexNode range = builder.and(builder.greaterThanOrEqual(value.rex(), lower),
          builder.lessThanOrEqual(value.rex(), upper));
      return bool(between.negated() ? builder.not(range) : range, between);
    }
    if (e instanceof Like like) {
      Typed value = compile(like.value(), scope);
      requireString(value, like.value().position(), "LIKE");
      Typed stringType = value;
      List<RexNode> operands = new ArrayList<>();
      operands.add(value.rex());
      operands.add(operand(like.pattern(), stringType, scope));
      like.escape().ifPresent(escape -> {
        if (escape instanceof StringLiteral s && s.value().length() != 1) {
          throw error(escape.position(), "ESCAPE needs a single character, got " + DslConstant.describe(s.value()));
        }
        operands.add(operand(escape, stringType, scope));
      });
      RexNode call = builder.call(like.negated() ? SqlStdOperatorTable.NOT_LIKE : SqlStdOperatorTable.LIKE, operands);
      return bool(call, like);
    }
    if (e instanceof IsNull isNull) {
      Typed value = compile(isNull.value(), scope);
      return bool(isNull.negated() ? builder.isNotNull(value.rex()) : builder.isNull(value.rex()), isNull);
    }
    if (e instanceof FunctionCall call) {
      return function(call, scope);
    }
    throw error(e.position(), "unsupported expression");
  }

  private Typed bool(RexNode node, Expression e) {
    return Typed.of(node, "condition");
  }

  private RexNode comparison(Comparison c, DslScope scope) {
    RexNode left;
    RexNode right;
    if (isConstant(c.left()) && !isConstant(c.right())) {
      Typed r = compile(c.right(), scope);
      right = r.rex();
      left = coerce(single(c.left()), r);
    } else if (isConstant(c.right())) {
      Typed l = compile(c.left(), scope);
      left = l.rex();
      right = isConstant(c.left()) ? compileConstantAgainst(c.right(), l) : coerce(single(c.right()), l);
    } else {
      Typed l = compile(c.left(), scope);
      Typed r = compile(c.right(), scope);
      if (!DslType.comparable(l.type(), r.type())) {
        throw error(c.right().position(), "cannot compare " + l.description() + " with " + r.description());
      }
      left = l.rex();
      right = r.rex();
    }
    SqlOperator op = switch (c.operator()) {
      case EQUAL -> SqlStdOperatorTable.EQUALS;
      case NOT_EQUAL -> SqlStdOperatorTable.NOT_EQUALS;
      case LESS_THAN -> SqlStdOperatorTable.LESS_THAN;
      case LESS_THAN_OR_EQUAL -> SqlStdOperatorTable.LESS_THAN_OR_EQUAL;
      case GREATER_THAN -> SqlStdOperatorTable.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL -> SqlStdOperatorTable.GREATER_THAN_OR_EQUAL;
    };
    return builder.call(op, left, right);
  }

  /** Two constants compared with each other: both keep their own type, which must agree. */
  private RexNode compileConstantAgainst(Expression constant, Typed other) {
    return coerce(single(constant), other);
  }

  private RexNode in(InList in, DslScope scope) {
    Typed value = compile(in.value(), scope);
    List<RexNode> elements = new ArrayList<>();
    for (Expression element : in.values()) {
      if (element instanceof Parameter p) {
        for (DslConstant c : bindings.constants(p, true)) {
          elements.add(coerce(c, value));
        }
      } else if (isConstant(element)) {
        elements.add(coerce(single(element), value));
      } else {
        elements.add(operand(element, value, scope));
      }
    }
    if (elements.isEmpty()) {
      // An empty list, bound through a parameter, matches no row; NOT IN of it matches every row.
      return builder.literal(in.negated());
    }
    RexNode membership = builder.in(value.rex(), elements);
    return in.negated() ? builder.not(membership) : membership;
  }

  /** Compiles an operand that must have the type of {@code other}. */
  private RexNode operand(Expression e, Typed other, DslScope scope) {
    if (isConstant(e)) {
      return coerce(single(e), other);
    }
    Typed typed = compile(e, scope);
    if (!DslType.comparable(typed.type(), other.type())) {
      throw error(e.position(), "cannot compare " + other.description() + " with " + typed.description());
    }
    return typed.rex();
  }

  private Typed function(FunctionCall call, DslScope scope) {
    String name = call.name().canonical().toLowerCase(Locale.ROOT);
    String key = name.equals("length") ? "char_length" : name;
    SqlOperator op = FUNCTIONS.get(key);
    if (op == null) {
      throw error(call.name().position(), "function '" + call.name().value() + "' not found",
          NameSuggester.nearest(call.name().value(), FUNCTIONS.keySet()));
    }
    List<RexNode> args = new ArrayList<>();
    List<Typed> typedArgs = new ArrayList<>();
    for (Expression arg : call.arguments()) {
      Typed t = compile(arg, scope);
      typedArgs.add(t);
      args.add(t.rex());
    }
    int expected = key.equals("coalesce") ? -1 : 1;
    if (expected > 0 && args.size() != expected || expected < 0 && args.isEmpty()) {
      throw error(call.position(), "function " + name + " takes " + (expected > 0 ? "1 argument" : "at least 1 argument")
          + ", got " + args.size());
    }
    for (int i = 0; i < typedArgs.size(); i++) {
      Typed t = typedArgs.get(i);
      Position at = call.arguments().get(i).position();
      switch (key) {
        case "lower", "upper", "char_length" -> requireString(t, at, name + "()");
        case "abs" -> {
          if (t.type() != DslType.NUMBER && t.type() != DslType.NULL) {
            throw error(at, name + "() needs a number, but " + t.description() + " is " + typeName(t));
          }
        }
        default -> {
          if (!DslType.comparable(typedArgs.get(0).type(), t.type())) {
            throw error(at, "coalesce() needs arguments of one type, but " + t.description() + " is "
                + typeName(t) + " and " + typedArgs.get(0).description() + " is " + typeName(typedArgs.get(0)));
          }
        }
      }
    }
    return Typed.of(builder.call(op, args), name + "(...)");
  }

  private void requireString(Typed t, Position at, String what) {
    if (t.type() != DslType.STRING && t.type() != DslType.NULL) {
      throw error(at, what + " needs a string, but " + t.description() + " is " + typeName(t));
    }
  }

  static String typeName(Typed t) {
    return t.relType().getSqlTypeName().getName();
  }

  static boolean isConstant(Expression e) {
    return e instanceof Literal || e instanceof Parameter;
  }

  /** The single constant a literal or a parameter outside IN stands for. */
  DslConstant single(Expression e) {
    if (e instanceof Parameter p) {
      return bindings.constants(p, false).get(0);
    }
    Position at = e.position();
    if (e instanceof StringLiteral s) {
      return DslConstant.of(s.value(), DslType.STRING, DslConstant.describe(s.value()), at);
    }
    if (e instanceof LongLiteral l) {
      return DslConstant.of(l.value(), DslType.NUMBER, DslConstant.describe(l.value()), at);
    }
    if (e instanceof DecimalLiteral d) {
      return DslConstant.of(d.value(), DslType.NUMBER, DslConstant.describe(d.value()), at);
    }
    if (e instanceof BooleanLiteral b) {
      return DslConstant.of(b.value(), DslType.BOOLEAN, DslConstant.describe(b.value()), at);
    }
    if (e instanceof NullLiteral) {
      return DslConstant.of(null, DslType.NULL, "NULL", at);
    }
    if (e instanceof DateLiteral d) {
      Instant midnight = d.value().atStartOfDay(ZoneOffset.UTC).toInstant();
      return DslConstant.of(midnight, DslType.TIMESTAMP, "DATE '" + d.value() + "'", at);
    }
    if (e instanceof TimestampLiteral t) {
      return DslConstant.of(t.value(), DslType.TIMESTAMP, DslConstant.describe(t.value()), at);
    }
    if (e instanceof RelativeTime r) {
      Instant when = r.resolve(now);
      return DslConstant.of(when, DslType.TIMESTAMP, "now()" + offset(r) + " (" + when + ")", at);
    }
    throw error(at, "not a constant");
  }

  private static String offset(RelativeTime r) {
    if (r.offset().isZero()) {
      return "";
    }
    return (r.offset().isNegative() ? " - " : " + ") + r.offset().abs().toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** The constant with its own type, where nothing gives it another one (select list, IN). */
  RexNode natural(DslConstant c) {
    if (c.placeholder() || c.value() == null) {
      return rex.makeNullLiteral(builder.getTypeFactory().createSqlType(SqlTypeName.VARCHAR));
    }
    Object v = c.value();
    if (v instanceof String s) {
      return string(s);
    }
    if (v instanceof Long l) {
      return rex.makeExactLiteral(BigDecimal.valueOf(l),
          builder.getTypeFactory().createSqlType(SqlTypeName.BIGINT));
    }
    if (v instanceof BigDecimal d) {
      return rex.makeExactLiteral(d);
    }
    if (v instanceof Boolean b) {
      return rex.makeLiteral(b);
    }
    return timestamp((Instant) v);
  }

  /** Gives the constant the type of what it is compared with, or refuses the mismatch. */
  RexNode coerce(DslConstant c, Typed target) {
    RelDataType type = target.relType();
    if (c.placeholder() || c.value() == null) {
      return rex.makeNullLiteral(type);
    }
    DslType want = target.type();
    if (want == DslType.TIMESTAMP && c.type() == DslType.STRING) {
      Optional<Instant> parsed = DslTimestamps.parse((String) c.value());
      if (parsed.isEmpty()) {
        throw error(c.position(), "cannot compare " + target.description() + " with " + c.description()
            + ", which is not a timestamp (write e.g. '2025-01-01T10:00:00Z' or TIMESTAMP '2025-01-01 10:00:00')");
      }
      return timestamp(c, parsed.get(), type);
    }
    if (want == DslType.TIMESTAMP && c.type() == DslType.TIMESTAMP) {
      return timestamp(c, (Instant) c.value(), type);
    }
    if (want == DslType.STRING && c.type() == DslType.STRING) {
      // VARCHAR, as SQL's own literals become when compared with a VARCHAR column.
      String s = (String) c.value();
      RexNode parameter = bindings.parameter(c, type, s, rex);
      return parameter != null ? parameter : LATIN_1.newEncoder().canEncode(s)
          ? rex.makeCast(builder.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), builder.literal(s))
          : string(s);
    }
    if (want == DslType.OTHER || want == DslType.NULL || want == c.type()) {
      return natural(c);
    }
    throw error(c.position(), "cannot compare " + target.description() + " with " + c.description());
  }

  /**
   * A string literal. Calcite's default character set is ISO-8859-1; text beyond it (emoji,
   * Japanese) becomes a UTF-8 literal, which compares with the columns' Java strings all the same.
   */
  private RexNode string(String s) {
    if (LATIN_1.newEncoder().canEncode(s)) {
      return builder.literal(s);
    }
    return rex.makeCharLiteral(new NlsString(s, "UTF8", SqlCollation.IMPLICIT));
  }

  RexNode timestamp(Instant instant) {
    return timestamp(instant, null);
  }

  /** The constant as a timestamp of the column's type: a dynamic parameter when bound so. */
  private RexNode timestamp(DslConstant c, Instant instant, RelDataType column) {
    RexNode parameter =
        bindings.parameter(c, column, instant.truncatedTo(ChronoUnit.MILLIS), rex);
    return parameter != null ? parameter : timestamp(instant, column);
  }

  /** A timestamp literal, of the column's type when it meets one, as SQL makes it. */
  RexNode timestamp(Instant instant, RelDataType column) {
    // Columns hold milliseconds (TIMESTAMP(3)); a finer literal is cut to the millisecond.
    Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
    TimestampString ts = TimestampString.fromMillisSinceEpoch(millis.toEpochMilli());
    int precision = column != null && column.getSqlTypeName() == SqlTypeName.TIMESTAMP
        ? column.getPrecision()
        : millis.getNano() == 0 ? 0 : 3;
    return rex.makeTimestampLiteral(ts, precision);
  }
}
