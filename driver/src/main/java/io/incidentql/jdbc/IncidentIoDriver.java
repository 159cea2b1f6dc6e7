package io.incidentql.jdbc;

import io.incidentql.adapter.api.ApiConfig;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.schema.IncidentIoSchema;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteConnection;

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
    new IncidentIoDriver().register();
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
  };

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
    if (url == null || !acceptsURL(url)) {
      return null;
    }
    Properties props = new Properties();
    for (String[] d : CALCITE_DEFAULTS) {
      props.setProperty(d[0], d[1]);
    }
    if (info != null) {
      props.putAll(info);
    }
    Properties merged = ConnectStringParser.parse(url.substring(PREFIX.length()), props);
    ConnectionSettings settings = ConnectionSettings.from(merged, System.getenv());

    String baseUrl = settings.baseUrl();
    String apiKey = settings.apiKey();
    boolean demo = settings.demo();
    if (demo) {
      baseUrl = DemoServer.acquire();
      apiKey = DemoServer.apiKey();
    }
    IncidentIoClient client = null;
    Connection calcite = null;
    try {
      client = new IncidentIoClient(ApiConfig.builder().baseUrl(baseUrl).apiKey(apiKey).build());
      calcite = super.connect(url, props);
      CalciteConnection cc = calcite.unwrap(CalciteConnection.class);
      cc.getRootSchema().add(IncidentIoSchema.NAME, new IncidentIoSchema(client, settings.pushdown()));
      cc.setSchema(IncidentIoSchema.NAME);
      IncidentIoClient owned = client;
      return JdbcProxy.connection(
          calcite,
          url,
          () -> {
            owned.close();
            if (demo) {
              DemoServer.release();
            }
          });
    } catch (SQLException | RuntimeException e) {
      if (calcite != null) {
        calcite.close();
      }
      if (client != null) {
        client.close();
      }
      if (demo) {
        DemoServer.release();
      }
      throw JdbcErrors.translate(e);
    }
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
