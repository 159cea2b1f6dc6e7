package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * Conjunction of two or more conditions joined by AND.
 *
 * <p>Chains are flattened: {@code a AND b AND c} and {@code a AND (b AND c)} both give one
 * node with three terms, since AND is associative and a flat list is what translation wants.
 *
 * @param terms the conditions, at least two, in source order
 * @param position the position of the first term
 */
public record And(List<Expression> terms, Position position) implements Expression {

    public And {
        terms = List.copyOf(terms);
        if (terms.size() < 2) {
            throw new IllegalArgumentException("AND needs at least two terms: " + terms);
        }
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        return List.copyOf(terms);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitAnd(this);
    }
}
