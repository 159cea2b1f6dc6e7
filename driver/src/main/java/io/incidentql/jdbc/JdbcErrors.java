package io.incidentql.jdbc;

import io.incidentql.adapter.api.ApiAuthenticationException;
import io.incidentql.adapter.api.ApiCancelledException;
import io.incidentql.adapter.api.ApiException;
import io.incidentql.adapter.api.ApiRateLimitException;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.ApiTimeoutException;
import io.incidentql.adapter.api.ApiTransportException;
import io.incidentql.adapter.api.ApiValidationException;
import io.incidentql.adapter.exec.QueryCancelledException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Translator of every failure that reaches the JDBC boundary into an {@link SQLException} whose
 * SQLState says what kind of failure it was.
 *
 * <table>
 *   <caption>SQLStates</caption>
 *   <tr><td>28000</td><td>the API refused the key (401, 403), or no key was given</td></tr>
 *   <tr><td>08001</td><td>a connection property has a bad value</td></tr>
 *   <tr><td>08004</td><td>the API's rate limit still refused after waiting (429)</td></tr>
 *   <tr><td>08006</td><td>the connection failed after the retries allowed, or a 5xx</td></tr>
 *   <tr><td>22000</td><td>a response that cannot be read: bad JSON, HTML, a wrong type</td></tr>
 *   <tr><td>22023</td><td>the API refused a parameter value (422)</td></tr>
 *   <tr><td>42000, 42S02, 42S22</td><td>SQL syntax error; unknown table; unknown column</td></tr>
 *   <tr><td>25006</td><td>a statement that would write (the driver is read-only)</td></tr>
 *   <tr><td>0A000</td><td>a feature the driver does not support</td></tr>
 *   <tr><td>HYT00</td><td>query, call, connect or read timeout</td></tr>
 *   <tr><td>HY008</td><td>the statement was cancelled</td></tr>
 * </table>
 *
 * <p>The engine wraps errors raised while rows are read in its own exceptions, with the SQL text
 * in front; the API's own error, when there is one in the cause chain, says more, so its message
 * is the one the user sees. The API's {@code request_id}, when it sent one, is in the message.
 */
public final class JdbcErrors {
  private static final Pattern UNKNOWN_TABLE = Pattern.compile("(?s).*Object '.*' not found.*");
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("(?s).*Column '.*' not found.*");

  private JdbcErrors() {}

  /** The message, without SQLState, of Avatica's result set when it finds its statement cancelled. */
  static final String AVATICA_CANCELLED = "Statement canceled";

  public static SQLException translate(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      SQLException api = fromApi(c);
      if (api != null) {
        return api;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      SQLException sql = fromEngine(c);
      if (sql != null) {
        return sql;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    if (t instanceof SQLException e && e.getSQLState() != null) {
      return e;
    }
    if (t instanceof SQLException && AVATICA_CANCELLED.equals(t.getMessage())) {
      // The engine's own check of the cancel flag, when it sees the flag before the adapter's
      // reader does: the same cancel, so the same SQLState.
      return new SQLException(t.getMessage(), "HY008", t);
    }
    String message = t.getMessage() == null ? t.toString() : t.getMessage();
    return new SQLException(message, "HY000", t);
  }

  private static SQLException fromApi(Throwable c) {
    if (c instanceof ApiAuthenticationException e) {
      return new SQLInvalidAuthorizationSpecException(e.getMessage(), "28000", e);
    }
    if (c instanceof ApiRateLimitException e) {
      return new SQLTransientConnectionException(e.getMessage(), "08004", e);
    }
    if (c instanceof ApiTimeoutException e) {
      return new SQLTimeoutException(e.getMessage(), "HYT00", e);
    }
    if (c instanceof ApiTransportException e) {
      return new SQLNonTransientConnectionException(e.getMessage(), "08006", e);
    }
    if (c instanceof ApiResponseException e) {
      return new SQLDataException(e.getMessage(), "22000", e);
    }
    if (c instanceof ApiValidationException e) {
      return new SQLDataException(e.getMessage(), "22023", e);
    }
    if (c instanceof ApiCancelledException e) {
      return new SQLException(e.getMessage(), "HY008", e);
    }
    if (c instanceof ApiException e) {
      // A 5xx that outlasted the retries is the service failing, as a broken connection is.
      return e.httpStatus() >= 500
          ? new SQLTransientConnectionException(e.getMessage(), "08006", e)
          : new SQLException(e.getMessage(), "HY000", e);
    }
    if (c instanceof QueryCancelledException e) {
      return new SQLException(e.getMessage(), "HY008", e);
    }
    return null;
  }

  private static SQLException fromEngine(Throwable c) {
    if (c instanceof SqlParseException e) {
      String where =
          e.getPos() == null
              ? ""
              : " at line " + e.getPos().getLineNum() + ", column " + e.getPos().getColumnNum();
      return new SQLSyntaxErrorException(
          "SQL syntax error" + where + ": " + firstLine(e.getMessage()), "42000", e);
    }
    if (c instanceof CalciteContextException || c instanceof SqlValidatorException) {
      String m = c.getMessage() == null ? c.toString() : c.getMessage();
      String state =
          UNKNOWN_TABLE.matcher(m).matches()
              ? "42S02"
              : UNKNOWN_COLUMN.matcher(m).matches() ? "42S22" : "42000";
      return new SQLSyntaxErrorException(m, state, c);
    }
    if (c instanceof SQLFeatureNotSupportedException e) {
      return e;
    }
    if (c instanceof UnsupportedOperationException e) {
      String m = e.getMessage() == null ? "This operation is not supported" : e.getMessage();
      return new SQLFeatureNotSupportedException(m, "0A000", e);
    }
    return null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
