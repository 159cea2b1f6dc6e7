package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * Named parameter {@code :name}, given a value when the query runs.
 *
 * @param name the name without the colon, case-sensitive
 * @param expandable true when the parameter is an element of an IN list, where it may be bound
 *     to a list whose elements then take its place; elsewhere it takes a single value
 * @param position the position of the colon
 */
public record Parameter(String name, boolean expandable, Position position) implements Expression {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        return List.of();
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitParameter(this);
    }
}
