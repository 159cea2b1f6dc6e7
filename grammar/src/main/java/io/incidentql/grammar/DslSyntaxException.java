package io.incidentql.grammar;

import java.util.List;

/**
 * Error raised when query text does not follow the DSL grammar, or holds a malformed literal.
 *
 * <p>For a grammar error, {@link #offendingToken()} is the first token that cannot continue the
 * query and {@link #expected()} lists what could have stood there, in the short form the message
 * uses ({@code ','}, {@code 'FROM'}, {@code expression}, {@code identifier}, {@code <EOF>}, ...).
 * For a malformed literal (an impossible date, an integer out of range), the offending token is
 * the literal and nothing is expected.
 */
public final class DslSyntaxException extends DslException {

    private final String offendingToken;
    private final List<String> expected;

    DslSyntaxException(String query, int line, int column, String reason, String offendingToken,
            List<String> expected) {
        super(query, line, column, reason);
        this.offendingToken = offendingToken;
        this.expected = List.copyOf(expected);
    }

    /** Returns the text of the offending token as written, or {@code <EOF>} at the end of the input. */
    public String offendingToken() {
        return offendingToken;
    }

    /** Returns what could have stood at the error position; empty when that is not the problem. */
    public List<String> expected() {
        return expected;
    }
}
