package io.incidentql.jdbc;

import java.io.File;
import java.io.PrintWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Helper that loads the packaged driver jar the way a SQL client does: in a class loader of its
 * own whose parent is the platform loader, so nothing from the build's class path is visible.
 */
final class SelfContainedJar {
  private SelfContainedJar() {}

  /** The jar the build packaged, named by the failsafe configuration. */
  static Path path() {
    String p = System.getProperty("incidentql.jdbc.jar", "target/incidentql-jdbc.jar");
    Path path = Path.of(p);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("no driver jar at " + path.toAbsolutePath() + "; run ./mvnw package first");
    }
    return path;
  }

  static URLClassLoader isolatedLoader() throws Exception {
    return new URLClassLoader(new URL[] {path().toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  /** The drivers the jar registers through {@code META-INF/services/java.sql.Driver}. */
  static List<Driver> drivers(ClassLoader loader) {
    List<Driver> found = new ArrayList<>();
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      if (d.getClass().getClassLoader() == loader) {
        found.add(d);
      }
    }
    return found;
  }

  /** A DataSource over a driver instance, for clients that take one. */
  static DataSource dataSource(Driver driver, String url) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        return driver.connect(url, new Properties());
      }

      @Override
      public Connection getConnection(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user == null ? "" : user);
        p.setProperty("password", password == null ? "" : password);
        return driver.connect(url, p);
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
      }

      @Override
      public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) {
        return false;
      }
    };
  }

  static String describe() {
    return path().toAbsolutePath() + " (" + new File(path().toString()).length() / (1024 * 1024) + " MiB)";
  }
}
