package io.incidentql.grammar.ast;

import java.util.Locale;
import java.util.Optional;

/**
 * Aggregate function known to the DSL; any other function name becomes a {@link FunctionCall}.
 */
public enum AggregateFunction {
    COUNT,
    SUM,
    MIN,
    MAX,
    AVG;

    /** Returns the aggregate with this name, ignoring case, if there is one. */
    public static Optional<AggregateFunction> fromName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (AggregateFunction function : values()) {
            if (function.name().equals(upper)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }
}
