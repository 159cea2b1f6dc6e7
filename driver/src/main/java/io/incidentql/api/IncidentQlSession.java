package io.incidentql.api;

import io.incidentql.dsl.DslEngine;
import io.incidentql.dsl.DslStatement;
import io.incidentql.grammar.DslException;
import io.incidentql.jdbc.JdbcErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.RelNode;

/**
 * Session that runs DSL queries over one connection to the incident.io API.
 *
 * <p>Each query runs as a JDBC statement of the session's connection, so it gets what every
 * statement gets: the read-only guard, the session's query timeout and row cap, {@link #cancel()},
 * and an end of its work in flight when its thread is interrupted or the session closed.
 *
 * <p>Thread-safe: share one session between threads; each query gets its own statement and
 * result. Closing the session closes every result still open.
 */
public final class IncidentQlSession implements AutoCloseable {
  private final Connection connection;
  private final DslEngine engine;
  private final Clock clock;
  private final int queryTimeoutSeconds;
  private final int maxRows;
  /** The statements of the queries started and not yet closed, for {@link #cancel()}. */
  private final Set<Statement> statements = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  IncidentQlSession(Connection connection, Clock clock, int queryTimeoutSeconds, int maxRows) {
    this.connection = connection;
    this.clock = clock;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.maxRows = maxRows;
    try {
      this.engine = new DslEngine(connection.unwrap(CalciteConnection.class));
    } catch (SQLException e) {
      throw new IncidentQlException(e.getMessage(), e);
    }
  }

  /** Runs a query without parameters. */
  public QueryResult query(String dsl) {
    return query(dsl, Map.of());
  }

  /**
   * Runs a query; rows are fetched from the API as the result is read, page by page.
   *
   * @param params values of the query's {@code :name} parameters; a list bound to a parameter
   *     inside {@code IN (...)} expands to its elements
   * @throws io.incidentql.grammar.DslException if the query is not valid, with line and column
   * @throws IncidentQlException if it cannot run
   */
  public QueryResult query(String dsl, Map<String, ?> params) {
    Objects.requireNonNull(params, "params");
    ensureOpen();
    statements.removeIf(IncidentQlSession::isClosed);
    Statement statement = null;
    try {
      Statement s = connection.createStatement();
      statement = s;
      s.setQueryTimeout(queryTimeoutSeconds);
      s.setMaxRows(maxRows);
      statements.add(s);
      // now() is read here, once per execution, so that every now() of the query agrees.
      ResultSet rs = s.unwrap(DslStatement.class).executeQuery(dsl, params, clock.instant());
      return new QueryResult(s, rs);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(statement, e);
      throw translate(e);
    }
  }

  /**
   * Cancels every query of this session that is running or being read, from any thread: each
   * ends at once with an {@link IncidentQlException} whose SQLState is {@code HY008}. The session
   * stays open.
   */
  public void cancel() {
    for (Statement s : statements) {
      try {
        s.cancel();
      } catch (SQLException e) {
        // A statement that closed meanwhile has nothing left to cancel.
      }
    }
  }

  private static boolean isClosed(Statement s) {
    try {
      return s.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /**
   * Returns the plan of a query as {@code EXPLAIN PLAN FOR} shows it for SQL: which requests go to
   * the API and what is computed locally. Sends no request.
   */
  public String explain(String dsl) {
    return explain(dsl, Map.of());
  }

  public String explain(String dsl, Map<String, ?> params) {
    Objects.requireNonNull(params, "params");
    ensureOpen();
    try {
      return engine.explain(engine.compile(dsl, params, clock.instant()));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  /**
   * Checks a query (syntax, tables, columns, types, aggregates) without sending any request.
   * Parameters may be left unbound; they are checked when the query runs.
   *
   * @throws io.incidentql.grammar.DslException describing the first mistake
   */
  public void validate(String dsl) {
    check(dsl, null);
  }

  /** Checks a query and its parameter values without sending any request. */
  public void validate(String dsl, Map<String, ?> params) {
    check(dsl, Objects.requireNonNull(params, "params"));
  }

  private void check(String dsl, Map<String, ?> params) {
    ensureOpen();
    try {
      engine.compile(dsl, params, clock.instant());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IncidentQlException("The session is closed");
    }
  }

  static RuntimeException translate(Exception e) {
    // A mistake in the query is reported as the DSL's own exception, whatever carried it.
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof DslException dsl) {
        return dsl;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    if (e instanceof IncidentQlException || e instanceof IllegalArgumentException || e instanceof NullPointerException) {
      return (RuntimeException) e;
    }
    // What the connection's JDBC objects throw is translated already; the cause chain of such an
    // exception may hold what it ended with (a cancel, when it was the close that caused it).
    SQLException sql = e instanceof SQLException done && done.getSQLState() != null
        ? done
        : JdbcErrors.translate(e);
    return new IncidentQlException(sql.getMessage(), sql);
  }

  private static void closeQuietly(AutoCloseable c, Exception failure) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IncidentQlException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "IncidentQlSession{" + connection + (closed ? ", closed" : "") + "}";
  }
}
