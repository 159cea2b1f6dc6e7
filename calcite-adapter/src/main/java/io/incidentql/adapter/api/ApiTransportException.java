package io.incidentql.adapter.api;

/**
 * Exception raised when no complete response arrived: the connection failed, timed out or was
 * interrupted.
 */
public class ApiTransportException extends ApiException {
  public ApiTransportException(String message, ApiRequest request, Throwable cause) {
    super(message, request, cause);
  }
}
