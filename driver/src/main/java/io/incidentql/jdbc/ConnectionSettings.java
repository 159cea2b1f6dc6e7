package io.incidentql.jdbc;

import io.incidentql.adapter.IncidentIoTable;
import io.incidentql.adapter.api.ApiConfig;
import io.incidentql.adapter.api.internal.Text;
import io.incidentql.dsl.DslStatements;
import io.incidentql.grammar.NameSuggester;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;

/**
 * Connection settings read from a JDBC URL's properties and the environment.
 *
 * <p>The API key is looked for, in order, in the {@code apiKey} property (URL or
 * {@code Properties}), the JDBC password, and the {@code INCIDENT_IO_API_KEY} environment
 * variable. With {@code demo=true} no key is needed: the driver starts the simulator in-process.
 *
 * <p>Limits, retries and timeouts ({@code rateLimit}, {@code maxRetries},
 * {@code readTimeoutSeconds}...) map onto {@link ApiConfig}; a bad value fails the connection with
 * a message that names the property and what it accepts. Every property and its default is listed
 * in {@code docs/connection-properties.md}.
 *
 * <p>It is over 400 lines because it checks every documented connection property, each with the
 * message that says what to do.
 */
public final class ConnectionSettings {
  /** The environment variable read when no key is given otherwise. */
  public static final String API_KEY_ENV = "INCIDENT_IO_API_KEY";

  public static final String API_KEY = "apiKey";
  public static final String BASE_URL = "baseUrl";
  public static final String DEMO = "demo";
  /** {@code false} turns off pushing work into API requests: every query reads whole tables. */
  public static final String PUSHDOWN = "pushdown";
  /**
   * {@code false} keeps a join from reading one side by the keys of the other: both sides are
   * scanned (with their own filters pushed); for comparisons, and in case the estimates misjudge.
   */
  public static final String JOIN_REQUESTS = "joinRequests";
  /** How many query shapes a connection keeps plans for; 0 plans every statement anew. */
  public static final String PLAN_CACHE = "planCache";
  public static final int DEFAULT_PLAN_CACHE = 128;
  /** How many {@code created_at} windows of a long scan are read at once; 1 turns windows off. */
  public static final String PARALLELISM = "parallelism";
  /** The most windows read at once: beyond the API's budget more only wait for it. */
  public static final int MAX_PARALLELISM = 16;
  public static final String DEFAULT_BASE_URL = "https://api.incident.io";

  public static final String CONNECT_TIMEOUT = "connectTimeoutSeconds";
  public static final String READ_TIMEOUT = "readTimeoutSeconds";
  public static final String CALL_TIMEOUT = "callTimeoutSeconds";
  public static final String MAX_RETRIES = "maxRetries";
  public static final String RETRY_BACKOFF = "retryBackoffSeconds";
  public static final String MAX_RETRY_TIME = "maxRetryTimeSeconds";
  public static final String RATE_LIMIT = "rateLimit";
  public static final String RATE_LIMIT_WINDOW = "rateLimitWindowSeconds";
  public static final String MAX_RATE_LIMIT_RETRIES = "maxRateLimitRetries";
  public static final String MAX_RATE_LIMIT_WAIT = "maxRateLimitWaitSeconds";
  public static final String ALLOW_INSECURE_HTTP = "allowInsecureHttp";
  /** The zone of TIMESTAMP values: only UTC and its synonyms are accepted. */
  public static final String TIME_ZONE = "timeZone";
  /** The most MiB one response may have once decoded. */
  public static final String MAX_RESPONSE_MEGABYTES = "maxResponseMegabytes";
  /** How old an answer the response cache may give, in seconds; 0 bypasses the cache. */
  public static final String CACHE_TTL = "cacheTtlSeconds";
  /** The most MiB of answers the response cache of one key holds. */
  public static final String CACHE_MEGABYTES = "cacheMegabytes";
  /** The standard JDBC user name, which tools and pools send; accepted and not used. */
  public static final String USER = "user";
  /** The standard JDBC password: where tools keep the API key. */
  public static final String PASSWORD = "password";

