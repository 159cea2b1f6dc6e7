package io.incidentql.adapter.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Record of how one call fared against the rate limit, attached to the request as a tag so that
 * the client can explain a final HTTP 429.
 */
public final class RateLimitState {
  private int retries;
  private Duration waited = Duration.ZERO;
  private String gaveUpBecause;
  private JsonNode body;

  void retried(Duration wait) {
    retries++;
    waited = waited.plus(wait);
  }

  void gaveUp(String reason) {
    gaveUpBecause = reason;
  }

  void body(JsonNode tree) {
    body = tree;
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

  /**
   * Returns the JSON of the last HTTP 429, read once by the rate-limit interceptor: a missing
   * node when that body was empty or not JSON, null when it could not be read or none came.
   */
  public JsonNode lastBody() {
    return body;
  }
}
