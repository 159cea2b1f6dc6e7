package io.incidentql.grammar;

import static io.incidentql.grammar.Ast.col;
import static io.incidentql.grammar.Ast.eq;
import static io.incidentql.grammar.Ast.id;
import static io.incidentql.grammar.Ast.num;
import static io.incidentql.grammar.Ast.quoted;
import static io.incidentql.grammar.Ast.star;
import static io.incidentql.grammar.Ast.str;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.grammar.ast.Aggregate;
import io.incidentql.grammar.ast.AggregateFunction;
import io.incidentql.grammar.ast.And;
import io.incidentql.grammar.ast.Between;
import io.incidentql.grammar.ast.BooleanLiteral;
import io.incidentql.grammar.ast.ColumnRef;
import io.incidentql.grammar.ast.Comparison;
import io.incidentql.grammar.ast.ComparisonOperator;
import io.incidentql.grammar.ast.DateLiteral;
import io.incidentql.grammar.ast.DecimalLiteral;
import io.incidentql.grammar.ast.Expression;
import io.incidentql.grammar.ast.ExpressionVisitor;
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
import io.incidentql.grammar.ast.Parameter;
import io.incidentql.grammar.ast.Position;
import io.incidentql.grammar.ast.Query;
import io.incidentql.grammar.ast.RelativeTime;
import io.incidentql.grammar.ast.SelectItem;
import io.incidentql.grammar.ast.SingleColumn;
import io.incidentql.grammar.ast.StringLiteral;
import io.incidentql.grammar.ast.TableRef;
import io.incidentql.grammar.ast.TimestampLiteral;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tests of the syntax tree itself: positions, equality, immutability, validation and traversal.
 */
class AstTest {

    @Test
    void recordsTheLineAndColumnWhereEachNodeStarts() {
        Query query = DslParser.parse("SELECT id,\n  COUNT(*) n\nFROM alerts a\nWHERE a.status IN ('x', :more)\n"
                + "  AND created_at > now() - 1d");
        SingleColumn count = (SingleColumn) query.select().get(1);
        And where = (And) query.where().orElseThrow();
        InList in = (InList) where.terms().get(0);
        Comparison created = (Comparison) where.terms().get(1);
        assertAll(
                () -> assertPosition(1, 1, query),
                () -> assertPosition(1, 8, query.select().get(0)),
                () -> assertPosition(2, 3, count),
                () -> assertPosition(2, 12, count.alias().orElseThrow()),
                () -> assertPosition(3, 6, query.from()),
                () -> assertPosition(3, 13, query.from().alias().orElseThrow()),
                () -> assertPosition(4, 7, where),
                () -> assertPosition(4, 7, in),
                () -> assertPosition(4, 9, ((ColumnRef) in.value()).name()),
                () -> assertPosition(4, 20, in.values().get(0)),
                () -> assertPosition(4, 25, in.values().get(1)),
                () -> assertPosition(5, 7, created),
                () -> assertPosition(5, 20, created.right()));
    }

    private static void assertPosition(int line, int column, Node node) {
        assertEquals(line + ":" + column, node.position().line() + ":" + node.position().column(), node::toString);
    }

    @Test
    void leavesPositionsOutOfEquality() {
        Comparison here = new Comparison(ComparisonOperator.EQUAL, new ColumnRef(Optional.empty(),
                new Identifier("a", false, Position.of(1, 1)), Position.of(1, 1)), new LongLiteral(1, Position.of(1, 5)),
                Position.of(1, 1));
        Comparison there = new Comparison(ComparisonOperator.EQUAL, new ColumnRef(Optional.empty(),
                new Identifier("a", false, Position.of(7, 3)), Position.of(7, 3)), new LongLiteral(1, Position.of(7, 7)),
                Position.of(7, 3));
        assertEquals(here, there);
        assertEquals(here.hashCode(), there.hashCode());
        assertEquals(eq(col("a"), num(1)), here);
        assertNotEquals(eq(col("a"), num(2)), here);
    }

    @Test
    void comparesContentInEveryOtherComponent() {
        assertNotEquals(id("status"), quoted("status"));
        assertNotEquals(id("status"), id("Status"));
        assertNotEquals(new Parameter("p", true, Ast.P), new Parameter("p", false, Ast.P));
        assertNotEquals(Ast.in(col("a"), num(1)), Ast.notIn(col("a"), num(1)));
    }

