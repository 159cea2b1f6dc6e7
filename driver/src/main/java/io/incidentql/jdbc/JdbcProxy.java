package io.incidentql.jdbc;

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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.regex.Pattern;

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
          DatabaseMetaData.class);

  private static final Pattern SECRET_IN_URL =
      Pattern.compile("(?i)((?:apiKey|password)=)[^;]*");

  private final Object target;
  private final Class<?> iface;
  private final ConnectionState connection;

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
    Connection proxy;
    boolean closed;

    ConnectionState(String safeUrl, Runnable onClose, Runnable onCancel, DslStatements dsl) {
      this.safeUrl = safeUrl;
      this.onClose = onClose;
      this.onCancel = onCancel;
      this.dsl = dsl;
    }
  }

  private JdbcProxy(Object target, Class<?> iface, ConnectionState connection) {
    this.target = target;
    this.iface = iface;
    this.connection = connection;
  }

  static Connection connection(Connection target, String url, Runnable onClose) {
    return connection(target, url, onClose, () -> {}, null);
  }

  /**
   * Wraps a connection; {@code onCancel} runs after a statement's {@code cancel()} has set its
   * cancel flag, to abort the HTTP calls in flight; {@code dsl}, when not null, makes statements
   * take DSL text instead of SQL.
   */
  static Connection connection(
      Connection target, String url, Runnable onClose, Runnable onCancel, DslStatements dsl) {
    ConnectionState state = new ConnectionState(redact(url), onClose, onCancel, dsl);
    state.proxy = (Connection) wrap(target, Connection.class, state);
    return state.proxy;
  }

  /** Returns the URL with the values of secret properties replaced by {@code ***}. */
  static String redact(String url) {
    return url == null ? null : SECRET_IN_URL.matcher(url).replaceAll("$1***");
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
        break;
      case "isWrapperFor":
        if (argc == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
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
      case "execute":
      case "executeQuery":
      case "executeUpdate":
      case "executeLargeUpdate":
      case "addBatch":
      case "prepareStatement":
      case "prepareCall":
        if (argc >= 1 && args[0] instanceof String sql) {
          SQLException refusal = JdbcErrors.refuseWrite(sql);
          if (refusal != null) {
            throw refusal;
          }
        }
        break;
      default:
        break;
    }
    Object result;
    try {
      result =
          connection.dsl == null
              ? DslStatements.PASS
              : connection.dsl.intercept(iface, target, name, args);
      if (result == DslStatements.PASS) {
        result = method.invoke(target, args);
      }
    } catch (SQLException e) {
      throw JdbcErrors.translate(e);
    } catch (InvocationTargetException e) {
      throw JdbcErrors.translate(e.getCause());
    } catch (RuntimeException e) {
      throw JdbcErrors.translate(e);
    }
    Class<?> returnType = method.getReturnType();
    if (result != null && WRAPPED.contains(returnType) && !Proxy.isProxyClass(result.getClass())) {
      return wrap(result, returnType, connection);
    }
    return result;
  }

  private Object cancelStatement() throws SQLException {
    try {
      ((Statement) target).cancel();
    } catch (RuntimeException e) {
      throw JdbcErrors.translate(e);
    } finally {
      // The engine only sets a flag that the reader checks between rows; a call on the wire
      // must be aborted, or cancel would wait for a slow page.
      connection.onCancel.run();
    }
    return null;
  }

  private Object closeConnection() throws SQLException {
    synchronized (connection) {
      if (connection.closed) {
        return null;
      }
      connection.closed = true;
    }
    try {
      ((Connection) target).close();
    } catch (RuntimeException e) {
      throw JdbcErrors.translate(e);
    } finally {
      connection.onClose.run();
    }
    return null;
  }
}