  /**
   * Every property a connection accepts: the driver's documented ones and the standard JDBC
   * {@code user} and {@code password}. Anything else, the engine's own settings included
   * ({@code model}, {@code schemaFactory}, {@code fun}, {@code caseSensitive}...), fails the
   * connection: a URL may come from someone else, and a mistyped name must not be ignored.
   */
  public static final List<String> ACCEPTED =
      List.of(
          API_KEY, BASE_URL, DEMO, TIME_ZONE, DslStatements.LANGUAGE, PUSHDOWN, JOIN_REQUESTS, PLAN_CACHE,
          PARALLELISM, RATE_LIMIT, RATE_LIMIT_WINDOW, MAX_RATE_LIMIT_RETRIES, MAX_RATE_LIMIT_WAIT,
          MAX_RETRIES, RETRY_BACKOFF, MAX_RETRY_TIME, CONNECT_TIMEOUT, READ_TIMEOUT, CALL_TIMEOUT,
          ALLOW_INSECURE_HTTP, MAX_RESPONSE_MEGABYTES, CACHE_TTL, CACHE_MEGABYTES, USER, PASSWORD);

  private final String apiKey;
  private final String baseUrl;
  private final boolean demo;
  private final boolean pushdown;
  private final boolean joinRequests;
  private final int planCache;
  private final int parallelism;
  private final String timeZone;
  private final ApiConfig.Builder api;

  private ConnectionSettings(
      String apiKey,
      String baseUrl,
      boolean demo,
      boolean pushdown,
      boolean joinRequests,
      int planCache,
      int parallelism,
      String timeZone,
      ApiConfig.Builder api) {
    this.timeZone = timeZone;
    this.apiKey = apiKey;
    this.baseUrl = baseUrl;
    this.demo = demo;
    this.pushdown = pushdown;
    this.joinRequests = joinRequests;
    this.planCache = planCache;
    this.parallelism = parallelism;
    this.api = api;
  }

  /** Reads the settings from merged URL and {@code Properties} values, and the environment. */
  public static ConnectionSettings from(Properties props, Map<String, String> env)
      throws SQLException {
    for (Object name : props.keySet()) {
      checkName(String.valueOf(name));
    }
    boolean demo = bool(props, DEMO);
    String baseUrl = trimToNull(props.getProperty(BASE_URL));
    if (baseUrl == null) {
      baseUrl = DEFAULT_BASE_URL;
    }
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    String apiKey = trimToNull(props.getProperty(API_KEY));
    if (apiKey == null) {
      apiKey = trimToNull(props.getProperty(PASSWORD));
    }
    if (apiKey == null) {
      apiKey = trimToNull(env.get(API_KEY_ENV));
    }
    checkKey(apiKey);
    if (apiKey == null && !demo) {
      throw new SQLException(
          "No incident.io API key given. Put it in the apiKey property, the JDBC password, or the "
              + API_KEY_ENV
              + " environment variable; or connect to demo data with jdbc:incidentio:demo=true",
          "28000");
    }
    ApiConfig.Builder api = ApiConfig.builder();
    ApiConfig defaults = api.build();
    api.connectTimeout(seconds(props, CONNECT_TIMEOUT, defaults.connectTimeout()))
        .readTimeout(seconds(props, READ_TIMEOUT, defaults.readTimeout()))
        .callTimeout(seconds(props, CALL_TIMEOUT, defaults.callTimeout()))
        .maxRetries(count(props, MAX_RETRIES, defaults.maxRetries()))
        .retryBackoff(seconds(props, RETRY_BACKOFF, defaults.retryBackoff()))
        .maxRetryTime(seconds(props, MAX_RETRY_TIME, defaults.maxRetryTime()))
        .rateLimit(
            count(props, RATE_LIMIT, defaults.rateLimit()),
            seconds(props, RATE_LIMIT_WINDOW, defaults.rateLimitWindow()))
        .maxRateLimitRetries(count(props, MAX_RATE_LIMIT_RETRIES, defaults.maxRateLimitRetries()))
        .maxRateLimitWait(seconds(props, MAX_RATE_LIMIT_WAIT, defaults.maxRateLimitWait()))
        .allowInsecureHttp(bool(props, ALLOW_INSECURE_HTTP))
        .maxResponseBytes(megabytes(props, MAX_RESPONSE_MEGABYTES, defaults.maxResponseBytes()))
        .cacheTtl(seconds(props, CACHE_TTL, defaults.cacheTtl()))
        .cacheMaxBytes(megabytes(props, CACHE_MEGABYTES, defaults.cacheMaxBytes()));
    boolean pushdown = bool(props, PUSHDOWN, true);
    boolean joinRequests = bool(props, JOIN_REQUESTS, true);
    int planCache = count(props, PLAN_CACHE, DEFAULT_PLAN_CACHE);
    int parallelism = parallelism(props);
    String zone = value(props, TIME_ZONE);
    if (zone == null) {
      zone = "UTC";
    } else if (!isUtc(zone)) {
      throw badValue(TIME_ZONE, zone, "UTC (or GMT, Etc/UTC): TIMESTAMP values are the API's UTC"
          + " times, and a Timestamp, Instant or OffsetDateTime read or bound keeps its instant;"
          + " show them in another zone in the client, e.g. with"
          + " getObject(i, OffsetDateTime.class).atZoneSameInstant(zone)");
    }
    ConnectionSettings settings =
        new ConnectionSettings(
            apiKey, baseUrl, demo, pushdown, joinRequests, planCache, parallelism, zone, api);
    // Checks the combination now (a call timeout shorter than the rate-limit wait, plain http to
    // another machine), so that a bad setting fails the connection, not the first query.
    settings.apiConfig(baseUrl, apiKey);
    return settings;
  }

