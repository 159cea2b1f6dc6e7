package io.incidentql.adapter.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds of the calls made for one query: a cancel flag that another thread may set (as JDBC's
 * {@code Statement.cancel()} does) and a deadline (from {@code Statement.setQueryTimeout}).
 *
 * <p>The client checks both before each request, shortens each call's timeout to the time left,
 * and stops waiting (rate limit, backoff) as soon as the flag is set; {@link
 * IncidentIoClient#cancelFlaggedCalls()} aborts calls already on the wire.
 */
public final class ApiCallScope {
  /** A scope without cancel flag or deadline. */
  public static final ApiCallScope NONE = new ApiCallScope(null, null, 0, List.of());

  private final AtomicBoolean cancelFlag;
  private final Duration timeout;
  private final long deadlineNanos;
  /** Further flags that also cancel, each owned by whoever derived this scope with it. */
  private final List<AtomicBoolean> stopFlags;

  private ApiCallScope(
      AtomicBoolean cancelFlag, Duration timeout, long deadlineNanos, List<AtomicBoolean> stopFlags) {
    this.cancelFlag = cancelFlag;
    this.timeout = timeout;
    this.deadlineNanos = deadlineNanos;
    this.stopFlags = stopFlags;
  }

  /**
   * Returns a scope whose deadline lies {@code timeout} from now; a null or zero timeout means
   * none, and a null flag means the calls cannot be cancelled.
   */
  public static ApiCallScope of(AtomicBoolean cancelFlag, Duration timeout) {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      return cancelFlag == null ? NONE : new ApiCallScope(cancelFlag, null, 0, List.of());
    }
    return new ApiCallScope(cancelFlag, timeout, System.nanoTime() + timeout.toNanos(), List.of());
  }

  /**
   * Returns a scope with this one's flags and deadline (even one already passed) that is also
   * cancelled when {@code stop} turns true: for calls that their starter may abandon without
   * cancelling the whole query.
   */
  public ApiCallScope orWhen(AtomicBoolean stop) {
    List<AtomicBoolean> flags = new ArrayList<>(stopFlags);
    flags.add(Objects.requireNonNull(stop));
    return new ApiCallScope(cancelFlag, timeout, deadlineNanos, List.copyOf(flags));
  }

  /** Returns whether the query was cancelled (or the call abandoned, see {@link #orWhen}). */
  public boolean cancelled() {
    if (cancelFlag != null && cancelFlag.get()) {
      return true;
    }
    for (AtomicBoolean stop : stopFlags) {
      if (stop.get()) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether the flag is one of this scope's. */
  boolean usesFlag(AtomicBoolean flag) {
    Objects.requireNonNull(flag);
    return cancelFlag == flag || stopFlags.contains(flag);
  }

  /** Returns the query timeout, or null when there is none. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns the time left before the deadline (zero or negative once passed), or null. */
  public Duration remaining() {
    return timeout == null ? null : Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  /** Returns whether the deadline has passed. */
  public boolean expired() {
    return timeout != null && deadlineNanos - System.nanoTime() <= 0;
  }

  @Override
  public String toString() {
    return "ApiCallScope{timeout=" + timeout + ", cancellable=" + (cancelFlag != null) + "}";
  }
}
