package io.incidentql.jdbc;

import io.incidentql.adapter.api.ApiAuthenticationException;
import io.incidentql.adapter.api.ApiException;
import io.incidentql.adapter.api.ApiRateLimitException;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.ApiTransportException;
import io.incidentql.adapter.exec.QueryCancelledException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Translator of every failure that reaches the JDBC boundary into an {@link SQLException} whose
 * SQLState says what kind of failure it was.
 *
 * <p>The engine wraps errors raised while rows are read in its own exceptions, with the SQL text
 * in front; the API's own error, when there is one in the cause chain, says more, so its message
 * is the one the user sees.
 */
public final class JdbcErrors {
  private JdbcErrors() {}

  public static SQLException translate(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApiAuthenticationException e) {
        return new SQLInvalidAuthorizationSpecException(e.getMessage(), "28000", e);
      }
      if (c instanceof ApiRateLimitException e) {
        return new SQLTransientConnectionException(e.getMessage(), "08004", e);
      }
      if (c instanceof ApiTransportException e) {
        return new SQLNonTransientConnectionException(e.getMessage(), "08006", e);
      }
      if (c instanceof ApiResponseException e) {
        return new SQLException(e.getMessage(), "22000", e);
      }
      if (c instanceof ApiException e) {
        return new SQLException(e.getMessage(), "HY000", e);
      }
      if (c instanceof QueryCancelledException e) {
        return new SQLException(e.getMessage(), "HY008", e);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    if (t instanceof SQLException e) {
      return e;
    }
    String message = t.getMessage() == null ? t.toString() : t.getMessage();
    return new SQLException(message, "HY000", t);
  }
}
