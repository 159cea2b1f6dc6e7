package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * Sort key of ORDER BY: an expression, a direction and where NULLs go.
 *
 * @param expression the value sorted on
 * @param ordering ascending unless DESC was written
 * @param nullOrdering NULLS FIRST, NULLS LAST, or unspecified (the engine's default)
 * @param position the position of the expression
 */
public record OrderItem(Expression expression, Ordering ordering, NullOrdering nullOrdering, Position position)
        implements Node {

    /** Sort direction of an {@link OrderItem}. */
    public enum Ordering {
        ASCENDING,
        DESCENDING
    }

    /** Placement of NULLs in an {@link OrderItem}. */
    public enum NullOrdering {
        FIRST,
        LAST,
        /** No NULLS clause was written; the engine's default applies. */
        UNSPECIFIED
    }

    public OrderItem {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(nullOrdering, "nullOrdering");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        return List.of(expression);
    }
}
