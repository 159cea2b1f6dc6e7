package io.incidentql.grammar.ast;

import java.util.Objects;

/**
 * Literal TRUE or FALSE.
 *
 * @param value the value
 * @param position the position of the literal's first character
 */
public record BooleanLiteral(boolean value, Position position) implements Literal {

    public BooleanLiteral {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitBooleanLiteral(this);
    }
}
