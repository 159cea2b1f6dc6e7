package io.incidentql.jdbc;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Connection settings read from a JDBC URL's properties and the environment.
 *
 * <p>The API key is looked for, in order, in the {@code apiKey} property (URL or
 * {@code Properties}), the JDBC password, and the {@code INCIDENT_IO_API_KEY} environment
 * variable. With {@code demo=true} no key is needed: the driver starts the simulator in-process.
 */
public final class ConnectionSettings {
  /** The environment variable read when no key is given otherwise. */
  public static final String API_KEY_ENV = "INCIDENT_IO_API_KEY";

  public static final String API_KEY = "apiKey";
  public static final String BASE_URL = "baseUrl";
  public static final String DEMO = "demo";
  /** {@code false} turns off pushing work into API requests: every query reads whole tables. */
  public static final String PUSHDOWN = "pushdown";
  public static final String DEFAULT_BASE_URL = "https://api.incident.io";

  private final String apiKey;
  private final String baseUrl;
  private final boolean demo;
  private final boolean pushdown;

  private ConnectionSettings(String apiKey, String baseUrl, boolean demo, boolean pushdown) {
    this.apiKey = apiKey;
    this.baseUrl = baseUrl;
    this.demo = demo;
    this.pushdown = pushdown;
  }

  /** Reads the settings from merged URL and {@code Properties} values, and the environment. */
  public static ConnectionSettings from(Properties props, Map<String, String> env)
      throws SQLException {
    boolean demo = Boolean.parseBoolean(props.getProperty(DEMO, "false").trim());
    String baseUrl = trimToNull(props.getProperty(BASE_URL));
    if (baseUrl == null) {
      baseUrl = DEFAULT_BASE_URL;
    }
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    String apiKey = trimToNull(props.getProperty(API_KEY));
    if (apiKey == null) {
      apiKey = trimToNull(props.getProperty("password"));
    }
    if (apiKey == null) {
      apiKey = trimToNull(env.get(API_KEY_ENV));
    }
    if (apiKey == null && !demo) {
      throw new SQLException(
          "No incident.io API key given. Put it in the apiKey property, the JDBC password, or the "
              + API_KEY_ENV
              + " environment variable; or connect to demo data with jdbc:incidentio:demo=true",
          "28000");
    }
    String pushdownText = props.getProperty(PUSHDOWN, "true").trim();
    if (!pushdownText.equalsIgnoreCase("true") && !pushdownText.equalsIgnoreCase("false")) {
      throw new SQLException(
          "The connection property pushdown must be true or false, not '" + pushdownText + "'",
          "HY024");
    }
    return new ConnectionSettings(apiKey, baseUrl, demo, Boolean.parseBoolean(pushdownText));
  }

  private static String trimToNull(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }

  /** The API key, or null in demo mode without a key. Never log or print it. */
  String apiKey() {
    return apiKey;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public boolean demo() {
    return demo;
  }

  /** Whether queries push filters, order, limits and counts into API requests (default true). */
  public boolean pushdown() {
    return pushdown;
  }

  @Override
  public String toString() {
    return "ConnectionSettings{baseUrl=" + baseUrl + ", demo=" + demo + ", pushdown=" + pushdown
        + ", apiKey="
        + (apiKey == null ? "none" : "***") + "}";
  }
}
