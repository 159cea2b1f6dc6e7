package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * Negation of a condition with a leading NOT.
 *
 * <p>{@code NOT IN}, {@code NOT BETWEEN}, {@code NOT LIKE} and {@code IS NOT NULL} are not
 * {@code Not} nodes: they set the {@code negated} flag of their own node.
 *
 * @param operand the condition negated
 * @param position the position of NOT
 */
public record Not(Expression operand, Position position) implements Expression {

    public Not {
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        return List.of(operand);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitNot(this);
    }
}
