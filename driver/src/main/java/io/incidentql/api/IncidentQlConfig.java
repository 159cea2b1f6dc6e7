package io.incidentql.api;

import io.incidentql.jdbc.IncidentIoDriver;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of an {@link IncidentQlSession}: where the API is, the key, and any other property of
 * the {@code jdbc:incidentio:} driver, passed through unchanged.
 */
public final class IncidentQlConfig {
  private final String apiKey;
  private final String baseUrl;
  private final boolean demo;
  private final Map<String, String> properties;
  private final Clock clock;
  private final int queryTimeoutSeconds;
  private final int maxRows;

  private IncidentQlConfig(Builder b) {
    this.apiKey = b.apiKey;
    this.baseUrl = b.baseUrl;
    this.demo = b.demo;
    this.properties = Map.copyOf(b.properties);
    this.clock = b.clock;
    this.queryTimeoutSeconds = b.queryTimeoutSeconds;
    this.maxRows = b.maxRows;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The driver URL these settings connect to. */
  String jdbcUrl() {
    return IncidentIoDriver.PREFIX;
  }

  /** The driver properties these settings amount to; they hold the key, so never print them. */
  Properties jdbcProperties() {
    Properties p = new Properties();
    p.putAll(properties);
    if (apiKey != null) {
      p.setProperty("apiKey", apiKey);
    }
    if (baseUrl != null) {
      p.setProperty("baseUrl", baseUrl);
    }
    if (demo) {
      p.setProperty("demo", "true");
    }
    return p;
  }

  Clock clock() {
    return clock;
  }

  int queryTimeoutSeconds() {
    return queryTimeoutSeconds;
  }

  int maxRows() {
    return maxRows;
  }

  @Override
  public String toString() {
    return "IncidentQlConfig{baseUrl=" + (baseUrl == null ? "default" : baseUrl) + ", demo=" + demo
        + ", apiKey=" + (apiKey == null ? "none" : "***") + ", properties=" + properties.keySet() + "}";
  }

  /** Builder of {@link IncidentQlConfig}; not thread-safe. */
  public static final class Builder {
    private String apiKey;
    private String baseUrl;
    private boolean demo;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private int queryTimeoutSeconds;
    private int maxRows;

    private Builder() {}

    /** The incident.io API key; without it the driver reads {@code INCIDENT_IO_API_KEY}. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** The API's base URL; {@code https://api.incident.io} unless set. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** Whether to query generated demo data served in-process, needing no key. */
    public Builder demo(boolean demo) {
      this.demo = demo;
      return this;
    }

    /** Any other property of the JDBC driver, such as a timeout. */
    public Builder property(String name, String value) {
      properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The clock that {@code now()} reads, once per query execution; UTC system time unless set.
     * Tests set a fixed clock to make relative times repeatable.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The longest each query may take, planning and every page included, as JDBC's {@code
     * Statement.setQueryTimeout}: in whole seconds, a fraction rounded up; zero (the default)
     * means none. A query that runs out fails with SQLState {@code HYT00}.
     */
    public Builder queryTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("queryTimeout must not be negative, not " + timeout);
      }
      long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
      if (seconds > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("queryTimeout is too long: " + timeout);
      }
      this.queryTimeoutSeconds = (int) seconds;
      return this;
    }

    /**
     * The most rows each query returns, as JDBC's {@code Statement.setMaxRows}: pages past them
     * are never requested; zero (the default) means no cap.
     */
    public Builder maxRows(int maxRows) {
      if (maxRows < 0) {
        throw new IllegalArgumentException("maxRows must be 0 (no cap) or more, not " + maxRows);
      }
      this.maxRows = maxRows;
      return this;
    }

    public IncidentQlConfig build() {
      return new IncidentQlConfig(this);
    }

    @Override
    public String toString() {
      return build().toString();
    }
  }
}
