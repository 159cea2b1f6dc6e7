package io.incidentql.grammar.ast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Table named in FROM, with an optional alias; whether the table exists is checked later.
 *
 * @param name the table name
 * @param alias the alias given, if any
 * @param position the position of the table name
 */
public record TableRef(Identifier name, Optional<Identifier> alias, Position position) implements Node {

    public TableRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        List<Node> children = new ArrayList<>(2);
        children.add(name);
        alias.ifPresent(children::add);
        return Collections.unmodifiableList(children);
    }
}
