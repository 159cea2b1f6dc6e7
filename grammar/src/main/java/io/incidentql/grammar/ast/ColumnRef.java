package io.incidentql.grammar.ast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reference to a column, optionally qualified by the table's name or alias ({@code a.status}).
 *
 * @param qualifier the table name or alias before the dot, if any
 * @param name the column name
 * @param position the position of the reference's first character
 */
public record ColumnRef(Optional<Identifier> qualifier, Identifier name, Position position) implements Expression {

    public ColumnRef {
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        List<Node> children = new ArrayList<>(2);
        qualifier.ifPresent(children::add);
        children.add(name);
        return Collections.unmodifiableList(children);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitColumnRef(this);
    }
}
