package io.incidentql.grammar;

import io.incidentql.grammar.ast.Position;
import java.util.Objects;
import java.util.Optional;

/**
 * Error raised when a well-formed query refers to something that does not exist or does not
 * fit, such as an unknown table or column; thrown by the stages that compile the syntax tree.
 *
 * <p>The message ends with {@code ; did you mean 'x'?} when there is a suggestion, typically
 * from {@link NameSuggester#nearest}.
 */
public final class DslSemanticException extends DslException {

    private final Optional<String> suggestion;

    /**
     * Creates an exception located at {@code position}, without an excerpt of the query.
     *
     * @param position where the error is; {@link Position#UNKNOWN} leaves out the location
     * @param reason what is wrong
     */
    public DslSemanticException(Position position, String reason) {
        this(null, position, reason, Optional.empty());
    }

    /**
     * Creates an exception located at {@code position} whose message shows the offending line.
     *
     * @param query the query text, or null to leave the excerpt out
     * @param position where the error is; {@link Position#UNKNOWN} leaves out the location
     * @param reason what is wrong, for example {@code column 'stauts' not found in table 'alerts'}
     * @param suggestion a replacement to offer, for example {@code status}
     */
    public DslSemanticException(String query, Position position, String reason, Optional<String> suggestion) {
        super(query, position.line(), position.column(), withSuggestion(reason, suggestion));
        this.suggestion = Objects.requireNonNull(suggestion, "suggestion");
    }

    /** Returns the suggested replacement, if one was found. */
    public Optional<String> suggestion() {
        return suggestion;
    }

    private static String withSuggestion(String reason, Optional<String> suggestion) {
        return suggestion.map(s -> reason + "; did you mean '" + s + "'?").orElse(reason);
    }
}
