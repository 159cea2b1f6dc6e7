package io.incidentql.grammar.ast;

/**
 * Location of a node in the query text: 1-based line and 1-based column of the node's first
 * character.
 *
 * <p>A position is metadata, not content: every two positions are {@linkplain #equals equal} and
 * share one hash code. AST records carry a position as an ordinary component, and this is what
 * keeps it out of their generated {@code equals} and {@code hashCode}, so that a parsed tree
 * equals the same tree built by hand, and {@code a = 1} equals {@code a = 1} wherever it occurs.
 * Compare {@link #line()} and {@link #column()} to compare locations.
 */
public final class Position {

    /** Position of a node that was not parsed from text, such as one built by hand. */
    public static final Position UNKNOWN = new Position(0, 0);

    private final int line;
    private final int column;

    private Position(int line, int column) {
        this.line = line;
        this.column = column;
    }

    /** Returns the position at the given 1-based line and column. */
    public static Position of(int line, int column) {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1: " + line + ":" + column);
        }
        return new Position(line, column);
    }

    /** Returns the 1-based line, or 0 for {@link #UNKNOWN}. */
    public int line() {
        return line;
    }

    /** Returns the 1-based column, counted in Unicode code points as the lexer does; 0 for {@link #UNKNOWN}. */
    public int column() {
        return column;
    }

    /** Returns true for every position, so that positions never make two trees differ. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Position;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    /** Returns {@code line:column}, the form error messages use. */
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
