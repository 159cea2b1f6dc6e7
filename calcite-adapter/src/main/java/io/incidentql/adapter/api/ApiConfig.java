package io.incidentql.adapter.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import okhttp3.HttpUrl;

/**
 * Settings of an {@link IncidentIoClient}, immutable: where the API is, the key, timeouts and how
 * long to wait out rate limits.
 *
 * <p>{@link #toString()} never shows the key.
 */
public final class ApiConfig {
  /** The address of the public incident.io API. */
  public static final String DEFAULT_BASE_URL = "https://api.incident.io";

  private final HttpUrl baseUrl;
  private final String apiKey;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final int maxRateLimitRetries;
  private final Duration maxRateLimitWait;
  private final String userAgent;

  private ApiConfig(Builder b) {
    this.baseUrl = parseBaseUrl(b.baseUrl);
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
        + ", userAgent="
        + userAgent
        + "}";
  }

  /** Returns {@code IncidentQL/<version>}, the version read from the jar's Maven metadata. */
  public static String defaultUserAgent() {
    return "IncidentQL/" + Version.VALUE;
  }

  private static HttpUrl parseBaseUrl(String url) {
    Objects.requireNonNull(url, "baseUrl");
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an http or https URL such as " + DEFAULT_BASE_URL + ", not " + url);
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + url);
    }
    return parsed;
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

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public ApiConfig build() {
      return new ApiConfig(this);
    }
  }
}
