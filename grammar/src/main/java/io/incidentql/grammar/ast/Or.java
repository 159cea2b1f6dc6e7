package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * Disjunction of two or more conditions joined by OR.
 *
 * <p>Chains are flattened: {@code a OR b OR c} and {@code a OR (b OR c)} both give one
 * node with three terms, since OR is associative and a flat list is what translation wants.
 *
 * @param terms the conditions, at least two, in source order
 * @param position the position of the first term
 */
public record Or(List<Expression> terms, Position position) implements Expression {

    public Or {
        terms = List.copyOf(terms);
        if (terms.size() < 2) {
            throw new IllegalArgumentException("OR needs at least two terms: " + terms);
        }
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        return List.copyOf(terms);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitOr(this);
    }
}
