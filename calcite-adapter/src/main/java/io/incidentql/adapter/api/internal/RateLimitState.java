package io.incidentql.adapter.api.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Record of how one call fared against the rate limit (HTTP 429), a {@link RetryState} of its
 * own tag, that also keeps the JSON of the last 429 so that the client can explain it without
 * reading it again.
 */
public final class RateLimitState extends RetryState {
  private volatile JsonNode body;

  void body(JsonNode tree) {
    body = tree;
  }

  /**
   * Returns the JSON of the last HTTP 429, read once by the rate-limit interceptor: a missing
   * node when that body was empty or not JSON, null when it could not be read or none came.
   */
  public JsonNode lastBody() {
    return body;
  }
}
