package sqlline;

import io.incidentql.adapter.api.ApiActivity;
import io.incidentql.shell.ColumnNameCompleter;
import io.incidentql.shell.ProgressLine;
import io.incidentql.shell.ResultWriter;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.completer.AggregateCompleter;

/**
 * Sqlline shell with IncidentQL's output formats, one-line errors and exit status.
 *
 * <p>It lives in sqlline's package because the hooks it overrides (printing a result set,
 * dispatching a line, reporting an error) are package-private there. It keeps to those hooks;
 * the formats themselves are {@link ResultWriter}'s.
 */
public class IncidentQlSqlLine extends SqlLine {
  private final boolean verbose;
  private final boolean progress;
  private ScheduledExecutorService ticker;
  private ProgressLine running;
  private int failures;
  private boolean columnsCompleted;
  private Connection columnsOf;
  private Collection<String> columnNames = List.of();

  /**
   * Creates the shell; {@code verbose} prints a failure's stack trace after its message, {@code
   * progress} draws a status line on the terminal while a statement runs.
   */
  public IncidentQlSqlLine(boolean verbose, boolean progress) {
    this.verbose = verbose;
    this.progress = progress;
  }

  /** Returns how many lines (statements or commands) have failed so far. */
  public int failures() {
    return failures;
  }

  @Override
  void dispatch(String line, DispatchCallback callback) {
    running = startProgress(line);
    try {
      super.dispatch(line, callback);
    } finally {
      stopProgress();
    }
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
    stopProgress();
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

  /** Starts the status line for a statement (not a shell command), when there is one to draw. */
  private ProgressLine startProgress(String line) {
    DatabaseConnection current = getDatabaseConnection();
    if (!progress || line == null || line.strip().startsWith(COMMAND_PREFIX)
        || current == null || current.connection == null) {
      return null;
    }
    try {
      if (!current.connection.isWrapperFor(ApiActivity.class)) {
        return null;
      }
      if (ticker == null) {
        ticker =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "incidentql-progress");
                  t.setDaemon(true);
                  return t;
                });
      }
      return ProgressLine.start(
          current.connection.unwrap(ApiActivity.class), getErrorStream(), ticker);
    } catch (SQLException e) {
      return null; // no figures to show: the statement runs without the line
    }
  }

  private void stopProgress() {
    if (running != null) {
      running.stop();
      running = null;
    }
  }

  /** Adds unqualified column names to the completion of the interactive line reader. */
  @Override
  public LineReader getConsoleReader(InputStream inputStream, History fileHistory)
      throws IOException {
    LineReader reader = super.getConsoleReader(inputStream, fileHistory);
    if (!columnsCompleted
        && reader instanceof LineReaderImpl impl
        && impl.getCompleter() != null) {
      impl.setCompleter(
          new AggregateCompleter(impl.getCompleter(), new ColumnNameCompleter(this::columnNames)));
      columnsCompleted = true;
    }
    return reader;
  }

  /** Returns the column names of the current connection's tables (read once per connection). */
  private synchronized Collection<String> columnNames() {
    DatabaseConnection current = getDatabaseConnection();
    if (current == null || current.connection == null) {
      return List.of();
    }
    if (current.connection != columnsOf) {
      Collection<String> names = new TreeSet<>();
      try (ResultSet rs = current.connection.getMetaData().getColumns(null, null, "%", "%")) {
        while (rs.next()) {
          names.add(rs.getString("COLUMN_NAME"));
        }
      } catch (SQLException e) {
        return List.of(); // completion is a convenience: never an error while typing
      }
      columnNames = names;
      columnsOf = current.connection;
    }
    return columnNames;
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
