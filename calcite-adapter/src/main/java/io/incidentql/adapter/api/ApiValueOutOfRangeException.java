package io.incidentql.adapter.api;

/**
 * Exception raised when the API sends a number that its column's type cannot hold: an integer
 * beyond 64 bits for a BIGINT, or a number beyond the range of a DOUBLE (which would otherwise
 * read as infinity).
 */
public class ApiValueOutOfRangeException extends ApiResponseException {
  public ApiValueOutOfRangeException(String message, ApiRequest request) {
    super(message, request, 200, null);
  }
}
