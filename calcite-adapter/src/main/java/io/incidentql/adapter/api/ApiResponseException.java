package io.incidentql.adapter.api;

import java.util.List;

/**
 * Exception raised when a response arrived but cannot be read as the API documents it: malformed
 * or truncated JSON, an HTML page instead of JSON, a field of the wrong type, or an answer that
 * contradicts itself or the request (see {@link #inconsistent}).
 */
public class ApiResponseException extends ApiException {
  public ApiResponseException(String message, ApiRequest request, int httpStatus, Throwable cause) {
    super(message, request, httpStatus, null, null, List.of(), cause);
  }

  /**
   * Returns the error for a response that is well-formed but that the driver can tell is wrong:
   * it contradicts the request or an earlier answer of the same scan.
   *
   * @param problem what is wrong, as a clause: "the row with id "a" came a second time"
   */
  public static ApiResponseException inconsistent(ApiRequest request, String problem) {
    return new ApiResponseException(
        "incident.io API sent an inconsistent answer to "
            + request
            + ": "
            + problem
            + "; the query stops rather than return rows that may be wrong or missing",
        request,
        200,
        null);
  }
}
