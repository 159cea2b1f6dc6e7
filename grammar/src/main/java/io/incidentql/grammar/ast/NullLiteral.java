package io.incidentql.grammar.ast;

import java.util.Objects;

/**
 * Literal NULL.
 *
 * @param position the position of the literal's first character
 */
public record NullLiteral(Position position) implements Literal {

    public NullLiteral {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitNullLiteral(this);
    }
}
