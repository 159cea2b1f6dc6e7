package io.incidentql.jdbc;

import io.incidentql.adapter.IncidentIoSchema;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.api.internal.Secrets;
import io.incidentql.dsl.DslStatements;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;

/**
 * JDBC driver for URLs that start with {@code jdbc:incidentio:}; each connection sees the
 * incident.io API's endpoints as tables in its default schema.
 *
 * <p>URL properties follow the prefix as {@code key=value} pairs separated by {@code ;}, e.g.
 * {@code jdbc:incidentio:demo=true} or {@code jdbc:incidentio:baseUrl=https://api.incident.io}.
 */
public final class IncidentIoDriver extends org.apache.calcite.jdbc.Driver {
  public static final String PREFIX = "jdbc:incidentio:";

  static {
    loadCalciteSettings();
    new IncidentIoDriver().register();
    deregisterRelocatedCalciteDriver();
  }

  /**
   * Has Calcite read its settings (saffron.properties: Unicode literals, the compiled-code cache)
   * through the driver's own class loader. Calcite looks for the file through the thread's context
   * class loader, which in a SQL client is often not the one that loaded the driver's jar; and in
   * that jar the file sits under a path of its own, so that another Calcite never reads it.
   */
  private static void loadCalciteSettings() {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    thread.setContextClassLoader(IncidentIoDriver.class.getClassLoader());
    try {
      org.apache.calcite.config.CalciteSystemProperty.DEFAULT_CHARSET.value();
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  /**
   * Removes the {@code jdbc:calcite:} driver that loading Calcite's driver class registered, when
   * this class runs from the self-contained jar: there Calcite is a private copy, and a client
   * should see one driver from that jar, this one. With Calcite on the class path as a library of
   * its own, its driver stays.
   */
  private static void deregisterRelocatedCalciteDriver() {
    if (!org.apache.calcite.jdbc.Driver.class.getName().startsWith("io.incidentql.shaded.")) {
      return;
    }
    for (java.sql.Driver d : java.util.Collections.list(java.sql.DriverManager.getDrivers())) {
      if (d.getClass() == org.apache.calcite.jdbc.Driver.class) {
        try {
          java.sql.DriverManager.deregisterDriver(d);
        } catch (SQLException | SecurityException e) {
          // Harmless if it stays: it only answers jdbc:calcite: URLs.
        }
      }
    }
  }

  /**
   * Lexical settings that make SQL read as users of other databases expect: unquoted names match
   * whatever their case, double quotes quote identifiers.
   */
  private static final String[][] CALCITE_DEFAULTS = {
    {"caseSensitive", "false"},
    {"unquotedCasing", "TO_LOWER"},
    {"quotedCasing", "UNCHANGED"},
    {"quoting", "DOUBLE_QUOTE"},
    // TIMESTAMP columns hold UTC; with this, getTimestamp() returns the API's instant and
    // CURRENT_TIMESTAMP is comparable with them.
    {"timeZone", "UTC"},
    // SQL as analysts coming from PostgreSQL write it: GROUP BY an alias or a position, HAVING
    // an alias, and PostgreSQL's functions (ILIKE, ...) beside the standard ones.
    {"conformance", "LENIENT"},
    {"fun", "standard,postgresql"},
  };

  /** Creates the driver that {@code DriverManager} knows. */
  public IncidentIoDriver() {
    super(() -> new IncidentIoPrepare(null));
  }

  /**
   * Creates the engine driver of one connection, whose statements are prepared by {@code
   * prepareFactory}; it is never registered.
   */
  private IncidentIoDriver(java.util.function.Supplier<CalcitePrepare> prepareFactory) {
    super(prepareFactory);
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    String version = version();
    String[] parts = version.split("[.-]");
    int major = parseOrZero(parts, 0);
    int minor = parseOrZero(parts, 1);
    return new DriverVersion(
        "IncidentQL JDBC Driver", version, "incident.io API", version, false, major, minor, major,
        minor);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    return connect(url, info, true);
  }

  /**
   * Connects; {@code checkKey} false skips the key check, for the warm-up's private connection
   * to an address that nothing is sent to.
   */
  Connection connect(String url, Properties info, boolean checkKey) throws SQLException {
    if (url == null || !acceptsURL(url)) {
      return null;
    }
    Properties fromUrl = urlProperties(url);
    Properties merged = new Properties();
    if (info != null) {
      merged.putAll(info);
    }
    merged.putAll(fromUrl);
    // Known before anything can fail, so that no message of this connection shows them.
    List<String> secrets = new ArrayList<>();
    for (String name : List.of(ConnectionSettings.API_KEY, ConnectionSettings.PASSWORD)) {
      String v = merged.getProperty(name);
      if (v != null) {
        secrets.add(v);
        secrets.add(v.strip());
      }
    }
    ConnectionSettings settings;
    try {
      settings = ConnectionSettings.from(merged, System.getenv());
    } catch (SQLException e) {
      throw JdbcErrors.translate(e, secrets);
    }

    String baseUrl = settings.baseUrl();
    String apiKey = settings.apiKey();
    if (apiKey != null) {
      secrets.add(apiKey);
    }
    boolean demo = settings.demo();
    if (demo) {
      baseUrl = DemoServer.acquire();
      apiKey = DemoServer.apiKey();
    }
    IncidentIoClient client = null;
    Connection calcite = null;
    try {
      client = new IncidentIoClient(settings.apiConfig(baseUrl, apiKey));
      // The engine sees only the driver's own settings, never the user's properties.
      Properties engine = new Properties();
      for (String[] d : CALCITE_DEFAULTS) {
        engine.setProperty(d[0], d[1]);
      }
      engine.setProperty(ConnectionSettings.TIME_ZONE, settings.timeZone());
      // Each connection's engine has preparers of its own, which share the connection's plans.
      IncidentIoPrepare.PlanCache plans = IncidentIoPrepare.PlanCache.of(settings.planCache());
      calcite = new IncidentIoDriver(() -> new IncidentIoPrepare(plans)).engineConnect(engine);
      CalciteConnection cc = calcite.unwrap(CalciteConnection.class);
      cc.getRootSchema().add(IncidentIoSchema.NAME,
          new IncidentIoSchema(client, settings.pushdown(), settings.parallelism(),
              settings.joinRequests()));
      cc.setSchema(IncidentIoSchema.NAME);
      DslStatements dsl = DslStatements.forConnection(merged, cc);
      IncidentIoClient owned = client;
      // Last, once every setting is known good: the one request a connection sends.
      if (checkKey) {
        IncidentIoKeyCheck.check(client);
      }
      IncidentIoWarmUp.startOnce(this);
      IncidentIoConnection connection = new IncidentIoConnection(
          calcite,
          () -> {
            owned.close();
            if (demo) {
              DemoServer.release();
            }
          },
          owned::cancelFlaggedCalls,
          dsl,
          owned.activity(),
          seconds -> IncidentIoKeyCheck.answers(owned, seconds),
          new IncidentIoCacheStatements(owned.cache(), owned.config().cacheTtl()));
      return JdbcProxy.connection(connection, Secrets.redact(displayUrl(fromUrl), secrets));
    } catch (SQLException | RuntimeException e) {
      if (calcite != null) {
        calcite.close();
      }
      SQLException failure = JdbcErrors.translate(e, secrets);
      if (client != null) {
        client.close();
      }
      if (demo) {
        DemoServer.release();
      }
      throw failure;
    }
  }

  /** Opens the engine's connection, with the driver's own settings only. */
  private Connection engineConnect(Properties engine) throws SQLException {
    return super.connect(PREFIX, engine);
  }

  /**
   * Reads the {@code key=value;...} properties of a URL. A URL that cannot be read fails with
   * 08001 without quoting it, since it may hold the key.
   */
  static Properties urlProperties(String url) throws SQLException {
    try {
      return ConnectStringParser.parse(url.substring(PREFIX.length()));
    } catch (SQLException | RuntimeException e) {
      throw new SQLException(
          "The properties of the " + PREFIX + " URL cannot be read: write them as key=value"
              + " pairs separated by ';', a value in quotes ending with the same quote (a quote"
              + " inside doubled). The URL is not shown, as it may hold the API key.",
          "08001");
    }
  }

  /**
   * Returns the URL as {@code toString()} and {@code DatabaseMetaData.getURL()} show it: written
   * again from the properties read, in name order, with {@code apiKey} and {@code password} as
   * {@code ***} however they were written.
   */
  static String displayUrl(Properties fromUrl) {
    StringBuilder sb = new StringBuilder(PREFIX);
    for (String name : new TreeSet<>(fromUrl.stringPropertyNames())) {
      if (sb.length() > PREFIX.length()) {
        sb.append(';');
      }
      String value = fromUrl.getProperty(name);
      boolean secret =
          name.equals(ConnectionSettings.API_KEY) || name.equals(ConnectionSettings.PASSWORD);
      if (secret) {
        value = Secrets.MASK;
      } else if (value.isEmpty() || !value.strip().equals(value) || value.matches(".*[;'\"].*")) {
        value = "'" + value.replace("'", "''") + "'";
      }
      sb.append(name).append('=').append(value);
    }
    return sb.toString();
  }

  /** Returns this driver's version, as built. */
  public static String version() {
    try (InputStream in = IncidentIoDriver.class.getResourceAsStream("driver.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "0.0.0");
    } catch (IOException e) {
      return "0.0.0";
    }
  }

  private static int parseOrZero(String[] parts, int i) {
    try {
      return i < parts.length ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
