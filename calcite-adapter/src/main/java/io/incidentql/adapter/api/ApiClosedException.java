package io.incidentql.adapter.api;

/**
 * Exception raised when a call is refused, or aborted in flight, because its client (the JDBC
 * connection) was closed.
 */
public class ApiClosedException extends ApiException {
  public ApiClosedException() {
    super(
        "The connection to the incident.io API was closed while the query ran; open a new"
            + " connection to run it again",
        null,
        null);
  }
}
