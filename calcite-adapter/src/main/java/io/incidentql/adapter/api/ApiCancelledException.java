package io.incidentql.adapter.api;

/** Exception raised when a call is abandoned because its query was cancelled. */
public class ApiCancelledException extends ApiException {
  public ApiCancelledException(String message, ApiRequest request, Throwable cause) {
    super(message, request, cause);
  }
}
