package io.incidentql.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.IncidentIoClient;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Check of a connection's API key with the cheapest request the API offers for it, {@code GET
 * /v1/identity}: made when connecting, so that a refused key fails the connection (28000) rather
 * than the first query, and by {@code Connection.isValid}, so that pools and "Test connection"
 * see whether the API answers.
 */
final class IncidentIoKeyCheck {
  static final ApiRequest IDENTITY = ApiRequest.of("/v1/identity");

  private IncidentIoKeyCheck() {}

  /**
   * Asks the API who the key is; fails with 28000 when the key is refused, with the client's
   * SQLStates for a server that cannot be reached, and with 08001 when the server is not the
   * incident.io API (no identity endpoint).
   */
  static void check(IncidentIoClient client) throws SQLException {
    JsonNode identity;
    try {
      identity = client.getFresh(IDENTITY, "identity", ApiCallScope.NONE);
    } catch (RuntimeException e) {
      throw JdbcErrors.translate(e);
    }
    if (identity == null) {
      throw new SQLException("The server at " + client.config().baseUrl() + " answered GET "
          + IDENTITY.path() + " with 404: it does not look like the incident.io API; check the"
          + " baseUrl property", "08001");
    }
  }

  /** Whether the API answers the key check within the timeout (seconds; 0: the client's own). */
  static boolean answers(IncidentIoClient client, int timeoutSeconds) {
    try {
      return client.getFresh(IDENTITY, "identity",
          ApiCallScope.of(null, Duration.ofSeconds(timeoutSeconds))) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
