package io.incidentql.grammar.ast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pattern match {@code value [NOT] LIKE pattern [ESCAPE escape]} with SQL wildcards {@code %} and {@code _}.
 *
 * @param value the value tested
 * @param pattern the pattern
 * @param escape the escape character, if an ESCAPE clause was written
 * @param negated whether NOT LIKE was written
 * @param position the position of the value tested
 */
public record Like(Expression value, Expression pattern, Optional<Expression> escape, boolean negated,
        Position position) implements Expression {

    public Like {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(escape, "escape");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        List<Node> children = new ArrayList<>(3);
        children.add(value);
        children.add(pattern);
        escape.ifPresent(children::add);
        return Collections.unmodifiableList(children);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitLike(this);
    }
}
