package io.incidentql.api;

import java.sql.SQLException;

/**
 * Failure of a query that was valid but could not run or be read: the API refused it, the
 * network failed, or rows did not fit the record they were mapped onto.
 *
 * <p>Mistakes in the query text itself are {@link io.incidentql.grammar.DslSyntaxException} and
 * {@link io.incidentql.grammar.DslSemanticException}, which point at the line and column.
 */
public class IncidentQlException extends RuntimeException {
  private final String sqlState;

  public IncidentQlException(String message) {
    super(message);
    this.sqlState = null;
  }

  public IncidentQlException(String message, Throwable cause) {
    super(message, cause);
    this.sqlState = cause instanceof SQLException e ? e.getSQLState() : null;
  }

  /** Returns the SQLState the JDBC driver gives this failure, or null when there is none. */
  public String sqlState() {
    return sqlState;
  }
}
