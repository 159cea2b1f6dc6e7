package io.incidentql.simulator.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Builder of error response bodies in the documented shapes, each with a fresh
 * {@code request_id}, plus the HTML page a proxy in front of the API might send instead.
 */
final class ErrorBodies {
  /**
   * The contract's {@code retry_after} format, RFC 3339 ({@code 2025-04-17T11:17:18Z}); the five
   * pages show {@code Thu, 17 Apr 2025 11:17:18 UTC} instead, which the live API no longer sends.
   */
  static final DateTimeFormatter RETRY_AFTER = DateTimeFormatter.ISO_INSTANT;
  static final String TOO_MANY_REQUESTS_MESSAGE = "Too many requests hit the API too quickly. "
      + "We recommend an exponential backoff of your requests.";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ErrorBodies() {}

  static ObjectNode of(ApiError error) {
    return of(error.status(), error.type(), error.code(), error.getMessage(), error.field());
  }

  static ObjectNode of(int status, String type, String code, String message, String field) {
    ObjectNode body = head(type, status);
    ObjectNode item = body.putArray("errors").addObject().put("code", code).put("message", message);
    if (field != null) {
      item.putObject("source").put("field", field);
    }
    return body;
  }

  /** A body for a bare status, as an injected fault sends it. */
  static ObjectNode forStatus(int status) {
    String type = typeFor(status);
    return of(status, type, type, messageFor(status), null);
  }

  /**
   * The documented 429 body. {@code retryAtMillis} is rounded up to the next whole second, so
   * that a client retrying at {@code retry_after} is never early.
   */
  static ObjectNode tooManyRequests(String keyName, int limit, int remaining, long retryAtMillis) {
    ObjectNode body = head("too_many_requests", 429);
    body.putObject("rate_limit")
        .put("name", keyName)
        .put("limit", limit)
        .put("remaining", remaining)
        .put("retry_after", retryAfter(retryAtMillis));
    body.putArray("errors").addObject()
        .put("code", "too_many_requests")
        .put("message", TOO_MANY_REQUESTS_MESSAGE);
    return body;
  }

  static String retryAfter(long millis) {
    long seconds = Math.floorDiv(millis + 999, 1000);
    return RETRY_AFTER.format(Instant.ofEpochSecond(seconds));
  }

  static String htmlPage(int status) {
    String title = status + " " + reason(status);
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  }

  private static ObjectNode head(String type, int status) {
    return JSON.objectNode()
        .put("type", type)
        .put("status", status)
        .put("request_id", UUID.randomUUID().toString());
  }

  static String typeFor(int status) {
    switch (status) {
      case 400:
        return "bad_request";
      case 401:
        return "authentication_error";
      case 403:
        return "authorization_error";
      case 404:
        return "not_found";
      case 409:
        return "conflict";
      case 422:
        return "validation_error";
      case 429:
        return "too_many_requests";
      case 500:
        return "internal_server_error";
      case 502:
        return "bad_gateway";
      case 503:
        return "service_unavailable";
      case 504:
        return "gateway_timeout";
      default:
        return status >= 500 ? "internal_server_error" : "error";
    }
  }

  private static String messageFor(int status) {
    return status >= 500
        ? "Something went wrong on our side (simulated " + status + ")."
        : "The request failed (simulated " + status + ").";
  }

  private static String reason(int status) {
    switch (status) {
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Temporarily Unavailable";
      case 504:
        return "Gateway Time-out";
      default:
        return "Error";
    }
  }
}
