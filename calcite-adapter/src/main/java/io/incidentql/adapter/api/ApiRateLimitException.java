package io.incidentql.adapter.api;

import java.util.List;

/**
 * Exception raised when the API still answers HTTP 429 after the client has waited and retried as
 * often and as long as it may.
 */
public class ApiRateLimitException extends ApiException {
  public ApiRateLimitException(
      String message,
      ApiRequest request,
      int httpStatus,
      String type,
      String requestId,
      List<ApiError> errors,
      Throwable cause) {
    super(message, request, httpStatus, type, requestId, errors, cause);
  }
}
