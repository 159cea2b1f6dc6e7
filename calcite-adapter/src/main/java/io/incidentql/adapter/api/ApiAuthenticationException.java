package io.incidentql.adapter.api;

import java.util.List;

/**
 * Exception raised when the API refuses the API key (HTTP 401); a key that is valid but lacks a
 * permission is an {@link ApiPermissionException}.
 */
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
