package io.incidentql.grammar;

import io.incidentql.grammar.DslBaseParser.AndContext;
import io.incidentql.grammar.DslBaseParser.BetweenContext;
import io.incidentql.grammar.DslBaseParser.BooleanExpressionContext;
import io.incidentql.grammar.DslBaseParser.ComparisonContext;
import io.incidentql.grammar.DslBaseParser.ConstantContext;
import io.incidentql.grammar.DslBaseParser.InListContext;
import io.incidentql.grammar.DslBaseParser.LikeContext;
import io.incidentql.grammar.DslBaseParser.NullPredicateContext;
import io.incidentql.grammar.DslBaseParser.OrContext;
import io.incidentql.grammar.DslBaseParser.ParameterContext;
import io.incidentql.grammar.DslBaseParser.PredicateContext;
import io.incidentql.grammar.ast.Aggregate;
import io.incidentql.grammar.ast.AggregateFunction;
import io.incidentql.grammar.ast.AllColumns;
import io.incidentql.grammar.ast.And;
import io.incidentql.grammar.ast.Between;
import io.incidentql.grammar.ast.BooleanLiteral;
import io.incidentql.grammar.ast.ColumnRef;
import io.incidentql.grammar.ast.Comparison;
import io.incidentql.grammar.ast.ComparisonOperator;
import io.incidentql.grammar.ast.DateLiteral;
import io.incidentql.grammar.ast.DecimalLiteral;
import io.incidentql.grammar.ast.Expression;
import io.incidentql.grammar.ast.FunctionCall;
import io.incidentql.grammar.ast.Identifier;
import io.incidentql.grammar.ast.InList;
import io.incidentql.grammar.ast.IsNull;
import io.incidentql.grammar.ast.Like;
import io.incidentql.grammar.ast.LongLiteral;
import io.incidentql.grammar.ast.Node;
import io.incidentql.grammar.ast.Not;
import io.incidentql.grammar.ast.NullLiteral;
import io.incidentql.grammar.ast.Or;
import io.incidentql.grammar.ast.OrderItem;
import io.incidentql.grammar.ast.Parameter;
import io.incidentql.grammar.ast.Position;
import io.incidentql.grammar.ast.Query;
import io.incidentql.grammar.ast.RelativeTime;
import io.incidentql.grammar.ast.SelectItem;
import io.incidentql.grammar.ast.SingleColumn;
import io.incidentql.grammar.ast.StringLiteral;
import io.incidentql.grammar.ast.TableRef;
import io.incidentql.grammar.ast.TimestampLiteral;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Visitor that turns a parse tree of {@link DslBaseParser} into the immutable {@link Query} tree,
 * checking on the way what the grammar cannot: that dates and times exist, that numbers fit, that
 * {@code *} and DISTINCT sit only in aggregates.
 *
 * <p>It is over 400 lines because it has one visit method per rule of the grammar.
 */
final class AstBuilder extends DslBaseBaseVisitor<Node> {

