package io.incidentql.grammar.ast;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Date literal {@code DATE 'yyyy-MM-dd'}.
 *
 * @param value the date
 * @param position the position of the literal's first character
 */
public record DateLiteral(LocalDate value, Position position) implements Literal {

    public DateLiteral {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitDateLiteral(this);
    }
}
