package io.incidentql.adapter.api;

import java.util.List;

/** Exception raised when the API answers HTTP 404. */
public class ApiNotFoundException extends ApiException {
  public ApiNotFoundException(
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
