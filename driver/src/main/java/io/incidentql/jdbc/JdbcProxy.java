package io.incidentql.jdbc;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiActivity;
import io.incidentql.adapter.exec.IncidentIoExecutor;
import io.incidentql.dsl.DslStatements;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wrapper around the engine's JDBC objects that turns every failure into an {@link SQLException}
 * with a fitting SQLState, hides the API key, and releases the connection's resources on close.
 *
 * <p>One mechanism covers every JDBC object: a dynamic proxy that wraps whatever statement,
 * result set or metadata object a call returns, so no failure can slip out of any method as an
 * unchecked exception.
 */
final class JdbcProxy implements InvocationHandler {
  private static final Set<Class<?>> WRAPPED =
      Set.of(
          Connection.class,
          Statement.class,
          PreparedStatement.class,
          CallableStatement.class,
          ResultSet.class,
          ResultSetMetaData.class,
          DatabaseMetaData.class);

  /** Methods whose first argument, when a String, is SQL text to check for writes. */
  private static final Set<String> SQL_TAKING =
      Set.of(
          "prepareStatement", "prepareCall", "execute", "executeQuery", "executeUpdate",
          "executeLargeUpdate", "addBatch");

  /** Stand-ins found for engine methods, by method; an empty Optional when there is none. */
  private static final Map<Method, Optional<Method>> STAND_INS = new ConcurrentHashMap<>();

  private static final IncidentIoDatabaseMetaData METADATA = new IncidentIoDatabaseMetaData();

  private final Object target;
  private final Class<?> iface;
  private final ConnectionState connection;
  /** The object whose methods answer in place of the engine's for this interface, if any. */
  private final Object standIn;
  /** For a result set: the statement's max rows when it ran (0: no limit), and rows read. */
  private long maxRows;
  private long rowsRead;
  /** For a statement: the cancel flag of its latest execution, or null before the first. */
  private volatile AtomicBoolean cancelFlag;

  /**
   * What every object of one connection shares: the connection proxy, its URL, its cleanup, and
   * what aborts the API calls of a cancelled statement.
   */
  private static final class ConnectionState {
    final String safeUrl;
    final Runnable onClose;
    final Runnable onCancel;
    /** With language=dsl, what turns DSL text into statements; null for SQL. */
    final DslStatements dsl;
    final IncidentIoConnectionDefaults defaults;
    /** The cancel flags of the statements executing now, which closing the connection sets. */
    final Set<AtomicBoolean> executing = ConcurrentHashMap.newKeySet();
    /** The totals of the connection's API client, for {@code unwrap(ApiActivity.class)}. */
    ApiActivity activity;
    Connection proxy;
    volatile boolean closed;

    ConnectionState(String safeUrl, Runnable onClose, Runnable onCancel, DslStatements dsl,
        IntPredicate answers) {
      this.safeUrl = safeUrl;
      this.onClose = onClose;
      this.onCancel = onCancel;
      this.dsl = dsl;
      this.defaults = new IncidentIoConnectionDefaults(answers);
    }
  }

  private JdbcProxy(Object target, Class<?> iface, ConnectionState connection) {
    this.target = target;
    this.iface = iface;
    this.connection = connection;
    this.standIn = standIn(target, iface, connection);
  }

  static Connection connection(Connection target, String safeUrl, Runnable onClose) {
    return connection(target, safeUrl, onClose, () -> {}, null, null, seconds -> true);
  }

  /**
   * Wraps a connection; {@code onCancel} runs after a statement's {@code cancel()} has set its
   * cancel flag, to abort the HTTP calls in flight; {@code dsl}, when not null, makes statements
   * take DSL text instead of SQL; {@code safeUrl} is the URL without secrets; {@code answers}
   * tells, for {@code isValid(seconds)}, whether the API answers within that time.
   */
  static Connection connection(
      Connection target,
      String safeUrl,
      Runnable onClose,
      Runnable onCancel,
      DslStatements dsl,
      ApiActivity activity,
      IntPredicate answers) {
    ConnectionState state = new ConnectionState(safeUrl, onClose, onCancel, dsl, answers);
    state.activity = activity;
    state.proxy = (Connection) wrap(target, Connection.class, state);
    return state.proxy;
  }

