package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Select item {@code *}, or {@code alias.*} when qualified by the table's name or alias.
 *
 * @param qualifier the table name or alias before {@code .*}, if any
 * @param position the position of the item
 */
public record AllColumns(Optional<Identifier> qualifier, Position position) implements SelectItem {

    public AllColumns {
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        return qualifier.<List<Node>>map(List::of).orElse(List.of());
    }
}
