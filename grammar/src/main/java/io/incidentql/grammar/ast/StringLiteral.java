package io.incidentql.grammar.ast;

import java.util.Objects;

/**
 * String literal such as {@code 'it''s'}.
 *
 * @param value the text between the quotes, with {@code ''} undoubled
 * @param position the position of the literal's first character
 */
public record StringLiteral(String value, Position position) implements Literal {

    public StringLiteral {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitStringLiteral(this);
    }
}
