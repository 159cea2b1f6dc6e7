package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * NULL test {@code value IS [NOT] NULL}.
 *
 * @param value the value tested
 * @param negated whether IS NOT NULL was written
 * @param position the position of the value tested
 */
public record IsNull(Expression value, boolean negated, Position position) implements Expression {

    public IsNull {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        return List.of(value);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitIsNull(this);
    }
}
