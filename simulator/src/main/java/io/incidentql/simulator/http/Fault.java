package io.incidentql.simulator.http;

import java.time.Duration;
import java.util.Objects;

/**
 * One injected misbehaviour, applied to the next request whose path starts with
 * {@code pathPrefix}.
 *
 * @param status the HTTP status, for {@link Kind#STATUS} and {@link Kind#HTML_PAGE}
 * @param duration how long to stall, or how far ahead {@code retry_after} lies
 */
public record Fault(Kind kind, int status, Duration duration, String pathPrefix) {
  /** The kinds of misbehaviour. */
  public enum Kind {
    /** The given status with a documented JSON error body. */
    STATUS,
    /** A 429 with the documented {@code rate_limit} body. */
    TOO_MANY_REQUESTS,
    /** The given status with an HTML page, as a proxy in front of the API would send. */
    HTML_PAGE,
    /** The connection is closed before any byte of a response. */
    DISCONNECT,
    /** The real response, its JSON body cut in half (Content-Length matches the cut body). */
    TRUNCATED_BODY,
    /** The real response, its body sent only after {@code duration}, headers at once. */
    STALL_BODY,
    /** The real response's headers and half its body, then the connection is closed. */
    DISCONNECT_MID_BODY,
    /** The real page with {@code pagination_meta.after} set to the request's own cursor. */
    REPEAT_CURSOR
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
  }

  /** Tells whether the fault replaces the response, rather than altering the real one. */
  public boolean replacesResponse() {
    return kind == Kind.STATUS || kind == Kind.TOO_MANY_REQUESTS || kind == Kind.HTML_PAGE
        || kind == Kind.DISCONNECT;
  }

  /**
   * Tells whether the fault applies to a request. A repeated cursor waits for a request that
   * carries a cursor, since a first page has none to repeat. The key check a client makes when
   * it connects ({@code GET /v1/identity}) takes only a fault planned on that path: faults model
   * trouble on the data a query reads.
   */
  public boolean appliesTo(String path, boolean hasCursor) {
    if (path.equals(ApiDispatcher.IDENTITY) && !pathPrefix.equals(path)) {
      return false;
    }
    return path.startsWith(pathPrefix) && (kind != Kind.REPEAT_CURSOR || hasCursor);
  }
}