    /** ISO date; strict, so that February 30th is an error rather than March 2nd. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT);

    /** ISO date and time with 'T', optional seconds and fraction, optional 'Z' or offset. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final String query;

    AstBuilder(String query) {
        this.query = query;
    }

    Query build(DslBaseParser.StatementContext statement) {
        return (Query) visit(statement.query());
    }

    @Override
    public Node visitQuery(DslBaseParser.QueryContext ctx) {
        List<SelectItem> select = new ArrayList<>();
        for (DslBaseParser.SelectItemContext item : ctx.selectItem()) {
            select.add((SelectItem) visit(item));
        }
        List<Expression> groupBy = new ArrayList<>();
        for (DslBaseParser.ExpressionContext element : ctx.groupingElement) {
            groupBy.add(expression(element));
        }
        List<OrderItem> orderBy = new ArrayList<>();
        for (DslBaseParser.SortItemContext item : ctx.sortItem()) {
            orderBy.add((OrderItem) visit(item));
        }
        return new Query(
                select,
                (TableRef) visit(ctx.relation()),
                optionalExpression(ctx.where),
                groupBy,
                optionalExpression(ctx.having),
                orderBy,
                count(ctx.limit),
                count(ctx.offset),
                position(ctx));
    }

    @Override
    public Node visitSelectAll(DslBaseParser.SelectAllContext ctx) {
        return new AllColumns(optionalIdentifier(ctx.qualifier), position(ctx));
    }

    @Override
    public Node visitSelectSingle(DslBaseParser.SelectSingleContext ctx) {
        return new SingleColumn(expression(ctx.expression()), optionalIdentifier(ctx.alias), position(ctx));
    }

    @Override
    public Node visitRelation(DslBaseParser.RelationContext ctx) {
        return new TableRef(identifier(ctx.table), optionalIdentifier(ctx.alias), position(ctx));
    }

    @Override
    public Node visitSortItem(DslBaseParser.SortItemContext ctx) {
        OrderItem.Ordering ordering = ctx.ordering != null && ctx.ordering.getType() == DslBaseLexer.DESC
                ? OrderItem.Ordering.DESCENDING
                : OrderItem.Ordering.ASCENDING;
        OrderItem.NullOrdering nullOrdering = ctx.nullOrdering == null
                ? OrderItem.NullOrdering.UNSPECIFIED
                : ctx.nullOrdering.getType() == DslBaseLexer.FIRST
                        ? OrderItem.NullOrdering.FIRST
                        : OrderItem.NullOrdering.LAST;
        return new OrderItem(expression(ctx.expression()), ordering, nullOrdering, position(ctx));
    }

    // ---- conditions

    @Override
    public Node visitExpression(DslBaseParser.ExpressionContext ctx) {
        return visit(ctx.booleanExpression());
    }

    @Override
    public Node visitPredicated(DslBaseParser.PredicatedContext ctx) {
        Expression value = expression(ctx.valueExpression());
        PredicateContext predicate = ctx.predicate();
        Position position = position(ctx);
        if (predicate == null) {
            return value;
        }
        if (predicate instanceof ComparisonContext comparison) {
            return new Comparison(operator(comparison.comparisonOperator().getStart()), value,
                    expression(comparison.right), position);
        }
        if (predicate instanceof BetweenContext between) {
            return new Between(value, expression(between.lower), expression(between.upper), between.NOT() != null,
                    position);
        }
        if (predicate instanceof InListContext in) {
            List<Expression> values = new ArrayList<>();
            for (ConstantContext constant : in.constant()) {
                values.add(constant instanceof ParameterContext parameter
                        ? parameter(parameter, true)
                        : expression(constant));
            }
            return new InList(value, values, in.NOT() != null, position);
        }
        if (predicate instanceof LikeContext like) {
            return new Like(value, expression(like.pattern), optionalExpression(like.escape), like.NOT() != null,
                    position);
        }
        if (predicate instanceof NullPredicateContext isNull) {
            return new IsNull(value, isNull.NOT() != null, position);
        }
        throw new IllegalStateException("predicate not handled: " + predicate.getClass().getSimpleName());
    }

    @Override
    public Node visitNot(DslBaseParser.NotContext ctx) {
        return new Not(expression(ctx.operand), position(ctx));
    }

    @Override
    public Node visitAnd(AndContext ctx) {
        return new And(terms(ctx, true), position(ctx));
    }

    @Override
    public Node visitOr(OrContext ctx) {
        return new Or(terms(ctx, false), position(ctx));
    }

    /**
     * Returns the operands of a chain of AND ({@code conjunction}) or of OR, flattened. The parse
     * tree of {@code a AND b AND c} leans left, one level per operator, so it is walked with a
     * loop rather than recursion: a long generated condition must not exhaust the stack.
     */
    private List<Expression> terms(BooleanExpressionContext chain, boolean conjunction) {
        Deque<BooleanExpressionContext> rightOperands = new ArrayDeque<>();
        BooleanExpressionContext leftmost = chain;
        while (true) {
            if (conjunction && leftmost instanceof AndContext and) {
                rightOperands.push(and.right);
                leftmost = and.left;
            } else if (!conjunction && leftmost instanceof OrContext or) {
                rightOperands.push(or.right);
                leftmost = or.left;
            } else {
                break;
            }
        }
        List<Expression> terms = new ArrayList<>();
        addFlattened(terms, expression(leftmost), conjunction);
        while (!rightOperands.isEmpty()) {
            addFlattened(terms, expression(rightOperands.pop()), conjunction);
        }
        return terms;
    }

