package io.incidentql.grammar.ast;

import java.time.Instant;
import java.util.Objects;

/**
 * Timestamp literal {@code TIMESTAMP '2025-01-01 10:00:00'}, held as an {@link Instant}.
 *
 * <p>An instant rather than a {@code LocalDateTime} because every timestamp of the incident.io
 * API is a point in time in UTC: a literal without a zone is read as UTC, one with {@code Z} or
 * an offset such as {@code +02:00} is converted to UTC, and the JVM's time zone never matters.
 *
 * @param value the point in time
 * @param position the position of TIMESTAMP
 */
public record TimestampLiteral(Instant value, Position position) implements Literal {

    public TimestampLiteral {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitTimestampLiteral(this);
    }
}
