package io.incidentql.simulator;

import io.incidentql.simulator.data.DataGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of a {@link Simulator}: data seed and scale, accepted API keys, rate limit,
 * latency, port and pagination quirks.
 *
 * <p>Defaults: seed 1; 2,000 alerts, 1,000 incidents, 1,500 incident alerts, 4,000 incident
 * updates; the key {@value #DEMO_API_KEY}, and {@value #DEMO_KEY_WITHOUT_INCIDENTS_SCOPE}, which
 * lacks the {@code incidents.view} scope; 1,200 requests per 60 seconds per key (the API's
 * documented limit) and, as the live API, 60 per 60 seconds on {@code /v2/incidents}; no
 * latency; a random free port; {@code pagination_meta.after} only when more rows follow; a
 * request log of the last 100,000 requests.
 */
public final class SimulatorConfig {
  /** The key the simulator accepts unless told otherwise; it grants nothing anywhere else. */
  public static final String DEMO_API_KEY = "demo-key";

  /**
   * A key accepted alongside {@link #DEMO_API_KEY} that lacks the {@code incidents.view} scope,
   * so that {@code /v2/incidents} and {@code /v2/incident_updates} answer it with a 403.
   */
  public static final String DEMO_KEY_WITHOUT_INCIDENTS_SCOPE = "demo-key-without-incidents-view";

  /** The live API's own budget on {@code GET /v2/incidents}: 60 requests a minute. */
  public static final EndpointLimit LIVE_INCIDENTS_LIMIT =
      new EndpointLimit(60, Duration.ofSeconds(60));

  /**
   * A budget of one endpoint path, spent on top of the key's own budget.
   *
   * @param limit requests allowed in each window
   * @param window the window's length
   */
  public record EndpointLimit(int limit, Duration window) {
    public EndpointLimit {
      if (limit < 1) {
        throw new IllegalArgumentException("rate limit must be at least 1: " + limit);
      }
      Objects.requireNonNull(window, "window");
      if (window.toMillis() < 1) {
        throw new IllegalArgumentException("rate limit window must be at least 1 ms: " + window);
      }
    }
  }

  private final long seed;
  private final LocalDate lastDay;
  private final int alerts;
  private final int incidents;
  private final int incidentAlerts;
  private final int incidentUpdates;
  private final Map<String, String> apiKeys;
  private final Map<String, String> missingScopes;
  private final Map<String, EndpointLimit> endpointLimits;
  private final int rateLimit;
  private final Duration rateLimitWindow;
  private final Duration latency;
  private final int port;
  private final boolean trailingCursorOnFullPage;
  private final int requestLogCapacity;
  private final Clock clock;

  private SimulatorConfig(Builder b) {
    this.seed = b.seed;
    this.lastDay = b.lastDay;
    this.alerts = b.alerts;
    this.incidents = b.incidents;
    this.incidentAlerts = b.incidentAlerts;
    this.incidentUpdates = b.incidentUpdates;
    Map<String, String> keys = new LinkedHashMap<>(b.apiKeys);
    Map<String, String> scopes = new LinkedHashMap<>(b.missingScopes);
    if (keys.isEmpty()) {
      keys.put(DEMO_API_KEY, "demo");
      keys.put(DEMO_KEY_WITHOUT_INCIDENTS_SCOPE, "demo-without-incidents-view");
      scopes.put(DEMO_KEY_WITHOUT_INCIDENTS_SCOPE, "incidents.view");
    }
    this.apiKeys = Collections.unmodifiableMap(keys);
    this.missingScopes = Collections.unmodifiableMap(scopes);
    this.endpointLimits = Collections.unmodifiableMap(new LinkedHashMap<>(b.endpointLimits));
    this.rateLimit = b.rateLimit;
    this.rateLimitWindow = b.rateLimitWindow;
    this.latency = b.latency;
    this.port = b.port;
    this.trailingCursorOnFullPage = b.trailingCursorOnFullPage;
    this.requestLogCapacity = b.requestLogCapacity;
    this.clock = b.clock;
  }

  /** The default settings. */
  public static SimulatorConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.lastDay = lastDay;
    b.alerts = alerts;
    b.incidents = incidents;
    b.incidentAlerts = incidentAlerts;
    b.incidentUpdates = incidentUpdates;
    b.apiKeys.putAll(apiKeys);
    b.missingScopes.putAll(missingScopes);
    b.endpointLimits.clear();
    b.endpointLimits.putAll(endpointLimits);
    b.rateLimit = rateLimit;
    b.rateLimitWindow = rateLimitWindow;
    b.latency = latency;
    b.port = port;
    b.trailingCursorOnFullPage = trailingCursorOnFullPage;
    b.requestLogCapacity = requestLogCapacity;
    b.clock = clock;
    return b;
  }

  public long seed() {
    return seed;
  }

  /** The last day (UTC) on which generated rows are created. */
  public LocalDate lastDay() {
    return lastDay;
  }

  public int alerts() {
    return alerts;
  }

  public int incidents() {
    return incidents;
  }

  public int incidentAlerts() {
    return incidentAlerts;
  }

  public int incidentUpdates() {
    return incidentUpdates;
  }

  /** Accepted keys, each mapped to the name a 429 body shows (never the key itself). */
  public Map<String, String> apiKeys() {
    return apiKeys;
  }

  /** Accepted keys that lack a scope, each mapped to the scope's name. */
  public Map<String, String> missingScopes() {
    return missingScopes;
  }

  /** Budgets of single endpoint paths ({@code /v2/incidents}), on top of the key's budget. */
  public Map<String, EndpointLimit> endpointLimits() {
    return endpointLimits;
  }

  public int rateLimit() {
    return rateLimit;
  }

  public Duration rateLimitWindow() {
    return rateLimitWindow;
  }

  public Duration latency() {
    return latency;
  }

  /** The port to bind on 127.0.0.1; 0 picks a free one. */
  public int port() {
    return port;
  }

  public boolean trailingCursorOnFullPage() {
    return trailingCursorOnFullPage;
  }

  public int requestLogCapacity() {
    return requestLogCapacity;
  }

  /** The clock rate-limit windows and {@code retry_after} are measured with. */
  public Clock clock() {
    return clock;
  }

  /** Describes the settings; keys are shown by name only. */
  @Override
  public String toString() {
    return "SimulatorConfig{seed=" + seed + ", alerts=" + alerts + ", incidents=" + incidents
        + ", incidentAlerts=" + incidentAlerts + ", incidentUpdates=" + incidentUpdates
        + ", apiKeys=" + apiKeys.values() + ", rateLimit=" + rateLimit + "/" + rateLimitWindow
        + ", endpointLimits=" + endpointLimits
        + ", latency=" + latency + ", port=" + port
        + ", trailingCursorOnFullPage=" + trailingCursorOnFullPage + "}";
  }

  /** Builder of {@link SimulatorConfig}; every setter checks its argument at once. */
  public static final class Builder {
    private long seed = 1;
    private LocalDate lastDay = DataGenerator.DEFAULT_LAST_DAY;
    private int alerts = 2_000;
    private int incidents = 1_000;
    private int incidentAlerts = 1_500;
    private int incidentUpdates = 4_000;
    private final Map<String, String> apiKeys = new LinkedHashMap<>();
    private final Map<String, String> missingScopes = new LinkedHashMap<>();
    private final Map<String, EndpointLimit> endpointLimits =
        new LinkedHashMap<>(Map.of("/v2/incidents", LIVE_INCIDENTS_LIMIT));
    private int rateLimit = 1_200;
    private Duration rateLimitWindow = Duration.ofSeconds(60);
    private Duration latency = Duration.ZERO;
    private int port = 0;
    private boolean trailingCursorOnFullPage = false;
    private int requestLogCapacity = 100_000;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The last day (UTC) on which rows are created: the two years of data end there. The same
     * seed gives the same rows on any day, moved by whole days. Tests keep the default; the demo
     * ends yesterday, so that "last week" has activity.
     */
    public Builder lastDay(LocalDate lastDay) {
      this.lastDay = Objects.requireNonNull(lastDay, "lastDay");
      return this;
    }

    public Builder alerts(int count) {
      this.alerts = count(count);
      return this;
    }

    public Builder incidents(int count) {
      this.incidents = count(count);
      return this;
    }

    public Builder incidentAlerts(int count) {
      this.incidentAlerts = count(count);
      return this;
    }

    public Builder incidentUpdates(int count) {
      this.incidentUpdates = count(count);
      return this;
    }

    /** Sets every row count at once. */
    public Builder scale(int alerts, int incidents, int incidentAlerts, int incidentUpdates) {
      return alerts(alerts).incidents(incidents).incidentAlerts(incidentAlerts)
          .incidentUpdates(incidentUpdates);
    }

    /**
     * Accepts {@code key}, shown as {@code name} in 429 bodies. Once any key is added the demo
     * key is no longer accepted unless added too.
     */
    public Builder apiKey(String key, String name) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(name, "name");
      if (key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("an API key must be non-empty without spaces");
      }
      apiKeys.put(key, name);
      return this;
    }

    /**
     * Accepts {@code key}, shown as {@code name}, as a key created without {@code scope} (such
     * as {@code incidents.view} or {@code alerts.view}): every endpoint that needs the scope
     * answers it with a 403 naming the scope.
     */
    public Builder apiKeyLacking(String key, String name, String scope) {
      Objects.requireNonNull(scope, "scope");
      apiKey(key, name);
      missingScopes.put(key, scope);
      return this;
    }

    /** Accepts {@code key}, named {@code key-1}, {@code key-2}... in order of addition. */
    public Builder apiKey(String key) {
      return apiKey(key, "key-" + (apiKeys.size() + 1));
    }

    /** Allows {@code limit} requests per key in each {@code window}. */
    public Builder rateLimit(int limit, Duration window) {
      if (limit < 1) {
        throw new IllegalArgumentException("rate limit must be at least 1: " + limit);
      }
      Objects.requireNonNull(window, "window");
      if (window.toMillis() < 1) {
        throw new IllegalArgumentException("rate limit window must be at least 1 ms: " + window);
      }
      this.rateLimit = limit;
      this.rateLimitWindow = window;
      return this;
    }

    /**
     * Gives requests to {@code path} (such as {@code /v2/incidents}) a budget of their own per
     * key, spent on top of the key's budget, announced in {@code X-RateLimit-Limit}.
     */
    public Builder endpointRateLimit(String path, int limit, Duration window) {
      Objects.requireNonNull(path, "path");
      endpointLimits.put(path, new EndpointLimit(limit, window));
      return this;
    }

    /** Drops every endpoint's own budget, keeping the key's. */
    public Builder noEndpointRateLimits() {
      endpointLimits.clear();
      return this;
    }

    /** Sets a budget no test or benchmark will reach, for the key and for every endpoint. */
    public Builder unlimitedRate() {
      noEndpointRateLimits();
      return rateLimit(Integer.MAX_VALUE, Duration.ofSeconds(60));
    }

    public Builder latency(Duration latency) {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative: " + latency);
      }
      this.latency = latency;
      return this;
    }

    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * With {@code true}, {@code pagination_meta.after} is also given when a page is full but
     * nothing follows, so that paging ends with an empty page (some APIs behave so).
     */
    public Builder trailingCursorOnFullPage(boolean value) {
      this.trailingCursorOnFullPage = value;
      return this;
    }

    /** How many of the latest requests the request log keeps. */
    public Builder requestLogCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("request log capacity must be at least 1");
      }
      this.requestLogCapacity = capacity;
      return this;
    }

    /** The clock for rate-limit windows and {@code retry_after}; tests may pass a manual one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public SimulatorConfig build() {
      return new SimulatorConfig(this);
    }

    private static int count(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("row count must not be negative: " + count);
      }
      return count;
    }
  }
}
