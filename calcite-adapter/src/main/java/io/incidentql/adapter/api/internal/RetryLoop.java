package io.incidentql.adapter.api.internal;

import io.incidentql.adapter.api.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Base of the interceptors that send a request again after a wait (server errors, HTTP 429): the
 * caps on the number of retries and their total wait, the request's record of both, and the wait
 * itself, which a cancel of the call ends.
 *
 * @param <S> the record of this loop, a tag of its own on the request
 */
abstract class RetryLoop<S extends RetryState> implements Interceptor {
  final int maxRetries;
  final Duration maxTotalWait;
  private final Class<S> stateType;
  private final Supplier<S> newState;
  private final Sleeper sleeper;

  /** Creates a loop whose record is a tag of type {@code stateType}, or {@code newState}'s. */
  RetryLoop(
      Class<S> stateType,
      Supplier<S> newState,
      int maxRetries,
      Duration maxTotalWait,
      Sleeper sleeper) {
    this.stateType = stateType;
    this.newState = newState;
    this.maxRetries = maxRetries;
    this.maxTotalWait = maxTotalWait;
    this.sleeper = sleeper;
  }

  @Override
  public final Response intercept(Chain chain) throws IOException {
    // The record is the request's, not this loop's: an outer loop may send the request through
    // this one again, and the caps hold per request.
    S state = chain.request().tag(stateType);
    return loop(chain, state != null ? state : newState.get());
  }

  /** Sends the request, again after each wait, until an answer is final or a cap is reached. */
  abstract Response loop(Chain chain, S state) throws IOException;

  /**
   * Waits {@code wait} before the next retry and records it; a cancel of the call ends the wait
   * with an {@link IOException}. {@code doing} names the wait for the message of an interrupt.
   */
  final void pause(Chain chain, S state, Duration wait, String doing) throws IOException {
    CallWaits.pause(sleeper, chain.call(), wait, doing);
    state.retried(wait);
  }
}