  /**
   * Returns the client settings for these properties with the given address and key (the demo
   * setting replaces both). Fails with SQLState 08001 when the combination is refused.
   */
  public ApiConfig apiConfig(String baseUrl, String apiKey) throws SQLException {
    try {
      return api.baseUrl(baseUrl).apiKey(apiKey).build();
    } catch (IllegalArgumentException e) {
      throw new SQLException(
          "Invalid connection settings: " + e.getMessage(), "08001", e);
    }
  }

  /** Fails with 08001 unless the name is one of {@link #ACCEPTED}. */
  private static void checkName(String name) throws SQLException {
    if (ACCEPTED.contains(name)) {
      return;
    }
    StringBuilder m =
        new StringBuilder("Unknown connection property ").append(Text.quote(name, 60));
    Optional<String> near = NameSuggester.nearest(name, ACCEPTED);
    if (near.isPresent()) {
      m.append(": did you mean '").append(near.get()).append("'?");
    } else if (isEngineSetting(name)) {
      m.append(": it is a setting of the SQL engine inside the driver, which the driver makes"
          + " itself and a connection cannot change.");
    } else {
      m.append('.');
    }
    m.append(" The driver accepts only these properties (see docs/connection-properties.md): ")
        .append(String.join(", ", ACCEPTED))
        .append('.');
    throw new SQLException(m.toString(), "08001");
  }

  /** Whether the name is one of Calcite's or Avatica's connection settings. */
  private static boolean isEngineSetting(String name) {
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      if (p.camelName().equalsIgnoreCase(name)) {
        return true;
      }
    }
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      if (p.camelName().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Refuses a key that no incident.io key looks like: one holding a space, a line break, a
   * control or a non-ASCII character would break the Authorization header at the first request,
   * or is a paste of more than the key. The key is not shown.
   */
  private static void checkKey(String apiKey) throws SQLException {
    if (apiKey == null) {
      return;
    }
    for (int i = 0; i < apiKey.length(); i++) {
      char c = apiKey.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new SQLException(
            "The API key holds a space, a line break, a control character or a non-ASCII"
                + " character (at position " + (i + 1) + " of " + apiKey.length() + "), which no"
                + " incident.io API key has; check that the key was copied whole and alone. The"
                + " key is not shown.",
            "08001");
      }
    }
  }

