package io.incidentql.grammar.ast;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Name of a table, column, alias or function, as written.
 *
 * <p>The value keeps the case the user typed: an unquoted identifier is matched
 * case-insensitively and a quoted one exactly, and that matching is the job of whoever resolves
 * names, which needs {@link #quoted()} to do it.
 *
 * @param value the name, with the quotes of a quoted identifier removed and {@code ""} undoubled
 * @param quoted whether the name was written in double quotes
 * @param position the position of the name's first character (the quote, if quoted)
 */
public record Identifier(String value, boolean quoted, Position position) implements Node {

    public Identifier {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("identifier is empty");
        }
    }

    /** Returns whether this identifier names {@code name}: exactly if quoted, ignoring case if not. */
    public boolean matches(String name) {
        return quoted ? value.equals(name) : value.equalsIgnoreCase(name);
    }

    /** Returns the value in lower case if unquoted, as written if quoted. */
    public String canonical() {
        return quoted ? value : value.toLowerCase(Locale.ROOT);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
