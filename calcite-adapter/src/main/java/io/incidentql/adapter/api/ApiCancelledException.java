package io.incidentql.adapter.api;

/**
 * Exception that ends a query whose statement was cancelled, or whose thread was interrupted,
 * while it was planned, read pages or waited for a call (see {@link ApiCallScope#checkStopped}).
 */
public class ApiCancelledException extends ApiException {
  public ApiCancelledException(String message, ApiRequest request, Throwable cause) {
    super(message, request, cause);
  }
}
