package io.incidentql.adapter.api;

import java.util.List;

/**
 * Exception raised when the API accepts the key but refuses it the data (HTTP 403): the key
 * lacks a scope, which the API's message names.
 */
public class ApiPermissionException extends ApiException {
  public ApiPermissionException(
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
