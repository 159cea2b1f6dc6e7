package io.incidentql.grammar.ast;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Time relative to when the query runs: {@code now()}, {@code now() - 7d}, {@code now() + 1h}.
 *
 * <p>It stays symbolic in the tree, because the same parsed query may run many times; the
 * executor fixes {@code now} once per execution and calls {@link #resolve(Instant)}.
 *
 * @param offset the signed shift from now: {@code now() - 7d} has offset {@code -PT168H}, and
 *     {@code now()} has {@link Duration#ZERO}
 * @param position the position of NOW
 */
public record RelativeTime(Duration offset, Position position) implements Literal {

    public RelativeTime {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(position, "position");
    }

    /** Returns the instant this expression denotes when now is {@code now}. */
    public Instant resolve(Instant now) {
        return now.plus(offset);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitRelativeTime(this);
    }
}
