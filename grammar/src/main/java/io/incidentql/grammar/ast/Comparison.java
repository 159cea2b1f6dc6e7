package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * Comparison of two values: {@code left operator right}.
 *
 * @param operator the comparison operator
 * @param left the left operand
 * @param right the right operand
 * @param position the position of the left operand
 */
public record Comparison(ComparisonOperator operator, Expression left, Expression right, Position position)
        implements Expression {

    public Comparison {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        return List.of(left, right);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitComparison(this);
    }
}