    private static void addFlattened(List<Expression> terms, Expression term, boolean conjunction) {
        // A parenthesised chain of the same operator joins this one: a AND (b AND c) is a AND b AND c.
        if (conjunction && term instanceof And and) {
            terms.addAll(and.terms());
        } else if (!conjunction && term instanceof Or or) {
            terms.addAll(or.terms());
        } else {
            terms.add(term);
        }
    }

    private static ComparisonOperator operator(Token token) {
        return switch (token.getType()) {
            case DslBaseLexer.EQ -> ComparisonOperator.EQUAL;
            case DslBaseLexer.NEQ, DslBaseLexer.BANG_NEQ -> ComparisonOperator.NOT_EQUAL;
            case DslBaseLexer.LT -> ComparisonOperator.LESS_THAN;
            case DslBaseLexer.LTE -> ComparisonOperator.LESS_THAN_OR_EQUAL;
            case DslBaseLexer.GT -> ComparisonOperator.GREATER_THAN;
            case DslBaseLexer.GTE -> ComparisonOperator.GREATER_THAN_OR_EQUAL;
            default -> throw new IllegalStateException("not a comparison operator: " + token.getText());
        };
    }

    // ---- values

    @Override
    public Node visitConstantExpression(DslBaseParser.ConstantExpressionContext ctx) {
        return visit(ctx.constant());
    }

    @Override
    public Node visitFunctionCall(DslBaseParser.FunctionCallContext ctx) {
        Identifier name = identifier(ctx.name);
        List<Expression> arguments = new ArrayList<>();
        for (DslBaseParser.ExpressionContext argument : ctx.expression()) {
            arguments.add(expression(argument));
        }
        Optional<AggregateFunction> aggregate = AggregateFunction.fromName(name.value());
        if (ctx.ASTERISK() != null && aggregate.filter(AggregateFunction.COUNT::equals).isEmpty()) {
            throw SyntaxErrors.atToken(query, ctx.ASTERISK().getSymbol(), "'*' is allowed only in COUNT(*)");
        }
        if (aggregate.isEmpty()) {
            if (ctx.DISTINCT() != null) {
                throw SyntaxErrors.atToken(query, ctx.DISTINCT().getSymbol(),
                        "DISTINCT is allowed only in aggregate functions");
            }
            return new FunctionCall(name, arguments, position(ctx));
        }
        AggregateFunction function = aggregate.get();
        if (ctx.ASTERISK() != null) {
            return new Aggregate(function, Optional.empty(), false, position(ctx));
        }
        if (arguments.size() != 1) {
            String expected = function == AggregateFunction.COUNT ? "1 or *" : "1";
            throw SyntaxErrors.atToken(query, ctx.name.getStart(), "wrong number of arguments for "
                    + function + ": expected " + expected + ", got " + arguments.size());
        }
        return new Aggregate(function, Optional.of(arguments.get(0)), ctx.DISTINCT() != null, position(ctx));
    }

    @Override
    public Node visitColumnReference(DslBaseParser.ColumnReferenceContext ctx) {
        return new ColumnRef(optionalIdentifier(ctx.qualifier), identifier(ctx.column), position(ctx));
    }

    @Override
    public Node visitParenthesized(DslBaseParser.ParenthesizedContext ctx) {
        return visit(ctx.expression());
    }

    // ---- literals

    @Override
    public Node visitStringLiteral(DslBaseParser.StringLiteralContext ctx) {
        return new StringLiteral(unquote(ctx.STRING().getText(), '\''), position(ctx));
    }

    @Override
    public Node visitIntegerLiteral(DslBaseParser.IntegerLiteralContext ctx) {
        // getText() joins the tokens without the whitespace between them: "- 5" gives "-5".
        return new LongLiteral(parseLong(ctx.getText(), ctx.getStart()), position(ctx));
    }

    @Override
    public Node visitDecimalLiteral(DslBaseParser.DecimalLiteralContext ctx) {
        return new DecimalLiteral(new BigDecimal(ctx.getText()), position(ctx));
    }

    @Override
    public Node visitBooleanLiteral(DslBaseParser.BooleanLiteralContext ctx) {
        return new BooleanLiteral(ctx.TRUE() != null, position(ctx));
    }

    @Override
    public Node visitNullLiteral(DslBaseParser.NullLiteralContext ctx) {
        return new NullLiteral(position(ctx));
    }

