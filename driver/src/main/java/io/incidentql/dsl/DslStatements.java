package io.incidentql.dsl;

import io.incidentql.grammar.DslException;
import io.incidentql.grammar.DslParser;
import io.incidentql.grammar.ast.Query;
import io.incidentql.jdbc.ConnectionSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.RelNode;

/**
 * Interceptor that makes a JDBC connection opened with {@code language=dsl} take DSL text where
 * it would take SQL: {@code Statement.executeQuery} and {@code execute} compile the text with the
 * {@link DslEngine} and run the plan; everything else (metadata, result sets) is plain JDBC.
 *
 * <p>Named parameters and prepared statements belong to the Java API; through JDBC they fail
 * with a message that says so. The Java API runs its queries through the same JDBC statements,
 * with its parameters and {@code now()} passed by {@link #withBindings}.
 */
public final class DslStatements {
  /** The connection property that chooses the query language. */
  public static final String LANGUAGE = "language";

  /** Returned by {@link #intercept} when the call is not the DSL's to handle. */
  public static final Object PASS = new Object();

  /** The parameters and {@code now()} of the DSL text a statement runs on this thread. */
  private static final ThreadLocal<Bindings> BINDINGS = new ThreadLocal<>();

  private final DslEngine engine;
  private final Clock clock = Clock.systemUTC();
  /** The statement each JDBC statement last ran, to close it when the next runs or on close. */
  private final Map<Object, PreparedStatement> current = Collections.synchronizedMap(new WeakHashMap<>());

  private DslStatements(DslEngine engine) {
    this.engine = engine;
  }

  /**
   * Returns the interceptor a connection needs: none for {@code language=sql} (the default).
   *
   * @throws SQLException if the language is neither {@code sql} nor {@code dsl}
   */
  public static DslStatements forConnection(Properties properties, CalciteConnection connection)
      throws SQLException {
    String language = properties.getProperty(LANGUAGE, "sql").trim().toLowerCase(Locale.ROOT);
    switch (language) {
      case "sql":
      case "":
        return null;
      case "dsl":
        return new DslStatements(new DslEngine(connection));
      default:
        throw ConnectionSettings.badValue(
            LANGUAGE, properties.getProperty(LANGUAGE), "sql (the default) or dsl");
    }
  }

  /**
   * Handles a JDBC call if it carries DSL text; returns {@link #PASS} to let it through.
   *
   * @param iface the JDBC interface the call is made on
   * @param target the engine's object the call is made on
   */
  public Object intercept(Class<?> iface, Object target, String method, Object[] args) throws SQLException {
    int argc = args == null ? 0 : args.length;
    if (iface == Connection.class) {
      if (method.equals("prepareStatement") || method.equals("prepareCall")) {
        throw new SQLFeatureNotSupportedException("With language=dsl, prepared statements are not"
            + " supported: run DSL text with Statement.executeQuery, and bind :name parameters through"
            + " the Java API (io.incidentql.api.IncidentQL)", "0A000");
      }
      return PASS;
    }
    if (iface != Statement.class) {
      return PASS;
    }
    Statement statement = (Statement) target;
    switch (method) {
      case "executeQuery":
        return run(statement, (String) args[0]);
      case "execute":
        if (argc >= 1 && args[0] instanceof String text) {
          run(statement, text);
          return true;
        }
        return PASS;
      case "getResultSet": {
        PreparedStatement ps = current.get(target);
        return ps == null ? PASS : ps.getResultSet();
      }
      case "getUpdateCount":
      case "getLargeUpdateCount":
        // The DSL only reads, so no statement of this connection ever has an update count.
        return argc == 0 ? (method.equals("getUpdateCount") ? (Object) (-1) : (Object) (-1L)) : PASS;
      case "getMoreResults":
        // One query gives one result: after it there is nothing more.
        return closeCurrent(target) ? false : PASS;
      case "executeUpdate":
      case "executeLargeUpdate":
      case "addBatch":
        throw new SQLException("The DSL only reads: with language=dsl, run queries with executeQuery"
            + " or execute", "0A000");
      case "close":
        closeCurrent(target);
        return PASS;
      default:
        return PASS;
    }
  }

  /** Values of a query's named parameters and the instant its {@code now()} means. */
  private record Bindings(Map<String, ?> params, Instant now) {}

  /** A JDBC call that may fail. */
  @FunctionalInterface
  public interface SqlCall<T> {
    T call() throws SQLException;
  }

  /**
   * Runs {@code call}, a statement's execution of DSL text on this thread, with the text's named
   * parameters bound from {@code params} and its {@code now()} meaning {@code now}.
   */
  public static <T> T withBindings(Map<String, ?> params, Instant now, SqlCall<T> call)
      throws SQLException {
    Bindings previous = BINDINGS.get();
    BINDINGS.set(new Bindings(params, now));
    try {
      return call.call();
    } finally {
      if (previous == null) {
        BINDINGS.remove();
      } else {
        BINDINGS.set(previous);
      }
    }
  }

  private ResultSet run(Statement statement, String text) throws SQLException {
    closeCurrent(statement);
    Bindings bindings = BINDINGS.get();
    RelNode plan;
    try {
      Query query = DslParser.parse(text);
      if (bindings == null && !query.parameterNames().isEmpty()) {
        throw new SQLFeatureNotSupportedException("Named parameters (:"
            + String.join(", :", query.parameterNames()) + ") cannot be bound through JDBC; bind"
            + " them through the Java API (io.incidentql.api.IncidentQL)", "0A000");
      }
      plan = bindings == null
          ? engine.compile(text, Map.of(), clock.instant())
          : engine.compile(text, bindings.params(), bindings.now());
    } catch (DslException e) {
      // 42000: syntax error or access rule violation, the class SQL's own mistakes get.
      throw new SQLSyntaxErrorException(e.getMessage(), "42000", e);
    }
    PreparedStatement ps = engine.prepare(DslEngine.limit(plan, statement.getMaxRows()));
    try {
      ps.setQueryTimeout(statement.getQueryTimeout());
      ps.setFetchSize(statement.getFetchSize());
      current.put(statement, ps);
      return ps.executeQuery();
    } catch (SQLException | RuntimeException e) {
      current.remove(statement);
      ps.close();
      throw e;
    }
  }

  /**
   * Cancels the query a statement is running, if it runs DSL: the rows come from an internal
   * prepared statement, whose cancel flag is the one the reader and the HTTP calls watch.
   */
  public void cancel(Object statement) throws SQLException {
    PreparedStatement ps = current.get(statement);
    if (ps != null) {
      ps.cancel();
    }
  }

  private boolean closeCurrent(Object statement) throws SQLException {
    PreparedStatement ps = current.remove(statement);
    if (ps != null) {
      ps.close();
    }
    return ps != null;
  }
}
