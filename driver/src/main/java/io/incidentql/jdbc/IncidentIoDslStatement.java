package io.incidentql.jdbc;

import io.incidentql.dsl.DslStatement;
import io.incidentql.dsl.DslStatements;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Statement of a connection opened with {@code language=dsl}: {@code executeQuery} and {@code
 * execute} take DSL text, which {@link DslStatements} compiles into an internal prepared
 * statement whose rows this statement's result set reads.
 *
 * <p>The DSL only reads, so nothing here has an update count or a batch; one query gives one
 * result.
 */
final class IncidentIoDslStatement extends IncidentIoStatement implements DslStatement {
  private final DslStatements dsl;
  /** The internal statement of the latest query, closed when the next runs or on close. */
  private volatile PreparedStatement current;

  IncidentIoDslStatement(Statement delegate, IncidentIoConnection connection, DslStatements dsl) {
    super(delegate, connection);
    this.dsl = dsl;
  }

  @Override
  ResultSet query(String text) throws SQLException {
    return run(text, null, null);
  }

  @Override
  public ResultSet executeQuery(String text, Map<String, ?> params, Instant now)
      throws SQLException {
    IncidentIoReadOnly.check(text);
    return run(text, Objects.requireNonNull(params, "params"), Objects.requireNonNull(now, "now"));
  }

  /** Runs DSL text, with {@code params} null when it came through plain JDBC. */
  private ResultSet run(String text, Map<String, ?> params, Instant now) throws SQLException {
    closeCurrent();
    // Compiling and planning run within the execution, so its timeout and cancel bound them.
    return execution(() -> {
      String cacheAnswer = connection.cacheStatement(text);
      PreparedStatement ps = cacheAnswer == null
          ? dsl.prepare(text, params, now) : connection.prepareEngineStatement(cacheAnswer);
      try {
        ps.setQueryTimeout(getQueryTimeout());
        ps.setFetchSize(getFetchSize());
        current = ps;
        return ps.executeQuery();
      } catch (SQLException | RuntimeException e) {
        current = null;
        ps.close();
        throw e;
      }
    });
  }

  @Override
  boolean run(String text, Callable<Boolean> engineCall) throws SQLException {
    query(text);
    return true;
  }

  @Override
  public void addBatch(String text) throws SQLException {
    IncidentIoReadOnly.check(text);
    throw dslOnlyReads();
  }

  private static SQLException dslOnlyReads() {
    return new SQLException("The DSL only reads: with language=dsl, run queries with executeQuery"
        + " or execute", "0A000");
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    PreparedStatement ps = current;
    return ps == null ? super.getResultSet() : ps.getResultSet();
  }

  @Override
  public int getUpdateCount() {
    return -1;
  }

  @Override
  public long getLargeUpdateCount() {
    return -1;
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    // One query gives one result: after it there is nothing more.
    return closeCurrent() ? false : super.getMoreResults();
  }

  @Override
  public boolean getMoreResults(int currentResult) throws SQLException {
    return closeCurrent() ? false : super.getMoreResults(currentResult);
  }

  /**
   * Cancels the query too: its rows come from the internal prepared statement, whose cancel flag
   * is the one the engine's reader watches.
   */
  @Override
  public void cancel() throws SQLException {
    try {
      PreparedStatement ps = current;
      if (ps != null) {
        ps.cancel();
      }
    } finally {
      super.cancel();
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      closeCurrent();
    } finally {
      super.close();
    }
  }

  private boolean closeCurrent() throws SQLException {
    PreparedStatement ps = current;
    current = null;
    if (ps != null) {
      ps.close();
    }
    return ps != null;
  }
}
