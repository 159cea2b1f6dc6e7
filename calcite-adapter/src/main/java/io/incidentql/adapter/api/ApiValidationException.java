package io.incidentql.adapter.api;

import java.util.List;

/**
 * Exception raised when the API rejects a request as invalid (HTTP 422), for example a page size
 * out of range.
 */
public class ApiValidationException extends ApiException {
  public ApiValidationException(
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
