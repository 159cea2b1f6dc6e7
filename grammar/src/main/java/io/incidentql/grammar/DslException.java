package io.incidentql.grammar;

/**
 * Error in a DSL query, located at a line and column of the query text.
 *
 * <p>The message is {@code line L:C: reason}, then, when the query text is known, the offending
 * line and a caret under the offending column:
 *
 * <pre>
 * line 1:19: mismatched input 'FORM' expecting {',', 'FROM'}
 * SELECT id, status FORM alerts
 *                   ^
 * </pre>
 */
public abstract class DslException extends RuntimeException {

    private static final int MAX_EXCERPT = 120;
    private static final String ELLIPSIS = "...";

    private final int line;
    private final int column;
    private final String reason;

    /**
     * Creates an exception whose message points into {@code query}.
     *
     * @param query the query text, or null to leave the excerpt out of the message
     * @param line the 1-based line, or 0 if unknown
     * @param column the 1-based column, or 0 if unknown
     * @param reason what is wrong, without location
     */
    protected DslException(String query, int line, int column, String reason) {
        super(format(query, line, column, reason));
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** Returns the 1-based line of the error, or 0 if unknown. */
    public int line() {
        return line;
    }

    /** Returns the 1-based column of the error, or 0 if unknown. */
    public int column() {
        return column;
    }

    /** Returns what is wrong, without the location and the excerpt of the query. */
    public String reason() {
        return reason;
    }

    private static String format(String query, int line, int column, String reason) {
        if (line < 1 || column < 1) {
            return reason;
        }
        StringBuilder message = new StringBuilder()
                .append("line ").append(line).append(':').append(column).append(": ").append(reason);
        String text = lineOf(query, line);
        if (text != null) {
            appendExcerpt(message, text.codePoints().toArray(), column - 1);
        }
        return message.toString();
    }

    /**
     * Appends the line and a caret under {@code offset} (in code points, as the lexer counts). A
     * long line, such as a generated query with a big IN list, is cut to a window around the caret.
     */
    private static void appendExcerpt(StringBuilder message, int[] text, int offset) {
        int start = 0;
        int end = text.length;
        if (text.length > MAX_EXCERPT) {
            start = Math.max(0, Math.min(offset - MAX_EXCERPT / 2, text.length - MAX_EXCERPT));
            end = start + MAX_EXCERPT;
        }
        message.append('\n');
        if (start > 0) {
            message.append(ELLIPSIS);
        }
        message.append(new String(text, start, end - start));
        if (end < text.length) {
            message.append(ELLIPSIS);
        }
        message.append('\n');
        if (start > 0) {
            message.append(" ".repeat(ELLIPSIS.length()));
        }
        // Tabs are copied so that the caret lines up however the reader's terminal expands them.
        for (int i = start; i < offset; i++) {
            message.append(i < text.length && text[i] == '\t' ? '\t' : ' ');
        }
        message.append('^');
    }

    /** Returns the 1-based line of the text, split where the lexer counts lines: at '\n'. */
    private static String lineOf(String query, int line) {
        if (query == null) {
            return null;
        }
        int start = 0;
        for (int current = 1; current < line; current++) {
            int newline = query.indexOf('\n', start);
            if (newline < 0) {
                return null;
            }
            start = newline + 1;
        }
        int end = query.indexOf('\n', start);
        String text = end < 0 ? query.substring(start) : query.substring(start, end);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
