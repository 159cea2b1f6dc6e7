package io.incidentql.jdbc;

import io.incidentql.adapter.api.ApiActivity;
import io.incidentql.dsl.DslStatements;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * Connection of the driver around the engine's: its statements are {@link IncidentIoStatement}s
 * (DSL ones with {@code language=dsl}), it answers the routine calls a read-only source can
 * answer, and closing it stops the work in flight before releasing the API client.
 *
 * <p>Most of its methods forward to the engine's connection; {@link JdbcProxy} wraps it to turn
 * every failure into an {@link SQLException} and to keep the key out of what it shows. It is
 * longer than 400 lines because {@link Connection} has over fifty methods, each answered here.
 */
final class IncidentIoConnection implements Connection {
  private final Connection delegate;
  private final Runnable onClose;
  private final Runnable onCancel;
  /** With language=dsl, what turns DSL text into statements; null for SQL. */
  private final DslStatements dsl;
  private final ApiActivity activity;
  private final IntPredicate answers;
  private final IncidentIoCacheStatements cacheStatements;
  /** The cancel flags of the statements executing now, which closing the connection sets. */
  private final Set<AtomicBoolean> executing = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private boolean autoCommit = true;

  /**
   * Wraps the engine's connection; {@code onClose} releases what the connection holds, {@code
   * onCancel} aborts the HTTP calls of cancelled statements, {@code dsl} (null for SQL) makes
   * statements take DSL text, {@code activity} is the API client's totals, {@code answers}
   * tells whether the API answers a key check within a number of seconds, and {@code
   * cacheStatements} answers {@code SHOW CACHE} and {@code CLEAR CACHE}.
   */
  IncidentIoConnection(Connection delegate, Runnable onClose, Runnable onCancel, DslStatements dsl,
      ApiActivity activity, IntPredicate answers, IncidentIoCacheStatements cacheStatements) {
    this.delegate = delegate;
    this.onClose = onClose;
    this.onCancel = onCancel;
    this.dsl = dsl;
    this.activity = activity;
    this.answers = answers;
    this.cacheStatements = cacheStatements;
  }

  /**
   * Returns the SQL query answering {@code text} when it is a statement about the response cache
   * (clearing it for {@code CLEAR CACHE}), or null.
   */
  String cacheStatement(String text) {
    return cacheStatements.answer(text);
  }

  /** Prepares SQL on the engine's connection, past the driver's statement wrappers. */
  PreparedStatement prepareEngineStatement(String sql) throws SQLException {
    return delegate.prepareStatement(sql);
  }

  /** Starts tracking a statement's execution, whose flag closing the connection sets. */
  AtomicBoolean startExecution() {
    AtomicBoolean flag = new AtomicBoolean();
    executing.add(flag);
    if (closed) {
      flag.set(true);
    }
    return flag;
  }

  void endExecution(AtomicBoolean flag) {
    executing.remove(flag);
  }

  /** Aborts the HTTP calls in flight of the statements whose cancel flag is set. */
  void abortCancelledCalls() {
    onCancel.run();
  }

  /** Whether close() has been called; unlike {@link #isClosed()}, never fails. */
  boolean closing() {
    return closed;
  }

  private Statement wrap(Statement engine) {
    return dsl == null ? new IncidentIoStatement(engine, this)
        : new IncidentIoDslStatement(engine, this, dsl);
  }

  private void checkPrepare(String sql) throws SQLException {
    if (dsl != null) {
      throw new SQLFeatureNotSupportedException("With language=dsl, prepared statements are not"
          + " supported: run DSL text with Statement.executeQuery, and bind :name parameters"
          + " through the Java API (io.incidentql.api.IncidentQL)", "0A000");
    }
    IncidentIoReadOnly.check(sql);
    if (cacheStatements.matches(sql)) {
      throw new SQLFeatureNotSupportedException("SHOW CACHE and CLEAR CACHE are not prepared: run"
          + " them with Statement.executeQuery or execute", "0A000");
    }
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("the connection is closed", "08003");
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    return wrap(delegate.createStatement());
  }

  @Override
  public Statement createStatement(int type, int concurrency) throws SQLException {
    return wrap(delegate.createStatement(type, concurrency));
  }

