package io.incidentql.simulator.http;

/**
 * Exception that ends a request with one of the API's documented error responses
 * ({@code {"type","status","request_id","errors":[{"code","message","source":{"field"}}]}}).
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String type;
  private final String code;
  private final String field;

  private ApiError(int status, String type, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.field = field;
  }

  /** A 422 {@code validation_error} about the query parameter {@code field}. */
  static ApiError validation(String field, String code, String message) {
    return new ApiError(422, "validation_error", code, message, field);
  }

  /** A 422 for a value that cannot be used ({@code invalid_value}). */
  static ApiError invalidValue(String field, String message) {
    return validation(field, "invalid_value", message);
  }

  /** A 404 {@code not_found} for a path that is no endpoint. */
  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", "not_found", message, null);
  }

  /**
   * A 404 for an endpoint's object that does not exist, such as an unknown id in
   * {@code GET /v2/incidents/{id}}: code {@code resource_not_found} (LIVE-API-NOTES, Incidents 6).
   */
  static ApiError resourceNotFound(String message) {
    return new ApiError(404, "not_found", "resource_not_found", message, null);
  }

  /** A 401 {@code authentication_error}. */
  static ApiError unauthenticated(String code, String message) {
    return new ApiError(401, "authentication_error", code, message, null);
  }

  /** A 403 {@code authorization_error}: the key is valid but lacks a permission. */
  static ApiError forbidden(String code, String message) {
    return new ApiError(403, "authorization_error", code, message, null);
  }

  /** A 405 for any method other than GET. */
  static ApiError methodNotAllowed(String method) {
    return new ApiError(405, "method_not_allowed", "method_not_allowed",
        "The simulator only serves GET requests, not " + method, null);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String code() {
    return code;
  }

  /** The query parameter the error is about, or null. */
  public String field() {
    return field;
  }
}
