package io.incidentql.adapter.api;

import io.incidentql.adapter.api.internal.Durations;
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
 *
 * <p>Whoever notices that a query is to stop (the client, the enumerators between pages, the
 * planner) ends it with {@link #checkStopped}: every cancel and interrupt is then an {@link
 * ApiCancelledException} and every query timeout an {@link ApiTimeoutException}, worded here.
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

  /**
   * Returns whether the query is to stop: it was cancelled or ran out of time, or the thread
   * working for it was interrupted.
   */
  public boolean stopping() {
    return cancelled() || expired() || Thread.currentThread().isInterrupted();
  }

  /**
   * Fails, if the query is {@link #stopping}, with the error that ends it; {@code doing} says
   * what the query was doing, such as "it was being planned".
   */
  public void checkStopped(String doing) {
    if (stopping()) {
      throw stopped(doing, null);
    }
  }

  /** Fails, if the query is {@link #stopping}, with the error that ends it at {@code request}. */
  public void checkStopped(ApiRequest request) {
    if (stopping()) {
      throw stopped(request);
    }
  }

  /**
   * Returns the error that ends a query that is {@link #stopping} at {@code request}: stopping
   * quietly would hand an aggregate a short input.
   */
  public ApiException stopped(ApiRequest request) {
    return stopped(requesting(request), request);
  }

  private ApiException stopped(String doing, ApiRequest request) {
    if (cancelled()) {
      return new ApiCancelledException("Query cancelled while " + doing, request, null);
    }
    if (expired() && !Thread.currentThread().isInterrupted()) {
      return new ApiTimeoutException(
          "Query timeout of "
              + Durations.format(timeout)
              + " exceeded while "
              + doing
              + "; raise the timeout (Statement.setQueryTimeout), or narrow or simplify the query",
          request,
          null);
    }
    return interrupted(doing, request, null);
  }

  /** Returns the error that ends a query whose thread was interrupted at {@code request}. */
  static ApiCancelledException interrupted(ApiRequest request, Throwable cause) {
    return interrupted(requesting(request), request, cause);
  }

  private static ApiCancelledException interrupted(
      String doing, ApiRequest request, Throwable cause) {
    return new ApiCancelledException("Query interrupted while " + doing, request, cause);
  }

  private static String requesting(ApiRequest request) {
    return "requesting " + request.path() + " from the incident.io API";
  }

  @Override
  public String toString() {
    return "ApiCallScope{timeout=" + timeout + ", cancellable=" + (cancelFlag != null) + "}";
  }
}
