package io.incidentql.adapter.api;

import java.time.Duration;
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
  public static final ApiCallScope NONE = new ApiCallScope(null, null, 0, null);

  private final AtomicBoolean cancelFlag;
  private final Duration timeout;
  private final long deadlineNanos;
  /** A second flag that also cancels, owned by whoever derived this scope; or null. */
  private final AtomicBoolean stopFlag;

  private ApiCallScope(
      AtomicBoolean cancelFlag, Duration timeout, long deadlineNanos, AtomicBoolean stopFlag) {
    this.cancelFlag = cancelFlag;
    this.timeout = timeout;
    this.deadlineNanos = deadlineNanos;
    this.stopFlag = stopFlag;
  }

  /**
   * Returns a scope whose deadline lies {@code timeout} from now; a null or zero timeout means
   * none, and a null flag means the calls cannot be cancelled.
   */
  public static ApiCallScope of(AtomicBoolean cancelFlag, Duration timeout) {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      return cancelFlag == null ? NONE : new ApiCallScope(cancelFlag, null, 0, null);
    }
    return new ApiCallScope(cancelFlag, timeout, System.nanoTime() + timeout.toNanos(), null);
  }

  /**
   * Returns a scope with this one's flag and deadline that is also cancelled when {@code stop}
   * turns true: for a call that its starter may abandon without cancelling the whole query.
   */
  public ApiCallScope orWhen(AtomicBoolean stop) {
    return new ApiCallScope(cancelFlag, timeout, deadlineNanos, Objects.requireNonNull(stop));
  }

  /** Returns whether the query was cancelled (or the call abandoned, see {@link #orWhen}). */
  public boolean cancelled() {
    return (cancelFlag != null && cancelFlag.get()) || (stopFlag != null && stopFlag.get());
  }

  /** Returns whether the flag is one of this scope's. */
  boolean usesFlag(AtomicBoolean flag) {
    Objects.requireNonNull(flag);
    return (cancelFlag != null && cancelFlag == flag) || (stopFlag != null && stopFlag == flag);
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
