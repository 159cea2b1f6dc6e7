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
  public static final String DEFAULT_BASE_URL = "https://api.incident.io";

  private final String apiKey;
  private final String baseUrl;
  private final boolean demo;

  private ConnectionSettings(String apiKey, String baseUrl, boolean demo) {
    this.apiKey = apiKey;
    this.baseUrl = baseUrl;
    this.demo = demo;
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
    return new ConnectionSettings(apiKey, baseUrl, demo);
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

  @Override
  public String toString() {
    return "ConnectionSettings{baseUrl=" + baseUrl + ", demo=" + demo + ", apiKey="
        + (apiKey == null ? "none" : "***") + "}";
  }
}
