package io.incidentql.adapter.api.internal;

import java.time.Duration;

/**
 * Record of how one call fared against server errors and failed connections, attached to the
 * request as a tag so that the client can say how hard it tried before giving up.
 */
public final class RetryState {
  private volatile int attempts;
  private volatile Duration waited = Duration.ZERO;
  private volatile String gaveUpBecause;

  void attempted() {
    attempts++;
  }

  void waited(Duration wait) {
    waited = waited.plus(wait);
  }

  void gaveUp(String reason) {
    gaveUpBecause = reason;
  }

  /** Returns how many times the request was sent (first attempt included). */
  public int attempts() {
    return attempts;
  }

  /** Returns the total time spent in backoff between attempts. */
  public Duration waited() {
    return waited;
  }

  /** Returns why the client stopped retrying, or null if it did not retry or was not stopped. */
  public String gaveUpBecause() {
    return gaveUpBecause;
  }

  /** Returns a clause such as {@code after 4 attempts over 3.1 s of backoff}, or "". */
  public String summary() {
    if (attempts <= 1) {
      return "";
    }
    String s = "after " + attempts + " attempts and " + Durations.format(waited) + " of backoff";
    return gaveUpBecause == null ? s : s + " (" + gaveUpBecause + ")";
  }
}
