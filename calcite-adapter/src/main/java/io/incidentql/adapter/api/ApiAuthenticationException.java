package io.incidentql.adapter.api;

import java.util.List;

/** Exception raised when the API refuses the API key (HTTP 401) or its permissions (HTTP 403). */
public class ApiAuthenticationException extends ApiException {
  public ApiAuthenticationException(
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
