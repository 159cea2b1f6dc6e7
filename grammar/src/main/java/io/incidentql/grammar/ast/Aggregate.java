package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Call of an aggregate function: {@code COUNT(*)}, {@code COUNT([DISTINCT] x)}, {@code SUM(x)},
 * {@code MIN(x)}, {@code MAX(x)}, {@code AVG(x)}.
 *
 * @param function the aggregate function
 * @param argument the argument; empty only for {@code COUNT(*)}
 * @param distinct whether DISTINCT was written before the argument
 * @param position the position of the function name
 */
public record Aggregate(AggregateFunction function, Optional<Expression> argument, boolean distinct,
        Position position) implements Expression {

    public Aggregate {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(argument, "argument");
        Objects.requireNonNull(position, "position");
        if (argument.isEmpty() && (function != AggregateFunction.COUNT || distinct)) {
            throw new IllegalArgumentException("only COUNT(*) has no argument");
        }
    }

    /** Returns whether this is {@code COUNT(*)}. */
    public boolean isCountAll() {
        return argument.isEmpty();
    }

    @Override
    public List<Node> children() {
        return argument.<List<Node>>map(List::of).orElse(List.of());
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitAggregate(this);
    }
}
