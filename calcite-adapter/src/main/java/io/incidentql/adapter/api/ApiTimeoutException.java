package io.incidentql.adapter.api;

/**
 * Exception raised when a call or a whole query ran out of time: the query timeout, the call
 * timeout, or the connect or read timeout (after the retries it allows).
 */
public class ApiTimeoutException extends ApiTransportException {
  public ApiTimeoutException(String message, ApiRequest request, Throwable cause) {
    super(message, request, cause);
  }
}
