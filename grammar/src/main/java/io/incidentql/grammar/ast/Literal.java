package io.incidentql.grammar.ast;

import java.util.List;

/**
 * Constant written in the query text.
 */
public sealed interface Literal extends Expression
        permits StringLiteral, LongLiteral, DecimalLiteral, BooleanLiteral, NullLiteral, DateLiteral,
                TimestampLiteral, RelativeTime {

    @Override
    default List<Node> children() {
        return List.of();
    }
}
