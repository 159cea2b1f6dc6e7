package io.incidentql.adapter.api;

import java.util.List;

/**
 * Exception raised when a response arrived but cannot be read as the API documents it: malformed
 * or truncated JSON, an HTML page instead of JSON, or a field of the wrong type.
 */
public class ApiResponseException extends ApiException {
  public ApiResponseException(String message, ApiRequest request, int httpStatus, Throwable cause) {
    super(message, request, httpStatus, null, null, List.of(), cause);
  }
}
