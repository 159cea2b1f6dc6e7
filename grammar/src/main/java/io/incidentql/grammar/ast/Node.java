package io.incidentql.grammar.ast;

import java.util.List;

/**
 * Element of the syntax tree of a DSL query; every node is an immutable record.
 */
public sealed interface Node permits Query, SelectItem, TableRef, OrderItem, Identifier, Expression {

    /** Returns where the node starts in the query text; it takes no part in {@code equals}. */
    Position position();

    /** Returns the direct child nodes in source order, for walks over the whole tree. */
    List<Node> children();
}
