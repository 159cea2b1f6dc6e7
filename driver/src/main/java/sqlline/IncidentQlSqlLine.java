package sqlline;

import io.incidentql.shell.ResultWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Sqlline shell with IncidentQL's output formats, one-line errors and exit status.
 *
 * <p>It lives in sqlline's package because the hooks it overrides (printing a result set,
 * dispatching a line, reporting an error) are package-private there. It keeps to those hooks;
 * the formats themselves are {@link ResultWriter}'s.
 */
public class IncidentQlSqlLine extends SqlLine {
  private final boolean verbose;
  private int failures;

  /** Creates the shell; {@code verbose} prints a failure's stack trace after its message. */
  public IncidentQlSqlLine(boolean verbose) {
    this.verbose = verbose;
  }

  /** Returns how many lines (statements or commands) have failed so far. */
  public int failures() {
    return failures;
  }

  @Override
  void dispatch(String line, DispatchCallback callback) {
    super.dispatch(line, callback);
    if (callback.isFailure()) {
      failures++;
    }
    // Sqlline keeps the finished statement as the one Ctrl-C cancels; cancelling a closed
    // statement fails, so Ctrl-C at an idle prompt would print an error. Forget it.
    DispatchCallback.Status status = callback.getStatus();
    callback.trackSqlQuery(null);
    callback.setStatus(status);
  }

  @Override
  int print(ResultSet rs, DispatchCallback callback) throws SQLException {
    String format = getOpts().getOutputFormat().toLowerCase(Locale.ROOT);
    if (ResultWriter.FORMATS.contains(format)) {
      return ResultWriter.write(format, rs, getOutputStream(), callback::isCanceled);
    }
    if (ResultWriter.isPlan(rs)) {
      // A plan is lines of text; a table cell would cut it or show its newlines as \n.
      return ResultWriter.writePlan(rs, getOutputStream());
    }
    return super.print(rs, callback);
  }

  /** Prints one line, the SQLState and message; the stack trace only with {@code --verbose}. */
  @Override
  public void handleException(Throwable e) {
    while (e instanceof java.lang.reflect.InvocationTargetException ite
        && ite.getTargetException() != null) {
      e = ite.getTargetException();
    }
    if (e instanceof WrappedSqlException && e.getCause() != null) {
      e = e.getCause();
    }
    report(e);
  }

  @Override
  void handleSQLException(SQLException e) {
    // Sqlline shows warnings during start-up (which includes -e statements) whatever the option.
    if (!(e instanceof java.sql.SQLWarning) || getOpts().getShowWarnings()) {
      report(e);
    }
  }

  private void report(Throwable e) {
    error(oneLine(e));
    if (verbose) {
      e.printStackTrace(getErrorStream());
    }
  }

  /** Returns {@code Error [SQLSTATE]: message}, or the exception's type for a message-less one. */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage().strip();
    if (e instanceof SQLException sql && sql.getSQLState() != null) {
      return (e instanceof java.sql.SQLWarning ? "Warning [" : "Error [")
          + sql.getSQLState() + "]: " + message;
    }
    return "Error: " + message;
  }
}