  @Override
  public Statement createStatement(int type, int concurrency, int holdability)
      throws SQLException {
    return wrap(delegate.createStatement(type, concurrency, holdability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkPrepare(sql);
    return new IncidentIoPreparedStatement(delegate.prepareStatement(sql), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int keys) throws SQLException {
    checkPrepare(sql);
    return new IncidentIoPreparedStatement(delegate.prepareStatement(sql, keys), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency)
      throws SQLException {
    checkPrepare(sql);
    return new IncidentIoPreparedStatement(
        delegate.prepareStatement(sql, type, concurrency), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency,
      int holdability) throws SQLException {
    checkPrepare(sql);
    return new IncidentIoPreparedStatement(
        delegate.prepareStatement(sql, type, concurrency, holdability), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columns) throws SQLException {
    checkPrepare(sql);
    return new IncidentIoPreparedStatement(delegate.prepareStatement(sql, columns), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columns) throws SQLException {
    checkPrepare(sql);
    return new IncidentIoPreparedStatement(delegate.prepareStatement(sql, columns), this);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    checkPrepare(sql);
    return delegate.prepareCall(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency)
      throws SQLException {
    checkPrepare(sql);
    return delegate.prepareCall(sql, type, concurrency);
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    checkPrepare(sql);
    return delegate.prepareCall(sql, type, concurrency, holdability);
  }

  @Override
  public void close() throws SQLException {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    // Stop the work in flight first (planning, HTTP calls, waits), so that no statement of this
    // connection goes on, or sends anything, while the engine closes.
    executing.forEach(flag -> flag.set(true));
    try {
      onClose.run();
    } finally {
      delegate.close();
    }
  }

  /**
   * Whether the API answers the connection's key check ({@code GET /v1/identity}) within the
   * timeout, in seconds (0: the client's own timeouts); one request, no retry beyond the timeout.
   * The engine's own answer would be true even with the API unreachable or the key revoked.
   */
  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (closed) {
      return false;
    }
    if (timeout < 0) {
      throw new SQLException("isValid takes a timeout of 0 or more seconds, not " + timeout,
          "HY024");
    }
    return answers.test(timeout);
  }

  // Tools such as DBeaver switch auto-commit off and call commit() and rollback() as a matter of
  // routine; failing those would break them. Nothing is ever written, so nothing changes.

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return true;
  }

  /** Accepted and ignored: the connection is read-only whatever the client asks. */
  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return autoCommit;
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    this.autoCommit = autoCommit;
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return Connection.TRANSACTION_NONE;
  }

  /** No user-defined types exist, so the map is empty. */
  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return Map.of();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    if (map != null && !map.isEmpty()) {
      throw new SQLException("there are no user-defined types to map", "0A000");
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface == ApiActivity.class && activity != null) {
      return iface.cast(activity);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface == ApiActivity.class && activity != null || delegate.isWrapperFor(iface);
  }

  // The rest is the engine's.

  @Override
  public void abort(Executor executor) throws SQLException {
    delegate.abort(executor);
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    return delegate.createArrayOf(typeName, elements);
  }

  @Override
  public Blob createBlob() throws SQLException {
    return delegate.createBlob();
  }

  @Override
  public Clob createClob() throws SQLException {
    return delegate.createClob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return delegate.createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return delegate.createSQLXML();
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    return delegate.createStruct(typeName, attributes);
  }

  @Override
  public String getCatalog() throws SQLException {
    return delegate.getCatalog();
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    delegate.setCatalog(catalog);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return delegate.getClientInfo();
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    return delegate.getClientInfo(name);
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    delegate.setClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    delegate.setClientInfo(properties);
  }

  @Override
  public int getHoldability() throws SQLException {
    return delegate.getHoldability();
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    delegate.setHoldability(holdability);
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return delegate.getMetaData();
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return delegate.getNetworkTimeout();
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    delegate.setNetworkTimeout(executor, milliseconds);
  }

  @Override
  public String getSchema() throws SQLException {
    return delegate.getSchema();
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    delegate.setSchema(schema);
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    delegate.setTransactionIsolation(level);
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
  public String nativeSQL(String sql) throws SQLException {
    return delegate.nativeSQL(sql);
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return delegate.setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return delegate.setSavepoint(name);
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    delegate.releaseSavepoint(savepoint);
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    delegate.rollback(savepoint);
  }
}
