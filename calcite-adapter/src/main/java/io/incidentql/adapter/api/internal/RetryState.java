package io.incidentql.adapter.api.internal;

import java.time.Duration;

/**
 * Record of how one call fared in a retry loop (server errors and failed connections here, the
 * rate limit in {@link RateLimitState}), attached to the request as a tag so that the client can
 * say how hard it tried before giving up (see {@link RetryLoop}).
 */
public class RetryState {
  private volatile int attempts;
  private volatile int retries;
  private volatile Duration waited = Duration.ZERO;
  private volatile String gaveUpBecause;

  void attempted() {
    attempts++;
  }

  void retried(Duration wait) {
    retries++;
    waited = waited.plus(wait);
  }

  /**
   * Returns whether the request has had its {@code max} retries; if so, records that as the
   * reason the loop gives up.
   */
  boolean outOfRetries(int max) {
    if (retries < max) {
      return false;
    }
    gaveUp("the limit of " + max + (max == 1 ? " retry" : " retries") + " was reached");
    return true;
  }

  /** Returns whether waiting {@code wait} more would take the total wait past {@code max}. */
  boolean wouldExceed(Duration wait, Duration max) {
    return waited.plus(wait).compareTo(max) > 0;
  }

  void gaveUp(String reason) {
    gaveUpBecause = reason;
  }

  /** Returns how many times the loop sent the request (first attempt included). */
  public int attempts() {
    return attempts;
  }

  /** Returns how many times the loop sent the request again after a wait. */
  public int retries() {
    return retries;
  }

  /** Returns the total time spent waiting between attempts. */
  public Duration waited() {
    return waited;
  }

  /** Returns why the loop stopped retrying, or null if it did not retry or was not stopped. */
  public String gaveUpBecause() {
    return gaveUpBecause;
  }

  /** Returns a clause such as {@code after 4 attempts and 3.1 s of backoff}, or "". */
  public String summary() {
    if (attempts <= 1) {
      return "";
    }
    String s = "after " + attempts + " attempts and " + Durations.format(waited) + " of backoff";
    return gaveUpBecause == null ? s : s + " (" + gaveUpBecause + ")";
  }
}