  /**
   * Whether a zone ID names UTC: the only zone the engine's TIMESTAMP values, literals and
   * {@code CURRENT_TIMESTAMP} can be in and still compare with the API's times.
   */
  private static boolean isUtc(String zone) {
    if (!Set.of(TimeZone.getAvailableIDs()).contains(zone)) {
      return false; // the engine would quietly fall back to GMT for a zone it does not know
    }
    ZoneRules rules = ZoneId.of(zone).getRules();
    return rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).getTotalSeconds() == 0;
  }

  private static String value(Properties props, String name) {
    return trimToNull(props.getProperty(name));
  }

  private static boolean bool(Properties props, String name) throws SQLException {
    return bool(props, name, false);
  }

  private static boolean bool(Properties props, String name, boolean dflt) throws SQLException {
    String v = value(props, name);
    if (v == null) {
      return dflt;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw badValue(name, v, "true or false");
    }
  }

  private static int count(Properties props, String name, int dflt) throws SQLException {
    return wholeNumber(props, name, dflt, 0, Integer.MAX_VALUE, "a whole number, 0 or more");
  }

  private static long megabytes(Properties props, String name, long dfltBytes)
      throws SQLException {
    // Up to 2 GiB: a Java array holds no more, and no page comes near it.
    int mib = wholeNumber(props, name, -1, 1, 2047, "a whole number of MiB from 1 to 2047");
    return mib < 0 ? dfltBytes : (long) mib << 20;
  }

  private static int parallelism(Properties props) throws SQLException {
    return wholeNumber(props, PARALLELISM, IncidentIoTable.DEFAULT_PARALLELISM, 1, MAX_PARALLELISM,
        "a whole number from 1 (no parallel windows) to " + MAX_PARALLELISM);
  }

  /** Returns the property's whole number from {@code min} to {@code max}, or {@code dflt}. */
  private static int wholeNumber(
      Properties props, String name, int dflt, int min, int max, String expected)
      throws SQLException {
    String v = value(props, name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below, with what the property accepts.
    }
    throw badValue(name, v, expected);
  }

  private static final BigDecimal MIN_SECONDS = new BigDecimal("0.001");

  private static Duration seconds(Properties props, String name, Duration dflt)
      throws SQLException {
    String v = value(props, name);
    if (v == null) {
      return dflt;
    }
    try {
      BigDecimal s = new BigDecimal(v);
      // A day is far beyond any sensible limit; the cap keeps the arithmetic safe. A value
      // below a millisecond is refused: rounded down it would become 0, which means "none".
      if ((s.signum() == 0 || s.compareTo(MIN_SECONDS) >= 0)
          && s.compareTo(BigDecimal.valueOf(86_400)) <= 0) {
        return Duration.ofNanos(s.movePointRight(9).longValue());
      }
    } catch (NumberFormatException e) {
      // Reported below, with what the property accepts.
    }
    throw badValue(name, v, "0 or a number of seconds from 0.001 (one millisecond) to 86400,"
        + " such as 30 or 0.5");
  }

  /**
   * Returns the 08001 error for a value the property does not accept. The value is shown only
   * when it looks like a value (letters, digits, {@code . : / + -}, at most 40): anything else
   * may hold what was meant for another property, such as {@code maxRetries=3,apiKey=...}.
   */
  public static SQLException badValue(String name, String value, String expected) {
    String shown = SHOWABLE.matcher(value).matches() ? "'" + value + "' " : "";
    return new SQLException(
        "Invalid value "
            + shown
            + "for connection property "
            + name
            + ": expected "
            + expected
            + ". See docs/connection-properties.md for every property and its default.",
        "08001");
  }

  private static final Pattern SHOWABLE = Pattern.compile("[A-Za-z0-9_.:/+-]{1,40}");

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

  /** The zone of TIMESTAMP values, CURRENT_TIMESTAMP among them: UTC by one of its names. */
  public String timeZone() {
    return timeZone;
  }

  public boolean demo() {
    return demo;
  }

  /** Whether queries push filters, order, limits and counts into API requests (default true). */
  public boolean pushdown() {
    return pushdown;
  }

  /** Whether a join may read one side by the keys of the other (default true; with pushdown). */
  public boolean joinRequests() {
    return joinRequests;
  }

  /** How many query shapes the connection keeps plans for; 0 for none. */
  public int planCache() {
    return planCache;
  }

  /** How many {@code created_at} windows of a long scan are read at once (1: none). */
  public int parallelism() {
    return parallelism;
  }

  @Override
  public String toString() {
    return "ConnectionSettings{baseUrl=" + baseUrl + ", demo=" + demo + ", pushdown=" + pushdown
        + ", joinRequests=" + joinRequests + ", planCache=" + planCache
        + ", parallelism=" + parallelism
        + ", apiKey=" + (apiKey == null ? "none" : "***") + ", api=" + api.build() + "}";
  }
}
