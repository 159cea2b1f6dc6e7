package io.incidentql.grammar.ast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Select item that is one expression, with an optional alias ({@code AS x} or bare {@code x}).
 *
 * @param expression the value selected
 * @param alias the output name given, if any
 * @param position the position of the expression
 */
public record SingleColumn(Expression expression, Optional<Identifier> alias, Position position)
        implements SelectItem {

    public SingleColumn {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        List<Node> children = new ArrayList<>(2);
        children.add(expression);
        alias.ifPresent(children::add);
        return Collections.unmodifiableList(children);
    }
}
