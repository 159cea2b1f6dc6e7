package io.incidentql.jdbc;

import io.incidentql.adapter.api.ApiAuthenticationException;
import io.incidentql.adapter.api.ApiPermissionException;
import io.incidentql.adapter.api.ApiCancelledException;
import io.incidentql.adapter.api.ApiClosedException;
import io.incidentql.adapter.api.ApiException;
import io.incidentql.adapter.api.ApiRateLimitException;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.ApiTimeoutException;
import io.incidentql.adapter.api.ApiTransportException;
import io.incidentql.adapter.api.ApiValidationException;
import io.incidentql.adapter.api.ApiValueOutOfRangeException;
import io.incidentql.adapter.api.internal.Secrets;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import io.incidentql.grammar.NameSuggester;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *   <tr><td>28000</td><td>the API refused the key (401), or no key was given</td></tr>
 *   <tr><td>42501</td><td>the key lacks a permission (403); the message names the scope</td></tr>
 *   <tr><td>08001</td><td>a connection property has a bad value</td></tr>
 *   <tr><td>08004</td><td>the API's rate limit still refused after waiting (429)</td></tr>
 *   <tr><td>08006</td><td>the connection failed after the retries allowed, or a 5xx</td></tr>
 *   <tr><td>22000</td><td>a response that cannot be read: bad JSON, HTML, a wrong type, or
 *       an answer that contradicts the request or itself</td></tr>
 *   <tr><td>22003</td><td>a number out of its type's range, from the API or from SQL</td></tr>
 *   <tr><td>22012, 22018</td><td>division by zero; text that is no number</td></tr>
 *   <tr><td>22023</td><td>the API refused a parameter value (422)</td></tr>
 *   <tr><td>22007</td><td>a string that is no timestamp</td></tr>
 *   <tr><td>07001</td><td>a parameter was not set</td></tr>
 *   <tr><td>42000, 42S02, 42S22</td><td>SQL syntax error; unknown table; unknown column</td></tr>
 *   <tr><td>25006</td><td>a statement that would write (the driver is read-only)</td></tr>
 *   <tr><td>0A000</td><td>a feature the driver does not support</td></tr>
 *   <tr><td>54001</td><td>a statement nested too deeply to plan</td></tr>
 *   <tr><td>HYT00</td><td>query, call, connect or read timeout</td></tr>
 *   <tr><td>HY008</td><td>the statement was cancelled, or its thread interrupted</td></tr>
 *   <tr><td>08003</td><td>the connection was closed, also while the statement ran</td></tr>
 * </table>
 *
 * <p>The engine wraps errors raised while rows are read in its own exceptions, with the SQL text
 * in front; the API's own error, when there is one in the cause chain, says more, so its message
 * is the one the user sees. The API's {@code request_id}, when it sent one, is in the message.
 */
public final class JdbcErrors {
  private static final Pattern UNKNOWN_TABLE = Pattern.compile("(?s).*Object '(.*?)' not found.*");
  /** A NumberFormatException's message about a text of digits only. */
  private static final Pattern INTEGER_TEXT =
      Pattern.compile("(?s).*\"[-+]?[0-9]+\".*");
  private static final Pattern UNKNOWN_COLUMN =
      Pattern.compile("(?s).*Column '(.*?)' not found.*");

  /** SQLState of a statement beyond the driver's limits (nesting too deep to plan). */
  static final String TOO_COMPLEX = "54001";

  private JdbcErrors() {}

  /** The message, without SQLState, of Avatica's result set when it finds its statement cancelled. */
  static final String AVATICA_CANCELLED = "Statement canceled";

  /**
   * Returns the failure as an SQLException with a fitting SQLState, without any API key in use
   * (see {@link #withoutSecrets}). Every failure leaves the driver through here.
   */
  public static SQLException translate(Throwable t) {
    return translate(t, List.of());
  }