    @Test
    void showsPositionsAsLineColonColumn() {
        assertEquals("3:14", Position.of(3, 14).toString());
        assertEquals(0, Position.UNKNOWN.line());
        assertThrows(IllegalArgumentException.class, () -> Position.of(0, 1));
    }

    @Test
    void copiesListsSoThatTreesCannotChange() {
        List<SelectItem> items = new ArrayList<>(List.of(star()));
        Query query = new Query(items, new TableRef(id("alerts"), Optional.empty(), Ast.P), Optional.empty(), List.of(),
                Optional.empty(), List.of(), OptionalLong.empty(), OptionalLong.empty(), Ast.P);
        items.add(star());
        assertEquals(1, query.select().size());
        assertThrows(UnsupportedOperationException.class, () -> query.select().add(star()));
        assertThrows(UnsupportedOperationException.class,
                () -> DslParser.parse("SELECT a FROM t WHERE x IN (1)").groupBy().add(num(1)));
    }

    @Test
    void rejectsTreesThatNoQueryCouldProduce() {
        assertThrows(IllegalArgumentException.class, () -> new And(List.of(num(1)), Ast.P));
        assertThrows(IllegalArgumentException.class, () -> new InList(col("a"), List.of(), false, Ast.P));
        assertThrows(IllegalArgumentException.class, () -> new Identifier("", true, Ast.P));
        assertThrows(IllegalArgumentException.class,
                () -> new Aggregate(AggregateFunction.SUM, Optional.empty(), false, Ast.P));
        assertThrows(NullPointerException.class, () -> new StringLiteral(null, Ast.P));
        assertThrows(IllegalArgumentException.class, () -> new Query(List.of(), new TableRef(id("t"), Optional.empty(),
                Ast.P), Optional.empty(), List.of(), Optional.empty(), List.of(), OptionalLong.empty(),
                OptionalLong.empty(), Ast.P));
    }

    @Test
    void listsChildrenInSourceOrder() {
        Query query = DslParser.parse("SELECT a, b FROM t x WHERE c = 1 GROUP BY d HAVING e > 2 ORDER BY f");
        List<String> kinds = query.children().stream().map(node -> node.getClass().getSimpleName()).toList();
        assertEquals(List.of("SingleColumn", "SingleColumn", "TableRef", "Comparison", "ColumnRef", "Comparison",
                "OrderItem"), kinds);
        assertEquals(List.of(id("t"), id("x")), query.from().children());
    }

    @Test
    void visitsEveryKindOfExpression() {
        Expression condition = DslParser.parse("SELECT * FROM alerts WHERE a.x = 'it''s' AND (NOT b IN (1, :p) OR"
                + " c BETWEEN 1.5 AND TRUE OR d LIKE 'x%' ESCAPE '!' OR e IS NOT NULL OR f = NULL OR"
                + " g > DATE '2025-01-02' OR h > TIMESTAMP '2025-01-02 03:04:05' OR i > now() - 1h OR"
                + " COUNT(DISTINCT j) > lower(k, :q) OR COUNT(*) < 3)").where().orElseThrow();
        assertEquals("(a.x = 'it''s' AND (NOT (b IN (1, :p...)) OR c BETWEEN 1.5 AND TRUE OR d LIKE 'x%' ESCAPE '!'"
                + " OR e IS NOT NULL OR f = NULL OR g > DATE '2025-01-02' OR h > TIMESTAMP '2025-01-02T03:04:05Z'"
                + " OR i > now() - PT1H OR COUNT(DISTINCT j) > lower(k, :q) OR COUNT(*) < 3))",
                condition.accept(new Printer()));
    }

    @Test
    void resolvesRelativeTimesAgainstTheMomentGiven() {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        assertEquals(Instant.parse("2025-05-25T12:00:00Z"), new RelativeTime(Duration.ofDays(-7), Ast.P).resolve(now));
        assertEquals(now, Ast.now().resolve(now));
    }

    @Test
    void matchesIdentifiersIgnoringCaseUnlessQuoted() {
        assertTrue(id("Status").matches("status"));
        assertEquals("status", id("Status").canonical());
        assertFalse(quoted("Status").matches("status"));
        assertEquals("Status", quoted("Status").canonical());
    }

