package io.incidentql.adapter.api;

import java.util.List;

/**
 * Exception raised when a call to the incident.io API fails; the root of the client's error
 * hierarchy.
 *
 * <p>The subclasses say what went wrong ({@link ApiAuthenticationException},
 * {@link ApiPermissionException},
 * {@link ApiRateLimitException}, {@link ApiValidationException}, {@link ApiNotFoundException},
 * {@link ApiTransportException} and its {@link ApiTimeoutException}, {@link ApiResponseException},
 * {@link ApiCancelledException}); this class itself stands for any
 * other refusal, such as a 500. The message names the request and never contains the API key.
 */
public class ApiException extends RuntimeException {
  private final transient ApiRequest request;
  private final int httpStatus;
  private final String type;
  private final String requestId;
  private final List<ApiError> errors;

  /**
   * Creates an exception.
   *
   * @param message the full message
   * @param request the request that failed; null when the failure is not tied to one request
   * @param httpStatus the HTTP status of the response, or 0 when there was none
   * @param type the API's error {@code type}, e.g. {@code validation_error}; may be null
   * @param requestId the API's {@code request_id}, to quote to incident.io support; may be null
   * @param errors the API's {@code errors} list
   * @param cause the underlying exception; may be null
   */
  public ApiException(
      String message,
      ApiRequest request,
      int httpStatus,
      String type,
      String requestId,
      List<ApiError> errors,
      Throwable cause) {
    super(message, cause);
    this.request = request;
    this.httpStatus = httpStatus;
    this.type = type;
    this.requestId = requestId;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** Creates an exception that has no HTTP response behind it. */
  public ApiException(String message, ApiRequest request, Throwable cause) {
    this(message, request, 0, null, null, List.of(), cause);
  }

  /** Returns the request that failed, or null. */
  public ApiRequest request() {
    return request;
  }

  /** Returns the HTTP status of the response, or 0 when no response arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Returns the API's error type (e.g. {@code validation_error}), or null. */
  public String type() {
    return type;
  }

  /** Returns the API's request id, or null. */
  public String requestId() {
    return requestId;
  }

  /** Returns the entries of the API's {@code errors} list; empty when it sent none. */
  public List<ApiError> errors() {
    return errors;
  }
}