  /**
   * Translates as {@link #translate(Throwable)}, also removing {@code secrets} (a key read from
   * the settings of a connection that is not open yet).
   */
  public static SQLException translate(Throwable t, Collection<String> secrets) {
    return withoutSecrets(classify(t), secrets);
  }

  private static SQLException classify(Throwable t) {
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof StackOverflowError) {
        // The parser, validator and planner recurse over the statement's tree; a tree deep
        // enough to exhaust the stack is a limit of the driver, not a defect.
        return new SQLNonTransientException(
            "The statement is too complex: it nests too deeply (parentheses, subqueries, CASE"
                + " or AND/OR chains) for the driver to plan. Simplify it, for example with"
                + " fewer levels of subqueries, or an IN list in place of a long chain of OR.",
            TOO_COMPLEX,
            c);
      }
    }
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

  /**
   * Returns the exception unchanged when no message, cause or suppressed exception of it holds a
   * key in use (or one of {@code also}); otherwise a copy of the same class and SQLState whose
   * messages have the key replaced by {@code ***}, with copies of its causes that keep their
   * class names and stack traces. The key may come from anywhere (a URL, a server's body, a
   * header, a cursor, SQL text), so the whole text is checked rather than known places.
   */
  static SQLException withoutSecrets(SQLException e, Collection<String> also) {
    if (!holdsSecret(e, also, new IdentityHashMap<>())) {
      return e;
    }
    SQLException copy = sameKind(e, Secrets.redact(e.getMessage(), also));
    copy.initCause(e.getCause() == null ? null : redactedCopy(e.getCause(), also, new IdentityHashMap<>()));
    copy.setStackTrace(e.getStackTrace());
    for (Throwable s : e.getSuppressed()) {
      copy.addSuppressed(redactedCopy(s, also, new IdentityHashMap<>()));
    }
    if (e.getNextException() != null) {
      copy.setNextException(withoutSecrets(e.getNextException(), also));
    }
    return copy;
  }

  private static boolean holdsSecret(
      Throwable t, Collection<String> also, Map<Throwable, Boolean> seen) {
    if (t == null || seen.put(t, Boolean.TRUE) != null) {
      return false;
    }
    String text = String.valueOf(t);
    if (!Secrets.redact(text, also).equals(text)) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (holdsSecret(s, also, seen)) {
        return true;
      }
    }
    if (t instanceof SQLException sql && holdsSecret(sql.getNextException(), also, seen)) {
      return true;
    }
    return holdsSecret(t.getCause(), also, seen);
  }

  /** Returns an SQLException of the same class and SQLState as {@code e} with another message. */
  private static SQLException sameKind(SQLException e, String message) {
    try {
      return e.getClass()
          .getConstructor(String.class, String.class, int.class)
          .newInstance(message, e.getSQLState(), e.getErrorCode());
    } catch (ReflectiveOperationException | RuntimeException notThere) {
      return new SQLException(message, e.getSQLState(), e.getErrorCode());
    }
  }

  private static Throwable redactedCopy(
      Throwable t, Collection<String> also, Map<Throwable, Throwable> copies) {
    Throwable done = copies.get(t);
    if (done != null) {
      return done;
    }
    RedactedCause copy =
        new RedactedCause(t.getClass().getName(), Secrets.redact(t.getMessage(), also));
    copies.put(t, copy);
    copy.setStackTrace(t.getStackTrace());
    if (t.getCause() != null && t.getCause() != t) {
      copy.initCause(redactedCopy(t.getCause(), also, copies));
    }
    for (Throwable s : t.getSuppressed()) {
      copy.addSuppressed(redactedCopy(s, also, copies));
    }
    return copy;
  }

  /**
   * Stand-in for a cause whose message held a key: it prints as the original (class name,
   * message without the key, stack trace), since the original cannot be changed.
   */
  private static final class RedactedCause extends Exception {
    private static final long serialVersionUID = 1L;
    private final String className;

    RedactedCause(String className, String message) {
      super(message);
      this.className = className;
    }

    @Override
    public String toString() {
      return getMessage() == null ? className : className + ": " + getMessage();
    }
  }

  private static SQLException fromApi(Throwable c) {
    if (c instanceof ApiAuthenticationException e) {
      return new SQLInvalidAuthorizationSpecException(e.getMessage(), "28000", e);
    }
    if (c instanceof ApiPermissionException e) {
      // Class 42 is JDBC's "syntax error or access rule violation"; 42501 is a missing privilege.
      return new SQLSyntaxErrorException(e.getMessage(), "42501", e);
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
    if (c instanceof ApiValueOutOfRangeException e) {
      return new SQLDataException(e.getMessage(), "22003", e);
    }
    if (c instanceof ApiResponseException e) {
      return new SQLDataException(e.getMessage(), "22000", e);
    }
    if (c instanceof ApiValidationException e) {
      return new SQLDataException(e.getMessage(), "22023", e);
    }
    if (c instanceof ApiClosedException e) {
      return new SQLNonTransientConnectionException(e.getMessage(), "08003", e);
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
    return null;
  }

  private static SQLException fromEngine(Throwable c) {
    if (c instanceof IncidentIoSqlRewrite.Mistake m) {
      return m.sql;
    }
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
      Matcher table = UNKNOWN_TABLE.matcher(m);
      Matcher column = UNKNOWN_COLUMN.matcher(m);
      if (table.matches()) {
        return new SQLSyntaxErrorException(m + didYouMean(table.group(1), TABLE_NAMES), "42S02", c);
      }
      if (column.matches()) {
        return new SQLSyntaxErrorException(m + didYouMean(column.group(1), COLUMN_NAMES), "42S22",
            c);
      }
      return new SQLSyntaxErrorException(m, "42000", c);
    }
    if (c instanceof SQLFeatureNotSupportedException e) {
      return e;
    }
    if (c instanceof ArithmeticException e) {
      String m = e.getMessage() == null ? "overflow" : e.getMessage();
      if (m.contains("by zero")) {
        return new SQLDataException("Division by zero (" + m + ")", "22012", e);
      }
      return new SQLDataException("A value is out of range for its type (" + m + "); cast to a"
          + " wider type, such as DECIMAL or DOUBLE, before the operation", "22003", e);
    }
    if (c instanceof NumberFormatException e) {
      // Text cast to a number: all digits means a whole number too large for its type.
      String m = e.getMessage() == null ? "" : e.getMessage();
      return INTEGER_TEXT.matcher(m).matches()
          ? new SQLDataException("A value is out of range for its type (" + m + "); cast to a"
              + " wider type, such as DECIMAL", "22003", e)
          : new SQLDataException("Text does not convert to a number (" + m + ")", "22018", e);
    }
    if (c instanceof IllegalArgumentException e && e.getMessage() != null
        && e.getMessage().startsWith("Invalid DATE value")) {
      // A string that generated code could not read (such as CAST('soon' AS TIMESTAMP)).
      return new SQLDataException(e.getMessage() + ": write a timestamp as '2025-01-01 10:00:00',"
          + " '2025-01-01T10:00:00Z' or TIMESTAMP '2025-01-01 10:00:00'", "22007", e);
    }
    if (c instanceof UnsupportedOperationException e) {
      String m = e.getMessage() == null ? "This operation is not supported" : e.getMessage();
      return new SQLFeatureNotSupportedException(m, "0A000", e);
    }
    return null;
  }

  /** The tables of the catalog, and every column of them, for "did you mean". */
  private static final List<String> TABLE_NAMES =
      IncidentIoTables.all().stream().map(TableDef::name).toList();
  private static final List<String> COLUMN_NAMES = IncidentIoTables.all().stream()
      .flatMap(t -> t.columns().stream().map(ColumnDef::name)).distinct().toList();

  /** "; did you mean 'x'?" for the nearest known name, or nothing. */
  private static String didYouMean(String name, List<String> known) {
    return NameSuggester.nearest(name.toLowerCase(Locale.ROOT), known)
        .map(n -> "; did you mean '" + n + "'?")
        .orElse("");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
