package io.incidentql.api;

import io.incidentql.dsl.DslStatements;
import io.incidentql.jdbc.IncidentIoDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;

/**
 * Entry point of the embeddable Java API: opens a session that runs DSL queries over the
 * incident.io API.
 *
 * <pre>{@code
 * try (IncidentQlSession ql = IncidentQL.connect(IncidentQL.config().apiKey(key));
 *      QueryResult rows = ql.query("SELECT id, title FROM alerts WHERE status IN (:s) LIMIT 20",
 *          Map.of("s", List.of("firing", "resolved")))) {
 *   rows.forEach(row -> System.out.println(row.getString("title")));
 * }
 * }</pre>
 */
public final class IncidentQL {
  private static final IncidentIoDriver DRIVER = new IncidentIoDriver();

  private IncidentQL() {}

  /** Starts a configuration; pass it, or what it builds, to {@link #connect(IncidentQlConfig)}. */
  public static IncidentQlConfig.Builder config() {
    return IncidentQlConfig.builder();
  }

  public static IncidentQlSession connect(IncidentQlConfig.Builder config) {
    return connect(config.build());
  }

  /**
   * Opens a session; it holds one connection to the API and is safe to share between threads.
   *
   * @throws IncidentQlException if the settings are incomplete (e.g. no API key)
   */
  public static IncidentQlSession connect(IncidentQlConfig config) {
    Objects.requireNonNull(config, "config");
    return open(
        config.jdbcUrl(),
        config.jdbcProperties(),
        config.clock(),
        config.queryTimeoutSeconds(),
        config.maxRows());
  }

  /** Opens a session on a {@code jdbc:incidentio:} URL with driver properties. */
  public static IncidentQlSession connect(String jdbcUrl, Properties properties) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith(IncidentIoDriver.PREFIX)) {
      throw new IllegalArgumentException("Not an IncidentQL URL: it must start with " + IncidentIoDriver.PREFIX);
    }
    Properties copy = new Properties();
    if (properties != null) {
      copy.putAll(properties);
    }
    return open(jdbcUrl, copy, Clock.systemUTC(), 0, 0);
  }

  private static IncidentQlSession open(
      String url, Properties properties, Clock clock, int queryTimeoutSeconds, int maxRows) {
    // The session's queries are the connection's statements, taking DSL text.
    properties.setProperty(DslStatements.LANGUAGE, "dsl");
    Connection connection;
    try {
      connection = DRIVER.connect(url, properties);
    } catch (SQLException e) {
      throw new IncidentQlException(e.getMessage(), e);
    }
    try {
      return new IncidentQlSession(connection, clock, queryTimeoutSeconds, maxRows);
    } catch (RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
