package io.incidentql.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Answers to the {@link Connection} calls that clients make as routine and that the engine would
 * refuse: transaction control, which is a no-op on a source that is only read, and the type map.
 *
 * <p>{@link JdbcProxy} calls a public method of this class in place of the engine connection's
 * method of the same signature. Tools such as DBeaver switch auto-commit off and call
 * {@code commit()} and {@code rollback()} as a matter of routine; failing those would break them.
 */
public final class IncidentIoConnectionDefaults {
  private boolean autoCommit = true;
  private final IntPredicate answers;

  /** {@code answers} tells whether the API answers a key check within a number of seconds. */
  IncidentIoConnectionDefaults(IntPredicate answers) {
    this.answers = answers;
  }

  /**
   * Whether the API answers the connection's key check ({@code GET /v1/identity}) within the
   * timeout, in seconds (0: the client's own timeouts); one request, no retry beyond the timeout.
   * The engine's own answer would be true even with the API unreachable or the key revoked.
   */
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw new SQLException("isValid takes a timeout of 0 or more seconds, not " + timeout,
          "HY024");
    }
    return answers.test(timeout);
  }

  public boolean isReadOnly() {
    return true;
  }

  /** Accepted and ignored: the connection is read-only whatever the client asks. */
  public void setReadOnly(boolean readOnly) {}

  public boolean getAutoCommit() {
    return autoCommit;
  }

  /** Remembered for {@link #getAutoCommit()}; nothing is ever written, so nothing changes. */
  public void setAutoCommit(boolean autoCommit) {
    this.autoCommit = autoCommit;
  }

  public void commit() {}

  public void rollback() {}

  public int getTransactionIsolation() {
    return Connection.TRANSACTION_NONE;
  }

  /** No user-defined types exist, so the map is empty. */
  public Map<String, Class<?>> getTypeMap() {
    return Map.of();
  }

  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    if (map != null && !map.isEmpty()) {
      throw new SQLException("there are no user-defined types to map", "0A000");
    }
  }
}