    @Test
    void flipsAndNegatesComparisonOperators() {
        for (ComparisonOperator operator : ComparisonOperator.values()) {
            assertEquals(operator, operator.flip().flip());
            assertEquals(operator, operator.negate().negate());
        }
        assertEquals(ComparisonOperator.GREATER_THAN, ComparisonOperator.LESS_THAN.flip());
        assertEquals(ComparisonOperator.GREATER_THAN_OR_EQUAL, ComparisonOperator.LESS_THAN.negate());
        assertEquals("<>", ComparisonOperator.NOT_EQUAL.symbol());
    }

    @Test
    void recognisesAggregateNamesInAnyCase() {
        assertEquals(Optional.of(AggregateFunction.AVG), AggregateFunction.fromName("Avg"));
        assertEquals(Optional.empty(), AggregateFunction.fromName("median"));
        assertEquals(str("x"), new StringLiteral("x", Position.of(9, 9)));
    }

    /** Printer of expressions back to DSL-like text, one visitor method per expression type. */
    private static final class Printer implements ExpressionVisitor<String> {

        private String print(Expression expression) {
            return expression.accept(this);
        }

        private String join(List<Expression> expressions, String separator) {
            return expressions.stream().map(this::print).collect(Collectors.joining(separator));
        }

        @Override
        public String visitColumnRef(ColumnRef node) {
            return node.qualifier().map(q -> q.value() + ".").orElse("") + node.name().value();
        }

        @Override
        public String visitComparison(Comparison node) {
            return print(node.left()) + " " + node.operator().symbol() + " " + print(node.right());
        }

        @Override
        public String visitAnd(And node) {
            return "(" + join(node.terms(), " AND ") + ")";
        }

        @Override
        public String visitOr(Or node) {
            return "(" + join(node.terms(), " OR ") + ")";
        }

        @Override
        public String visitNot(Not node) {
            return "NOT (" + print(node.operand()) + ")";
        }

        @Override
        public String visitInList(InList node) {
            return print(node.value()) + (node.negated() ? " NOT IN (" : " IN (") + join(node.values(), ", ") + ")";
        }

        @Override
        public String visitBetween(Between node) {
            return print(node.value()) + (node.negated() ? " NOT" : "") + " BETWEEN " + print(node.lower()) + " AND "
                    + print(node.upper());
        }

        @Override
        public String visitLike(Like node) {
            return print(node.value()) + (node.negated() ? " NOT" : "") + " LIKE " + print(node.pattern())
                    + node.escape().map(e -> " ESCAPE " + print(e)).orElse("");
        }

        @Override
        public String visitIsNull(IsNull node) {
            return print(node.value()) + (node.negated() ? " IS NOT NULL" : " IS NULL");
        }

        @Override
        public String visitAggregate(Aggregate node) {
            return node.function() + "(" + (node.distinct() ? "DISTINCT " : "")
                    + node.argument().map(this::print).orElse("*") + ")";
        }

        @Override
        public String visitFunctionCall(FunctionCall node) {
            return node.name().value() + "(" + join(node.arguments(), ", ") + ")";
        }

        @Override
        public String visitStringLiteral(StringLiteral node) {
            return "'" + node.value().replace("'", "''") + "'";
        }

        @Override
        public String visitLongLiteral(LongLiteral node) {
            return Long.toString(node.value());
        }

        @Override
        public String visitDecimalLiteral(DecimalLiteral node) {
            return node.value().toPlainString();
        }

        @Override
        public String visitBooleanLiteral(BooleanLiteral node) {
            return node.value() ? "TRUE" : "FALSE";
        }

        @Override
        public String visitNullLiteral(NullLiteral node) {
            return "NULL";
        }

        @Override
        public String visitDateLiteral(DateLiteral node) {
            return "DATE '" + node.value() + "'";
        }

        @Override
        public String visitTimestampLiteral(TimestampLiteral node) {
            return "TIMESTAMP '" + node.value() + "'";
        }

        @Override
        public String visitRelativeTime(RelativeTime node) {
            return node.offset().isZero() ? "now()" : "now() - " + node.offset().negated();
        }

        @Override
        public String visitParameter(Parameter node) {
            return ":" + node.name() + (node.expandable() ? "..." : "");
        }
    }
}
