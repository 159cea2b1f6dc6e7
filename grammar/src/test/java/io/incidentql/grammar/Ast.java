package io.incidentql.grammar;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Factory of hand-built syntax trees for tests, short enough that an expected tree reads like the query.
 */
final class Ast {

    /** Hand-built nodes have no position; positions never take part in equality anyway. */
    static final Position P = Position.UNKNOWN;

    private Ast() {
    }

    static Identifier id(String value) {
        return new Identifier(value, false, P);
    }

    static Identifier quoted(String value) {
        return new Identifier(value, true, P);
    }

    static ColumnRef col(String name) {
        return new ColumnRef(Optional.empty(), id(name), P);
    }

    static ColumnRef col(String qualifier, String name) {
        return new ColumnRef(Optional.of(id(qualifier)), id(name), P);
    }

    static ColumnRef col(Identifier name) {
        return new ColumnRef(Optional.empty(), name, P);
    }

    static StringLiteral str(String value) {
        return new StringLiteral(value, P);
    }

    static LongLiteral num(long value) {
        return new LongLiteral(value, P);
    }

    static DecimalLiteral dec(String value) {
        return new DecimalLiteral(new BigDecimal(value), P);
    }

    static BooleanLiteral bool(boolean value) {
        return new BooleanLiteral(value, P);
    }

    static NullLiteral nullLiteral() {
        return new NullLiteral(P);
    }

    static DateLiteral date(String iso) {
        return new DateLiteral(LocalDate.parse(iso), P);
    }

    static TimestampLiteral timestamp(String isoInstant) {
        return new TimestampLiteral(Instant.parse(isoInstant), P);
    }

    static RelativeTime now() {
        return new RelativeTime(Duration.ZERO, P);
    }

    static RelativeTime now(Duration offset) {
        return new RelativeTime(offset, P);
    }

    static Parameter param(String name) {
        return new Parameter(name, false, P);
    }

    static Parameter listParam(String name) {
        return new Parameter(name, true, P);
    }

    static Comparison cmp(ComparisonOperator operator, Expression left, Expression right) {
        return new Comparison(operator, left, right, P);
    }

    static Comparison eq(Expression left, Expression right) {
        return cmp(ComparisonOperator.EQUAL, left, right);
    }

    static Comparison gt(Expression left, Expression right) {
        return cmp(ComparisonOperator.GREATER_THAN, left, right);
    }

    static And and(Expression... terms) {
        return new And(List.of(terms), P);
    }

    static And and(List<Expression> terms) {
        return new And(terms, P);
    }

    static Or or(Expression... terms) {
        return new Or(List.of(terms), P);
    }

    static Not not(Expression operand) {
        return new Not(operand, P);
    }

    static InList in(Expression value, Expression... values) {
        return new InList(value, List.of(values), false, P);
    }

    static InList notIn(Expression value, Expression... values) {
        return new InList(value, List.of(values), true, P);
    }

    static Between between(Expression value, Expression lower, Expression upper) {
        return new Between(value, lower, upper, false, P);
    }

    static Between notBetween(Expression value, Expression lower, Expression upper) {
        return new Between(value, lower, upper, true, P);
    }

    static Like like(Expression value, Expression pattern) {
        return new Like(value, pattern, Optional.empty(), false, P);
    }

    static Like notLike(Expression value, Expression pattern, Expression escape) {
        return new Like(value, pattern, Optional.of(escape), true, P);
    }

    static IsNull isNull(Expression value) {
        return new IsNull(value, false, P);
    }

    static IsNull isNotNull(Expression value) {
        return new IsNull(value, true, P);
    }

    static Aggregate countAll() {
        return new Aggregate(AggregateFunction.COUNT, Optional.empty(), false, P);
    }

    static Aggregate aggregate(AggregateFunction function, Expression argument) {
        return new Aggregate(function, Optional.of(argument), false, P);
    }

    static Aggregate countDistinct(Expression argument) {
        return new Aggregate(AggregateFunction.COUNT, Optional.of(argument), true, P);
    }

    static FunctionCall call(String name, Expression... arguments) {
        return new FunctionCall(id(name), List.of(arguments), P);
    }

    static SingleColumn item(Expression expression) {
        return new SingleColumn(expression, Optional.empty(), P);
    }

    static SingleColumn item(Expression expression, String alias) {
        return new SingleColumn(expression, Optional.of(id(alias)), P);
    }

    static SingleColumn item(Expression expression, Identifier alias) {
        return new SingleColumn(expression, Optional.of(alias), P);
    }

    static AllColumns star() {
        return new AllColumns(Optional.empty(), P);
    }

    static AllColumns star(String qualifier) {
        return new AllColumns(Optional.of(id(qualifier)), P);
    }

    static OrderItem asc(Expression expression) {
        return order(expression, OrderItem.Ordering.ASCENDING, OrderItem.NullOrdering.UNSPECIFIED);
    }

    static OrderItem desc(Expression expression) {
        return order(expression, OrderItem.Ordering.DESCENDING, OrderItem.NullOrdering.UNSPECIFIED);
    }

    static OrderItem order(Expression expression, OrderItem.Ordering ordering, OrderItem.NullOrdering nulls) {
        return new OrderItem(expression, ordering, nulls, P);
    }

    /** Starts a query selecting these columns; each argument is a column name. */
    static QueryBuilder select(String... columns) {
        return new QueryBuilder(Arrays.stream(columns).<SelectItem>map(name -> item(col(name))).toList());
    }

    static QueryBuilder select(Expression... expressions) {
        return new QueryBuilder(Arrays.stream(expressions).<SelectItem>map(Ast::item).toList());
    }

    static QueryBuilder select(SelectItem... items) {
        return new QueryBuilder(List.of(items));
    }

    /** Builder of an expected {@link Query}; {@code from} is required, every other clause optional. */
    static final class QueryBuilder {
        private final List<SelectItem> select;
        private TableRef from;
        private Optional<Expression> where = Optional.empty();
        private final List<Expression> groupBy = new ArrayList<>();
        private Optional<Expression> having = Optional.empty();
        private final List<OrderItem> orderBy = new ArrayList<>();
        private OptionalLong limit = OptionalLong.empty();
        private OptionalLong offset = OptionalLong.empty();

        private QueryBuilder(List<SelectItem> select) {
            this.select = select;
        }

        QueryBuilder from(String table) {
            return from(new TableRef(id(table), Optional.empty(), P));
        }

        QueryBuilder from(String table, String alias) {
            return from(new TableRef(id(table), Optional.of(id(alias)), P));
        }

        QueryBuilder from(TableRef table) {
            this.from = table;
            return this;
        }

        QueryBuilder where(Expression condition) {
            this.where = Optional.of(condition);
            return this;
        }

        QueryBuilder groupBy(Expression... expressions) {
            groupBy.addAll(List.of(expressions));
            return this;
        }

        QueryBuilder having(Expression condition) {
            this.having = Optional.of(condition);
            return this;
        }

        QueryBuilder orderBy(OrderItem... items) {
            orderBy.addAll(List.of(items));
            return this;
        }

        QueryBuilder limit(long count) {
            this.limit = OptionalLong.of(count);
            return this;
        }

        QueryBuilder offset(long count) {
            this.offset = OptionalLong.of(count);
            return this;
        }

        Query build() {
            return new Query(select, from, where, groupBy, having, orderBy, limit, offset, P);
        }
    }
}
