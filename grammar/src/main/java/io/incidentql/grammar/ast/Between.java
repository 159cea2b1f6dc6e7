package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * Range test {@code value [NOT] BETWEEN lower AND upper}, both bounds inclusive.
 *
 * @param value the value tested
 * @param lower the lower bound
 * @param upper the upper bound
 * @param negated whether NOT BETWEEN was written
 * @param position the position of the value tested
 */
public record Between(Expression value, Expression lower, Expression upper, boolean negated, Position position)
        implements Expression {

    public Between {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        return List.of(value, lower, upper);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitBetween(this);
    }
}
