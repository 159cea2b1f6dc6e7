package io.incidentql.jdbc;

import io.incidentql.adapter.api.ApiActivity;
import io.incidentql.dsl.DslStatement;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrapper around every JDBC object a connection hands out that turns every failure into an
 * {@link SQLException} with a fitting SQLState and keeps the API key out of what the object
 * shows ({@code toString()}, {@code DatabaseMetaData.getURL()}).
 *
 * <p>One mechanism covers every JDBC object: a dynamic proxy that wraps whatever statement,
 * result set or metadata object a call returns, so no failure can slip out of any method as an
 * unchecked exception. The driver's own behaviour lives in classes ({@link IncidentIoConnection},
 * {@link IncidentIoStatement}); for the engine's result sets and metadata, whose interfaces are
 * large, a stand-in answers the few methods the driver changes (conversions, the row cap).
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

  /** Stand-ins found for engine methods, by method; an empty Optional when there is none. */
  private static final Map<Method, Optional<Method>> STAND_INS = new ConcurrentHashMap<>();

  private static final IncidentIoDatabaseMetaData METADATA = new IncidentIoDatabaseMetaData();

  private final Object target;
  private final Class<?> iface;
  private final Shared connection;
  /** For a result set: the proxy of the statement that made it, or null. */
  private final Object statement;
  /** For a result set: the max rows of the statement that made it (0: no limit). */
  private final long maxRows;
  /** The object whose methods answer in place of the engine's for this interface, if any. */
  private final Object standIn;

  /** What every object of one connection shares: the connection, its proxy and its URL. */
  private record Shared(IncidentIoConnection connection, String safeUrl, Connection[] proxy) {}

  private JdbcProxy(Object target, Class<?> iface, Shared connection, Object statement,
      long maxRows) {
    this.target = target;
    this.iface = iface;
    this.connection = connection;
    this.statement = statement;
    this.maxRows = maxRows;
    this.standIn = standIn(target, iface);
  }

  /** Wraps a connection; {@code safeUrl} is its URL without secrets. */
  static Connection connection(IncidentIoConnection target, String safeUrl) {
    Shared shared = new Shared(target, safeUrl, new Connection[1]);
    shared.proxy()[0] = (Connection) wrap(target, Connection.class, shared, null, 0);
    return shared.proxy()[0];
  }

  private static Object wrap(Object target, Class<?> iface, Shared shared, Object statement,
      long maxRows) {
    return Proxy.newProxyInstance(JdbcProxy.class.getClassLoader(), new Class<?>[] {iface},
        new JdbcProxy(target, iface, shared, statement, maxRows));
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
          return "IncidentQL " + iface.getSimpleName() + " " + connection.safeUrl();
        }
        break;
      case "unwrap":
        if (argc == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        if (argc == 1 && args[0] == ApiActivity.class) {
          // Every object of a connection leads to the totals of its API client.
          return connection.connection().unwrap(ApiActivity.class);
        }
        break;
      case "isWrapperFor":
        if (argc == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
          return true;
        }
        if (argc == 1 && args[0] == ApiActivity.class) {
          return connection.connection().isWrapperFor(ApiActivity.class);
        }
        break;
      case "getURL":
        if (iface == DatabaseMetaData.class) {
          return connection.safeUrl();
        }
        break;
      case "getConnection":
        if (argc == 0 && iface != Connection.class) {
          return connection.proxy()[0];
        }
        break;
      case "getStatement":
        if (argc == 0 && statement != null) {
          return statement;
        }
        break;
      default:
        break;
    }
    Method standInMethod = standIn == null ? null : standInFor(standIn.getClass(), method);
    Object result;
    try {
      result = standInMethod != null ? standInMethod.invoke(standIn, args)
          : method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw failure(e.getCause());
    } catch (Exception | StackOverflowError e) {
      throw failure(e);
    }
    Class<?> returnType = method.getReturnType();
    if (result != null && WRAPPED.contains(returnType) && !Proxy.isProxyClass(result.getClass())) {
      // A result set keeps its statement, and that statement's max rows, which it enforces.
      // A DSL statement shows its own interface, which the Java API unwraps to.
      Class<?> shown = result instanceof DslStatement ? DslStatement.class : returnType;
      return target instanceof IncidentIoStatement s
          ? wrap(result, shown, connection, proxy, s.getLargeMaxRows())
          : wrap(result, shown, connection, null, 0);
    }
    return result;
  }

  /**
   * Returns the SQLException a failure becomes; once the connection is closed, whatever ended a
   * statement's work is the close.
   */
  private SQLException failure(Throwable t) {
    SQLException e = JdbcErrors.translate(t);
    if (connection.connection().closing() && iface != Connection.class
        && !"08003".equals(e.getSQLState())) {
      return new SQLNonTransientConnectionException(
          "The connection was closed while the statement ran; open a new connection to run it"
              + " again",
          "08003",
          e);
    }
    return e;
  }

  /** The object whose methods answer in place of the engine's for this interface, if any. */
  private Object standIn(Object target, Class<?> iface) {
    if (iface == DatabaseMetaData.class) {
      return METADATA;
    }
    if (iface == ResultSet.class) {
      return new IncidentIoResultValues((ResultSet) target, maxRows);
    }
    if (iface == ResultSetMetaData.class) {
      return new IncidentIoResultSetMetaData((ResultSetMetaData) target);
    }
    return null;
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
}
