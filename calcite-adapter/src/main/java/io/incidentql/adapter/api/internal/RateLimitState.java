package io.incidentql.adapter.api.internal;

import java.time.Duration;

/**
 * Record of how one call fared against the rate limit, attached to the request as a tag so that
 * the client can explain a final HTTP 429.
 */
public final class RateLimitState {
  private int retries;
  private Duration waited = Duration.ZERO;
  private String gaveUpBecause;

  void retried(Duration wait) {
    retries++;
    waited = waited.plus(wait);
  }

  void gaveUp(String reason) {
    gaveUpBecause = reason;
  }

  /** Returns how many times the request was sent again after an HTTP 429. */
  public int retries() {
    return retries;
  }

  /** Returns the total time spent waiting before retries. */
  public Duration waited() {
    return waited;
  }

  /** Returns why the client stopped retrying, or null if it did not. */
  public String gaveUpBecause() {
    return gaveUpBecause;
  }
}
