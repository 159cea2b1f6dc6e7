package io.incidentql.grammar.ast;

import java.util.Objects;

/**
 * Integer literal, a signed 64-bit value.
 *
 * @param value the value, including a leading minus sign
 * @param position the position of the literal's first character
 */
public record LongLiteral(long value, Position position) implements Literal {

    public LongLiteral {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitLongLiteral(this);
    }
}
