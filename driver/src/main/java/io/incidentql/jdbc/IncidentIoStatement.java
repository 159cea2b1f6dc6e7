package io.incidentql.jdbc;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.exec.IncidentIoExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Statement of the driver around the engine's: it refuses text that would write, runs each
 * execution with a cancel flag and a deadline of its own, and keeps its max rows, which its result
 * sets enforce (see {@link IncidentIoResultValues#next()}) and which the engine never sees.
 *
 * <p>The engine is not told the max rows because it would cap plain statements only, in the plan
 * it caches; the executor learns them as a hint, so that a capped reader's scans fetch no page
 * ahead.
 */
class IncidentIoStatement implements Statement {
  private final Statement delegate;
  final IncidentIoConnection connection;
  private long maxRows;
  /** The cancel flag of the latest execution, or null before the first. */
  private volatile AtomicBoolean cancelFlag;

  IncidentIoStatement(Statement delegate, IncidentIoConnection connection) {
    this.delegate = delegate;
    this.connection = connection;
  }

  /**
   * Runs an execution within its bounds: a cancel flag of its own, which {@code cancel()} and
   * closing the connection set, and a deadline counted from now, so that planning counts against
   * the query timeout; its scans also learn the max rows, so that they fetch no page ahead that
   * the capped reader will never reach.
   */
  final <T> T execution(Callable<T> work) throws SQLException {
    AtomicBoolean flag = connection.startExecution();
    cancelFlag = flag;
    int timeout = getQueryTimeout();
    ApiCallScope scope = ApiCallScope.of(flag, timeout > 0 ? Duration.ofSeconds(timeout) : null);
    try {
      return IncidentIoExecutor.within(new IncidentIoExecutor.Execution(maxRows, scope), work);
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw JdbcErrors.translate(e);
    } finally {
      connection.endExecution(flag);
    }
  }

  /** The failure of a call that would change data, which a read-only driver refuses. */
  SQLException updateRefused(String method) {
    // What is left after the read-only check is a query, which has rows and no update count.
    return new SQLException(method + " runs statements that change data, and IncidentQL only"
        + " reads: run queries with executeQuery or execute", "0A000");
  }

  /** Runs text given to {@code executeQuery}. */
  ResultSet query(String sql) throws SQLException {
    return execution(() -> delegate.executeQuery(engineText(sql)));
  }

  /** Runs text given to an {@code execute} method, through {@code engineCall} for SQL. */
  boolean run(String sql, Callable<Boolean> engineCall) throws SQLException {
    return execution(engineCall);
  }

  @Override
  public final ResultSet executeQuery(String sql) throws SQLException {
    IncidentIoReadOnly.check(sql);
    return query(sql);
  }

  @Override
  public final boolean execute(String sql) throws SQLException {
    IncidentIoReadOnly.check(sql);
    return run(sql, () -> delegate.execute(engineText(sql)));
  }

  /** Returns the SQL the engine runs for {@code sql}: the answer of a cache statement, or it. */
  final String engineText(String sql) {
    String answer = connection.cacheStatement(sql);
    return answer == null ? sql : answer;
  }

  @Override
  public final boolean execute(String sql, int keys) throws SQLException {
    IncidentIoReadOnly.check(sql);
    return run(sql, () -> delegate.execute(engineText(sql), keys));
  }

  @Override
  public final boolean execute(String sql, int[] columns) throws SQLException {
    IncidentIoReadOnly.check(sql);
    return run(sql, () -> delegate.execute(engineText(sql), columns));
  }

  @Override
  public final boolean execute(String sql, String[] columns) throws SQLException {
    IncidentIoReadOnly.check(sql);
    return run(sql, () -> delegate.execute(engineText(sql), columns));
  }

  @Override
  public final int executeUpdate(String sql) throws SQLException {
    IncidentIoReadOnly.check(sql);
    throw updateRefused("executeUpdate");
  }

  @Override
  public final int executeUpdate(String sql, int keys) throws SQLException {
    return executeUpdate(sql);
  }

  @Override
  public final int executeUpdate(String sql, int[] columns) throws SQLException {
    return executeUpdate(sql);
  }

  @Override
  public final int executeUpdate(String sql, String[] columns) throws SQLException {
    return executeUpdate(sql);
  }

  @Override
  public final long executeLargeUpdate(String sql) throws SQLException {
    IncidentIoReadOnly.check(sql);
    throw updateRefused("executeLargeUpdate");
  }

  @Override
  public final long executeLargeUpdate(String sql, int keys) throws SQLException {
    return executeLargeUpdate(sql);
  }

  @Override
  public final long executeLargeUpdate(String sql, int[] columns) throws SQLException {
    return executeLargeUpdate(sql);
  }

  @Override
  public final long executeLargeUpdate(String sql, String[] columns) throws SQLException {
    return executeLargeUpdate(sql);
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    IncidentIoReadOnly.check(sql);
    delegate.addBatch(sql);
  }

  @Override
  public final int[] executeBatch() throws SQLException {
    return execution(delegate::executeBatch);
  }

  @Override
  public final long[] executeLargeBatch() throws SQLException {
    return execution(delegate::executeLargeBatch);
  }

  @Override
  public void cancel() throws SQLException {
    AtomicBoolean flag = cancelFlag;
    if (flag != null) {
      flag.set(true);
    }
    try {
      delegate.cancel();
    } finally {
      // The engine only sets a flag that the reader checks between rows; a call on the wire
      // must be aborted, or cancel would wait for a slow page.
      connection.abortCancelledCalls();
    }
  }

  @Override
  public final long getLargeMaxRows() {
    return maxRows;
  }

  @Override
  public final void setLargeMaxRows(long max) throws SQLException {
    if (max < 0) {
      throw new SQLException("setMaxRows takes 0 (no limit) or more rows, not " + max, "HY024");
    }
    maxRows = max;
  }

  @Override
  public final int getMaxRows() {
    return (int) Math.min(Integer.MAX_VALUE, maxRows);
  }

  @Override
  public final void setMaxRows(int max) throws SQLException {
    setLargeMaxRows(max);
  }

  // The rest is the engine's.

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return delegate.getResultSet();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return delegate.getMoreResults();
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    return delegate.getMoreResults(current);
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return delegate.getUpdateCount();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return delegate.getLargeUpdateCount();
  }

  @Override
  public void clearBatch() throws SQLException {
    delegate.clearBatch();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    delegate.closeOnCompletion();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return delegate.isCloseOnCompletion();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connection;
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate.getFetchDirection();
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    delegate.setFetchDirection(direction);
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate.getFetchSize();
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    delegate.setFetchSize(rows);
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return delegate.getGeneratedKeys();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return delegate.getMaxFieldSize();
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    delegate.setMaxFieldSize(max);
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return delegate.getQueryTimeout();
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    delegate.setQueryTimeout(seconds);
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return delegate.getResultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return delegate.getResultSetHoldability();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return delegate.getResultSetType();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return delegate.isPoolable();
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    delegate.setPoolable(poolable);
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    delegate.setCursorName(name);
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    delegate.setEscapeProcessing(enable);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
