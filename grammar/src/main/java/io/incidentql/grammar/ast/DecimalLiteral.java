package io.incidentql.grammar.ast;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Exact decimal literal such as {@code 3.14} or {@code .5}.
 *
 * @param value the value with the scale written: {@code 1.50} has scale 2 and is not equal to {@code 1.5}
 * @param position the position of the literal's first character
 */
public record DecimalLiteral(BigDecimal value, Position position) implements Literal {

    public DecimalLiteral {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitDecimalLiteral(this);
    }
}
