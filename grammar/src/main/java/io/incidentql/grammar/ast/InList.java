package io.incidentql.grammar.ast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Membership test {@code value [NOT] IN (v1, v2, ...)} over literals and parameters.
 *
 * <p>A {@link Parameter} among the values is {@linkplain Parameter#expandable() expandable}: bound
 * to a list, it stands for all of the list's elements at its place.
 *
 * @param value the value tested
 * @param values the list, at least one element, each a {@link Literal} or a {@link Parameter}
 * @param negated whether NOT IN was written
 * @param position the position of the value tested
 */
public record InList(Expression value, List<Expression> values, boolean negated, Position position)
        implements Expression {

    public InList {
        Objects.requireNonNull(value, "value");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("IN list is empty");
        }
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        List<Node> children = new ArrayList<>(values.size() + 1);
        children.add(value);
        children.addAll(values);
        return Collections.unmodifiableList(children);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitInList(this);
    }
}