  private static Object wrap(Object target, Class<?> iface, ConnectionState state) {
    return Proxy.newProxyInstance(
        JdbcProxy.class.getClassLoader(), new Class<?>[] {iface}, new JdbcProxy(target, iface, state));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int argc = args == null ? 0 : args.length;
    switch (name) {
      case "equals":
        if (argc == 1) {
          return proxy == args[0];
        }
        break;
      case "hashCode":
        if (argc == 0) {
          return System.identityHashCode(proxy);
        }
        break;
      case "toString":
        if (argc == 0) {
          return "IncidentQL " + iface.getSimpleName() + " " + connection.safeUrl;
        }
        break;
      case "unwrap":
        if (argc == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        if (argc == 1 && args[0] == ApiActivity.class && connection.activity != null) {
          return connection.activity;
        }
        break;
      case "isWrapperFor":
        if (argc == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
          return true;
        }
        if (argc == 1 && args[0] == ApiActivity.class && connection.activity != null) {
          return true;
        }
        break;
      case "getURL":
        if (iface == DatabaseMetaData.class) {
          return connection.safeUrl;
        }
        break;
      case "getConnection":
        if (argc == 0 && iface != Connection.class) {
          return connection.proxy;
        }
        break;
      case "close":
        if (iface == Connection.class && argc == 0) {
          return closeConnection();
        }
        break;
      case "cancel":
        if (argc == 0 && Statement.class.isAssignableFrom(iface)) {
          return cancelStatement();
        }
        break;
      default:
        break;
    }
    if (argc > 0 && args[0] instanceof String sql && SQL_TAKING.contains(name)) {
      IncidentIoReadOnly.check(sql);
    }
    if ((name.equals("executeUpdate") || name.equals("executeLargeUpdate"))
        && target instanceof Statement) {
      // What is left after the check above is a query, which has rows and no update count.
      throw new SQLException(name + " runs statements that change data, and IncidentQL only"
          + " reads: run queries with executeQuery or execute", "0A000");
    }
    if (maxRows > 0 && name.equals("next") && argc == 0 && rowsRead >= maxRows) {
      // The engine honours setMaxRows for plain statements only; this covers prepared ones.
      return false;
    }
    if (standIn instanceof IncidentIoParameters parameters) {
      noteParameters(parameters, name, args);
    }
    Method standInMethod = standIn == null ? null : standInFor(standIn.getClass(), method);
    if (standInMethod != null && iface == Connection.class && connection.closed) {
      if (name.equals("isValid")) {
        return false;
      }
      throw new SQLException("the connection is closed", "08003");
    }
    Object result;
    try {
      if (standInMethod != null) {
        result = standInMethod.invoke(standIn, args);
      } else if (target instanceof Statement statement && name.startsWith("execute")) {
        result = execute(statement, method, args);
      } else {
        result = dispatch(method, args);
      }
    } catch (InvocationTargetException e) {
      throw failure(e.getCause());
    } catch (Exception | StackOverflowError e) {
      throw failure(e);
    }
    Class<?> returnType = method.getReturnType();
    if (maxRows > 0 && name.equals("next") && argc == 0 && Boolean.TRUE.equals(result)) {
      rowsRead++;
    }
    if (result != null && WRAPPED.contains(returnType) && !Proxy.isProxyClass(result.getClass())) {
      Object wrapped = wrap(result, returnType, connection);
      if (returnType == ResultSet.class && target instanceof Statement statement) {
        ((JdbcProxy) Proxy.getInvocationHandler(wrapped)).maxRows = statement.getLargeMaxRows();
      }
      return wrapped;
    }
    return result;
  }

  /** Calls the engine's method, or the DSL's in its place. */
  private Object dispatch(Method method, Object[] args) throws Exception {
    Object result =
        connection.dsl == null
            ? DslStatements.PASS
            : connection.dsl.intercept(iface, target, method.getName(), args);
    return result == DslStatements.PASS ? method.invoke(target, args) : result;
  }

  /**
   * Runs a statement's execution within its bounds: a cancel flag of its own, which {@code
   * cancel()} and closing the connection set, and a deadline counted from now, so that planning
   * counts against the query timeout; its scans also learn its max rows, so that they do not
   * fetch pages ahead that the capped reader will never reach.
   */
  private Object execute(Statement statement, Method method, Object[] args) throws Exception {
    AtomicBoolean flag = new AtomicBoolean();
    cancelFlag = flag;
    int timeout = statement.getQueryTimeout();
    ApiCallScope scope = ApiCallScope.of(flag, timeout > 0 ? Duration.ofSeconds(timeout) : null);
    connection.executing.add(flag);
    try {
      if (connection.closed) {
        flag.set(true);
      }
      return IncidentIoExecutor.within(
          new IncidentIoExecutor.Execution(statement.getLargeMaxRows(), scope),
          () -> dispatch(method, args));
    } finally {
      connection.executing.remove(flag);
    }
  }

  /**
   * Returns the SQLException a failure becomes; once the connection is closed, whatever ended a
   * statement's work is the close.
   */
  private SQLException failure(Throwable t) {
    SQLException e = JdbcErrors.translate(t);
    if (connection.closed && iface != Connection.class && !"08003".equals(e.getSQLState())) {
      return new SQLNonTransientConnectionException(
          "The connection was closed while the statement ran; open a new connection to run it"
              + " again",
          "08003",
          e);
    }
    return e;
  }

  private Object cancelStatement() throws SQLException {
    AtomicBoolean flag = cancelFlag;
    if (flag != null) {
      flag.set(true);
    }
    try {
      ((Statement) target).cancel();
      if (connection.dsl != null) {
        connection.dsl.cancel(target);
      }
    } catch (RuntimeException e) {
      throw JdbcErrors.translate(e);
    } finally {
      // The engine only sets a flag that the reader checks between rows; a call on the wire
      // must be aborted, or cancel would wait for a slow page.
      connection.onCancel.run();
    }
    return null;
  }

  /** The object whose methods answer in place of the engine's for this interface, if any. */
  private static Object standIn(Object target, Class<?> iface, ConnectionState connection) {
    if (iface == DatabaseMetaData.class) {
      return METADATA;
    }
    if (iface == Connection.class) {
      return connection.defaults;
    }
    if (PreparedStatement.class.isAssignableFrom(iface)) {
      return new IncidentIoParameters((PreparedStatement) target);
    }
    if (iface == ResultSet.class) {
      return new IncidentIoResultValues((ResultSet) target);
    }
    if (iface == ResultSetMetaData.class) {
      return new IncidentIoResultSetMetaData((ResultSetMetaData) target);
    }
    return null;
  }

  /**
   * Keeps track of the parameters set by setters that are not converted (bytes, streams), and
   * checks before a prepared statement runs that none is missing.
   */
  private static void noteParameters(IncidentIoParameters parameters, String name, Object[] args)
      throws SQLException {
    if (args == null) {
      if (name.startsWith("execute") && !name.endsWith("Batch")) {
        parameters.checkAllBound();
      }
    } else if (name.startsWith("set") && args.length >= 2 && args[0] instanceof Integer i) {
      parameters.noteBound(i);
    }
  }

  /** Returns the public method of the stand-in's class with the engine method's signature. */
  private static Method standInFor(Class<?> standInClass, Method method) {
    return STAND_INS.computeIfAbsent(
            method,
            m -> {
              try {
                Method found = standInClass.getMethod(m.getName(), m.getParameterTypes());
                return found.getDeclaringClass() == standInClass
                    ? Optional.of(found)
                    : Optional.empty();
              } catch (NoSuchMethodException e) {
                return Optional.empty();
              }
            })
        .orElse(null);
  }

  private Object closeConnection() throws SQLException {
    synchronized (connection) {
      if (connection.closed) {
        return null;
      }
      connection.closed = true;
    }
    // Stop the work in flight first (planning, HTTP calls, waits), so that no statement of this
    // connection goes on, or sends anything, while the engine closes.
    connection.executing.forEach(flag -> flag.set(true));
    try {
      connection.onClose.run();
    } finally {
      try {
        ((Connection) target).close();
      } catch (RuntimeException e) {
        throw JdbcErrors.translate(e);
      }
    }
    return null;
  }
}