    @Override
    public Node visitDateLiteral(DslBaseParser.DateLiteralContext ctx) {
        Token string = ctx.STRING().getSymbol();
        String text = unquote(string.getText(), '\'');
        try {
            return new DateLiteral(LocalDate.parse(text, DATE), position(ctx));
        } catch (DateTimeParseException e) {
            throw SyntaxErrors.atToken(query, string, "invalid DATE literal " + string.getText()
                    + " (expected 'yyyy-MM-dd')");
        }
    }

    @Override
    public Node visitTimestampLiteral(DslBaseParser.TimestampLiteralContext ctx) {
        Token string = ctx.STRING().getSymbol();
        String text = unquote(string.getText(), '\'');
        // '2025-01-01 10:00:00' is the SQL form of ISO's '2025-01-01T10:00:00'.
        String iso = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        try {
            TemporalAccessor parsed = TIMESTAMP.parse(iso);
            Instant instant = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? OffsetDateTime.from(parsed).toInstant()
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
            return new TimestampLiteral(instant, position(ctx));
        } catch (DateTimeParseException e) {
            throw SyntaxErrors.atToken(query, string, "invalid TIMESTAMP literal " + string.getText()
                    + " (expected 'yyyy-MM-dd HH:mm:ss' or 'yyyy-MM-ddTHH:mm:ssZ')");
        }
    }

    @Override
    public Node visitRelativeTime(DslBaseParser.RelativeTimeContext ctx) {
        if (ctx.DURATION() == null) {
            return new RelativeTime(Duration.ZERO, position(ctx));
        }
        Token token = ctx.DURATION().getSymbol();
        String text = token.getText();
        try {
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            Duration duration = switch (Character.toLowerCase(text.charAt(text.length() - 1))) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                case 'w' -> Duration.ofDays(Math.multiplyExact(amount, 7L));
                default -> throw new IllegalStateException("unit not in the grammar: " + text);
            };
            return new RelativeTime(ctx.sign.getType() == DslBaseLexer.MINUS ? duration.negated() : duration,
                    position(ctx));
        } catch (NumberFormatException | ArithmeticException e) {
            throw SyntaxErrors.atToken(query, token, "duration out of range: " + text);
        }
    }

    @Override
    public Node visitParameter(ParameterContext ctx) {
        return parameter(ctx, false);
    }

    private static Parameter parameter(ParameterContext ctx, boolean expandable) {
        return new Parameter(ctx.PARAMETER().getText().substring(1), expandable, position(ctx));
    }

    // ---- names

    @Override
    public Node visitUnquotedIdentifier(DslBaseParser.UnquotedIdentifierContext ctx) {
        return new Identifier(ctx.getText(), false, position(ctx));
    }

    @Override
    public Node visitQuotedIdentifier(DslBaseParser.QuotedIdentifierContext ctx) {
        String value = unquote(ctx.getText(), '"');
        if (value.isEmpty()) {
            throw SyntaxErrors.atToken(query, ctx.getStart(), "zero-length quoted identifier");
        }
        return new Identifier(value, true, position(ctx));
    }

    // ---- helpers

    private Expression expression(ParserRuleContext ctx) {
        return (Expression) visit(ctx);
    }

    private Optional<Expression> optionalExpression(ParserRuleContext ctx) {
        return ctx == null ? Optional.empty() : Optional.of(expression(ctx));
    }

    private Identifier identifier(DslBaseParser.IdentifierContext ctx) {
        return (Identifier) visit(ctx);
    }

    private Optional<Identifier> optionalIdentifier(DslBaseParser.IdentifierContext ctx) {
        return ctx == null ? Optional.empty() : Optional.of(identifier(ctx));
    }

    private OptionalLong count(Token token) {
        return token == null ? OptionalLong.empty() : OptionalLong.of(parseLong(token.getText(), token));
    }

    private long parseLong(String text, Token token) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw SyntaxErrors.atToken(query, token, text, "integer out of range: " + text);
        }
    }

    /** Returns the text between the outer quotes, with each doubled quote made single. */
    private static String unquote(String text, char quote) {
        String doubled = String.valueOf(quote) + quote;
        return text.substring(1, text.length() - 1).replace(doubled, String.valueOf(quote));
    }

    private static Position position(ParserRuleContext ctx) {
        return position(ctx.getStart());
    }

    private static Position position(Token token) {
        return Position.of(token.getLine(), token.getCharPositionInLine() + 1);
    }
}
