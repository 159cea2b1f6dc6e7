package io.incidentql.adapter.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Settings of an {@link IncidentIoClient}, immutable: where the API is, the key, timeouts, the
 * client-side request budget, and how often and how long to retry.
 *
 * <p>{@link #toString()} never shows the key. A plain {@code http://} base URL is refused unless
 * it points at this machine (the simulator) or {@link Builder#allowInsecureHttp} is set, because
 * the key would travel in clear text.
 *
 * <p>It is over 400 lines because every setting has a builder method with its own range check
 * and message; the settings are few enough to keep in one place where a reader finds them all.
 */
public final class ApiConfig {
  /** The address of the public incident.io API. */
  public static final String DEFAULT_BASE_URL = "https://api.incident.io";

  /**
   * The default limit on one decoded response body: 16 MiB, more than ten times the largest page
   * the API sends (250 incidents with their custom fields), and small enough that a few of them
   * in flight (look-ahead, parallel windows) fit a small heap.
   */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;

  /**
   * How long an answer is reused by default: the API's rate-limit window, so that a query
   * repeated by any number of connections of one key costs its requests at most once a minute.
   */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);

  /** The default bound of the bodies the response cache of one key holds. */
  public static final long DEFAULT_CACHE_MAX_BYTES = 64L << 20;

  /** An IPv4 address in dotted-quad form, the one form HttpUrl gives such a host in. */
  private static final Pattern IPV4 = Pattern.compile("(?:[0-9]{1,3}\\.){3}[0-9]{1,3}");

  private final HttpUrl baseUrl;
  private final String apiKey;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final int maxRateLimitRetries;
  private final Duration maxRateLimitWait;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final Duration maxRetryTime;
  private final int rateLimit;
  private final Duration rateLimitWindow;
  private final boolean allowInsecureHttp;
  private final long maxResponseBytes;
  private final Duration cacheTtl;
  private final long cacheMaxBytes;
  private final String userAgent;

  private ApiConfig(Builder b) {
    this.allowInsecureHttp = b.allowInsecureHttp;
    this.baseUrl = parseBaseUrl(b.baseUrl, b.allowInsecureHttp);
    this.apiKey = b.apiKey == null || b.apiKey.isBlank() ? null : b.apiKey.strip();
    this.connectTimeout = nonNegative("connectTimeout", b.connectTimeout);
    this.readTimeout = nonNegative("readTimeout", b.readTimeout);
    this.callTimeout = nonNegative("callTimeout", b.callTimeout);
    if (b.maxRateLimitRetries < 0) {
      throw new IllegalArgumentException(
          "maxRateLimitRetries must be 0 or more, not " + b.maxRateLimitRetries);
    }
    this.maxRateLimitRetries = b.maxRateLimitRetries;
    this.maxRateLimitWait = nonNegative("maxRateLimitWait", b.maxRateLimitWait);
    if (b.maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, not " + b.maxRetries);
    }
    this.maxRetries = b.maxRetries;
    this.retryBackoff = nonNegative("retryBackoff", b.retryBackoff);
    this.maxRetryTime = nonNegative("maxRetryTime", b.maxRetryTime);
    if (b.rateLimit < 0) {
      throw new IllegalArgumentException(
          "rateLimit must be 0 (no client-side limit) or more, not " + b.rateLimit);
    }
    this.rateLimit = b.rateLimit;
    this.rateLimitWindow = nonNegative("rateLimitWindow", b.rateLimitWindow);
    if (rateLimit > 0 && rateLimitWindow.toMillis() < 1) {
      throw new IllegalArgumentException(
          "rateLimitWindow must be at least 1 ms, not " + rateLimitWindow);
    }
    // The call timeout spans the whole call, rate-limit waits included, so a shorter one would
    // cut every long wait short with a confusing timeout instead of a rate-limit error.
    if (!callTimeout.isZero() && callTimeout.compareTo(maxRateLimitWait) <= 0) {
      throw new IllegalArgumentException(
          "callTimeout ("
              + callTimeout
              + ") must be longer than maxRateLimitWait ("
              + maxRateLimitWait
              + "), or 0 for none, because it includes the time spent waiting out rate limits");
    }
    if (b.maxResponseBytes < 1) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be 1 or more, not " + b.maxResponseBytes);
    }
    this.maxResponseBytes = b.maxResponseBytes;
    this.cacheTtl = nonNegative("cacheTtl", b.cacheTtl);
    if (b.cacheMaxBytes < 1) {
      throw new IllegalArgumentException("cacheMaxBytes must be 1 or more, not " + b.cacheMaxBytes);
    }
    this.cacheMaxBytes = b.cacheMaxBytes;
    this.userAgent = Objects.requireNonNull(b.userAgent, "userAgent");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.baseUrl = baseUrl.toString();
    b.apiKey = apiKey;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.callTimeout = callTimeout;
    b.maxRateLimitRetries = maxRateLimitRetries;
    b.maxRateLimitWait = maxRateLimitWait;
    b.maxRetries = maxRetries;
    b.retryBackoff = retryBackoff;
    b.maxRetryTime = maxRetryTime;
    b.rateLimit = rateLimit;
    b.rateLimitWindow = rateLimitWindow;
    b.allowInsecureHttp = allowInsecureHttp;
    b.maxResponseBytes = maxResponseBytes;
    b.cacheTtl = cacheTtl;
    b.cacheMaxBytes = cacheMaxBytes;
    b.userAgent = userAgent;
    return b;
  }

  /** Returns the API's base URL, normalized, e.g. {@code https://api.incident.io/}. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  HttpUrl httpBaseUrl() {
    return baseUrl;
  }

  /** Returns the API key, or null when none is configured (as with a local simulator). */
  public String apiKey() {
    return apiKey;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  /** Returns the limit on one whole call, including rate-limit waits; zero means none. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** Returns how many times one request is retried after an HTTP 429. */
  public int maxRateLimitRetries() {
    return maxRateLimitRetries;
  }

  /** Returns the most time one request may spend waiting out HTTP 429 responses. */
  public Duration maxRateLimitWait() {
    return maxRateLimitWait;
  }

  /** Returns how many times one request is sent again after a 5xx or a failed connection. */
  public int maxRetries() {
    return maxRetries;
  }

  /** Returns the first backoff before a retry; each further one doubles, with jitter. */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /** Returns the most time one request may spend waiting between retries after failures. */
  public Duration maxRetryTime() {
    return maxRetryTime;
  }

  /**
   * Returns the client-side budget: at most this many requests in any {@link #rateLimitWindow()},
   * shared by every client of this JVM that uses the same key and base URL; 0 means no limit.
   */
  public int rateLimit() {
    return rateLimit;
  }

  public Duration rateLimitWindow() {
    return rateLimitWindow;
  }

  /** Returns whether a plain {@code http://} URL to another machine is allowed. */
  public boolean allowInsecureHttp() {
    return allowInsecureHttp;
  }

  /**
   * Returns the most bytes one response body may have once decoded (a gzip body inflated); a
   * larger one fails the request instead of filling memory.
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /** How old an answer the response cache may give this client; zero: never from the cache. */
  public Duration cacheTtl() {
    return cacheTtl;
  }

  /** The most bytes of bodies the response cache of this key and base URL holds. */
  public long cacheMaxBytes() {
    return cacheMaxBytes;
  }

  public String userAgent() {
    return userAgent;
  }

  @Override
  public String toString() {
    return "ApiConfig{baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "(none)" : "***")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", callTimeout="
        + callTimeout
        + ", maxRateLimitRetries="
        + maxRateLimitRetries
        + ", maxRateLimitWait="
        + maxRateLimitWait
        + ", maxRetries="
        + maxRetries
        + ", retryBackoff="
        + retryBackoff
        + ", maxRetryTime="
        + maxRetryTime
        + ", rateLimit="
        + rateLimit
        + "/"
        + rateLimitWindow
        + (allowInsecureHttp ? ", allowInsecureHttp=true" : "")
        + ", maxResponseBytes="
        + maxResponseBytes
        + ", cacheTtl="
        + cacheTtl
        + ", cacheMaxBytes="
        + cacheMaxBytes
        + ", userAgent="
        + userAgent
        + "}";
  }

  /** Returns {@code IncidentQL/<version>}, the version read from the jar's Maven metadata. */
  public static String defaultUserAgent() {
    return "IncidentQL/" + Version.VALUE;
  }

  private static HttpUrl parseBaseUrl(String url, boolean allowInsecureHttp) {
    Objects.requireNonNull(url, "baseUrl");
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an http or https URL such as " + DEFAULT_BASE_URL + ", not " + url);
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + url);
    }
    if (!parsed.isHttps() && !allowInsecureHttp && !isLoopback(parsed.host())) {
      throw new IllegalArgumentException(
          "baseUrl "
              + parsed
              + " is plain http to another machine, which would send the API key unencrypted;"
              + " use https, or set allowInsecureHttp=true if the network is trusted");
    }
    return parsed;
  }

  /**
   * Returns whether the host names this machine, without asking a name server: {@code localhost}
   * itself, or a literal loopback address ({@code 127.x.x.x}, {@code ::1}). Other names, even
   * {@code something.localhost}, count as another machine: what they resolve to is up to the
   * resolver, and resolving here could be spoofed, slow, or differ from what the HTTP client
   * later connects to.
   */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    // HttpUrl gives an IPv6 host without brackets, and an IPv4 host in dotted-quad form; only
    // those literal forms are parsed, so that InetAddress never turns to a name server.
    boolean literal = host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static Duration nonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, not " + d);
    }
    return d;
  }

  /** Holder of the library version, looked up once. */
  private static final class Version {
    static final String VALUE = lookUp();

    private static String lookUp() {
      String resource = "/META-INF/maven/io.incidentql/incidentql-calcite-adapter/pom.properties";
      try (InputStream in = ApiConfig.class.getResourceAsStream(resource)) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          String v = p.getProperty("version");
          if (v != null && !v.isBlank()) {
            return v.strip();
          }
        }
      } catch (IOException e) {
        // Fall through: the version only decorates the User-Agent header.
      }
      String v = ApiConfig.class.getPackage().getImplementationVersion();
      // Classes run from a build directory (tests, IDE) carry no version metadata.
      return v != null ? v : "dev";
    }
  }

  /** Builder of an {@link ApiConfig}; every setting has a default. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofMinutes(5);
    private int maxRateLimitRetries = 5;
    private Duration maxRateLimitWait = Duration.ofMinutes(2);
    private int maxRetries = 3;
    private Duration retryBackoff = Duration.ofMillis(500);
    private Duration maxRetryTime = Duration.ofSeconds(60);
    private int rateLimit = 1200;
    private Duration rateLimitWindow = Duration.ofMinutes(1);
    private boolean allowInsecureHttp;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private long cacheMaxBytes = DEFAULT_CACHE_MAX_BYTES;
    private String userAgent = defaultUserAgent();

    private Builder() {}

    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    /** Sets the limit on one whole call, including rate-limit waits; zero means none. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    public Builder maxRateLimitRetries(int maxRateLimitRetries) {
      this.maxRateLimitRetries = maxRateLimitRetries;
      return this;
    }

    public Builder maxRateLimitWait(Duration maxRateLimitWait) {
      this.maxRateLimitWait = maxRateLimitWait;
      return this;
    }

    /** Sets how many times a request is sent again after a 5xx or a failed connection. */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** Sets the first backoff before a retry; each further one doubles, with jitter. */
    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = retryBackoff;
      return this;
    }

    /** Sets the most time one request may spend waiting between retries after failures. */
    public Builder maxRetryTime(Duration maxRetryTime) {
      this.maxRetryTime = maxRetryTime;
      return this;
    }

    /** Allows at most {@code requests} in any {@code window}; 0 requests means no limit. */
    public Builder rateLimit(int requests, Duration window) {
      this.rateLimit = requests;
      this.rateLimitWindow = window;
      return this;
    }

    /** Allows a plain {@code http://} base URL that is not on this machine. */
    public Builder allowInsecureHttp(boolean allowInsecureHttp) {
      this.allowInsecureHttp = allowInsecureHttp;
      return this;
    }

    /** Sets the most bytes one response body may have once decoded. */
    public Builder maxResponseBytes(long maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** Sets how old an answer the response cache may give; zero bypasses the cache. */
    public Builder cacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
      return this;
    }

    /** Sets the most bytes of bodies the response cache of this key and base URL holds. */
    public Builder cacheMaxBytes(long cacheMaxBytes) {
      this.cacheMaxBytes = cacheMaxBytes;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public ApiConfig build() {
      return new ApiConfig(this);
    }
  }
}
