package io.incidentql.simulator;

import io.incidentql.simulator.data.DataGenerator;
import io.incidentql.simulator.data.Tables;
import io.incidentql.simulator.http.ApiDispatcher;
import io.incidentql.simulator.http.NoDelayServerSocketFactory;
import io.incidentql.simulator.http.RateLimiter;
import io.incidentql.simulator.http.RateLimits;
import io.incidentql.simulator.http.RuntimeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;

/**
 * Local stand-in for api.incident.io: the five documented endpoints, the lookup endpoints
 * (severities, statuses, types, roles, timestamps, custom fields and their options, users, alert
 * sources and attributes) and incidents by id, over generated data, bound to 127.0.0.1, with a
 * request log, injectable faults and runtime switches.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
 *   String url = sim.baseUrl() + "/v2/alerts?page_size=50";  // Authorization: Bearer demo-key
 *   ...
 *   assertEquals(List.of("GET /v2/alerts?page_size=50"), sim.requestLog().lines());
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {
  private final SimulatorConfig config;
  private final Dataset dataset;
  private final RequestLog requestLog;
  private final FaultPlan faults;
  private final RuntimeSettings settings;
  private final RateLimits rateLimits;
  private final MockWebServer server;

  private Simulator(SimulatorConfig config, Tables tables) {
    this.config = config;
    this.dataset = new Dataset(tables);
    this.requestLog = new RequestLog(config.requestLogCapacity());
    this.faults = new FaultPlan();
    this.settings = new RuntimeSettings(config.latency(), config.trailingCursorOnFullPage());
    Map<String, RateLimiter> paths = new LinkedHashMap<>();
    config.endpointLimits().forEach((path, limit) ->
        paths.put(path, new RateLimiter(limit.limit(), limit.window(), config.clock())));
    this.rateLimits = new RateLimits(
        new RateLimiter(config.rateLimit(), config.rateLimitWindow(), config.clock()), paths);
    ApiDispatcher dispatcher = new ApiDispatcher(tables, config.apiKeys(), config.missingScopes(),
        rateLimits, settings, faults::take, this::record, config.clock());
    this.server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(dispatcher);
    dispatcher.attach(server);
  }

  private void record(String method, String path, List<Map.Entry<String, String>> params,
      int status) {
    requestLog.record(new LoggedRequest(method, path, toParams(params), status));
  }

  /** Generates the data and starts serving it; fails if the port cannot be bound. */
  public static Simulator start(SimulatorConfig config) {
    Tables tables = DataGenerator.generate(config.seed(), config.alerts(), config.incidents(),
        config.incidentAlerts(), config.incidentUpdates(), config.lastDay());
    Simulator sim = new Simulator(config, tables);
    try {
      sim.server.start(InetAddress.getByName("127.0.0.1"), config.port());
    } catch (IOException e) {
      sim.close();
      throw new UncheckedIOException("cannot start the simulator on port " + config.port(), e);
    }
    return sim;
  }

  /** Starts with {@link SimulatorConfig#defaults()}. */
  public static Simulator start() {
    return start(SimulatorConfig.defaults());
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  public SimulatorConfig config() {
    return config;
  }

  public Dataset dataset() {
    return dataset;
  }

  public RequestLog requestLog() {
    return requestLog;
  }

  public FaultPlan faults() {
    return faults;
  }

  /** Delays every response by {@code latency} from now on. */
  public void setLatency(Duration latency) {
    settings.setLatency(latency);
  }

  public Duration latency() {
    return settings.latency();
  }

  /** See {@link SimulatorConfig.Builder#trailingCursorOnFullPage(boolean)}. */
  public void setTrailingCursorOnFullPage(boolean value) {
    settings.setTrailingCursorOnFullPage(value);
  }

  /**
   * Makes {@code filter_mode=any} OR the scope filters of {@code /v2/incidents} ({@code mode},
   * given or defaulted) with the other filters, instead of applying them with AND: the other
   * reading of an undocumented behaviour of the live API (LIVE-API-NOTES.md, Incidents 8). Off
   * by default.
   */
  public void setScopesJoinAnyFilter(boolean value) {
    settings.setScopesJoinAnyFilter(value);
  }

  /**
   * Serves at most {@code perPage} incidents a page from now on, whatever page size is asked
   * for, as the live API serves a request for 500 with 250 (the default); so that clients can be
   * shown not to rely on the page size they ask for.
   */
  public void setIncidentsPerPage(int perPage) {
    if (perPage < 1 || perPage > 250) {
      throw new IllegalArgumentException("incidents per page must be 1 to 250: " + perPage);
    }
    setServedPageSize("/v2/incidents", perPage);
  }

  /**
   * Serves at most {@code perPage} objects a page on the paged endpoint at {@code path} (such as
   * {@code /v2/users} or {@code /v1/custom_field_options}) from now on, whatever page size is
   * asked for, and says so in {@code pagination_meta.page_size}, as the live API does with
   * incidents (see {@link #setIncidentsPerPage}); so that a client can be shown to page with
   * {@code after} until it is absent on an endpoint whose objects would fit in one page. A path
   * that does not page is unaffected.
   */
  public void setServedPageSize(String path, int perPage) {
    settings.setServedPageSize(path, perPage);
  }

  /**
   * Sets a new budget per key and window; every key starts afresh, on every path. Paths with a
   * budget of their own keep it.
   */
  public void setRateLimit(int limit, Duration window) {
    rateLimits.reconfigure(limit, window);
  }

  /** Gives every key its full budget again, on every path. */
  public void resetRateLimits() {
    rateLimits.reset();
  }

  /** Stops serving; open connections are closed. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "Simulator{" + (server.getStarted() ? baseUrl() : "not started") + ", " + config + "}";
  }

  private static List<LoggedRequest.Param> toParams(List<Map.Entry<String, String>> entries) {
    List<LoggedRequest.Param> out = new ArrayList<>(entries.size());
    for (Map.Entry<String, String> e : entries) {
      out.add(new LoggedRequest.Param(e.getKey(), e.getValue()));
    }
    return out;
  }
}
