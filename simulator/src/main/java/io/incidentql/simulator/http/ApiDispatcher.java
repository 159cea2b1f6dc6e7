package io.incidentql.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.data.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatcher that answers every request the way api.incident.io would: latency, then an
 * injected fault if one applies, else method check, authentication, rate limit, routing and
 * the endpoint; each request is then handed to the request recorder.
 *
 * <p>Injected faults that replace the response come before authentication and do not spend
 * rate-limit budget, as if the failure happened in front of the API. A bearer token is looked
 * up among the configured keys; a missing header, another scheme or an empty token is
 * {@code missing_authorization_material}, an unknown token {@code invalid_authorization_material}.
 * Every authenticated answer carries the {@code X-RateLimit-*} headers, and a 429 a
 * {@code Retry-After} in seconds (see {@link RateLimits}). A key that lacks the scope an endpoint
 * needs ({@code incidents.view} for incidents and their updates, {@code alerts.view} for alerts
 * and incident alerts, as the contract's {@code x-rbac-scopes} say) gets a 403 whose message
 * names the scope; the body's shape is the documented error shape, since no 403 body is shown.
 */
public final class ApiDispatcher extends Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
  // Emoji go out as raw UTF-8, as the real API writes them, not as escaped surrogate pairs.
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();
  private static final String JSON_TYPE = "application/json";
  /** {@code GET /v1/identity}: what a client asks to learn whether its key is accepted. */
  public static final String IDENTITY = "/v1/identity";
  private static final List<String> IDENTITY_PATH = List.of("v1", "identity");

  private final Map<String, String> apiKeys;
  private final Map<String, String> missingScopes;
  private final RateLimits rateLimits;
  private final RuntimeSettings settings;
  private final FaultSource faults;
  private final RequestRecorder recorder;
  private final Clock clock;
  private final AlertsEndpoint alerts;
  private final IncidentAlertsEndpoint incidentAlerts;
  private final IncidentsEndpoint incidents;
  private final IncidentUpdatesEndpoint incidentUpdates;
  private volatile MockWebServer server;

  /**
   * @param apiKeys accepted keys, each with the name a 429 body shows for it
   * @param missingScopes keys that lack a scope, each with the scope's name
   */
  public ApiDispatcher(Tables tables, Map<String, String> apiKeys,
      Map<String, String> missingScopes, RateLimits rateLimits, RuntimeSettings settings,
      FaultSource faults, RequestRecorder recorder, Clock clock) {
    this.apiKeys = Map.copyOf(apiKeys);
    this.missingScopes = Map.copyOf(missingScopes);
    this.rateLimits = rateLimits;
    this.settings = settings;
    this.faults = faults;
    this.recorder = recorder;
    this.clock = clock;
    this.alerts = new AlertsEndpoint(tables, settings);
    this.incidentAlerts = new IncidentAlertsEndpoint(tables, settings);
    this.incidents = new IncidentsEndpoint(tables, settings);
    this.incidentUpdates = new IncidentUpdatesEndpoint(tables, settings);
  }

  /**
   * Lets the dispatcher drain the server's own queue of recorded requests, which would otherwise
   * grow by one entry per request for the server's lifetime.
   */
  public void attach(MockWebServer server) {
    this.server = server;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    try {
      return answer(request);
    } finally {
      MockWebServer attached = server;
      if (attached != null) {
        attached.takeRequest(0, TimeUnit.NANOSECONDS);
      }
    }
  }

  private MockResponse answer(RecordedRequest request) throws InterruptedException {
    HttpUrl url = request.getUrl();
    String method = request.getMethod();
    String path = url.encodedPath();
    QueryParams params = QueryParams.of(url);
    Duration latency = settings.latency();
    if (!latency.isZero()) {
      Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
    }
    String cursor = params.first("after");
    Fault fault = faults.take(path, cursor != null && !cursor.isEmpty());
    MockResponse response;
    int status;
    if (fault != null && fault.replacesResponse()) {
      response = replacement(fault, request);
      status = fault.kind() == Fault.Kind.DISCONNECT ? 0 : response.getCode();
    } else {
      ApiResponse answer = handle(method, url, params, request.getHeaders().get("Authorization"));
      if (fault != null && fault.kind() == Fault.Kind.REPEAT_CURSOR && answer.status() == 200
          && answer.body().has("pagination_meta")) {
        ((ObjectNode) answer.body().get("pagination_meta")).put("after", cursor);
      }
      response = render(answer, fault);
      status = answer.status();
    }
    recorder.record(method, path, params.entries(), status);
    return response;
  }

  private ApiResponse handle(String method, HttpUrl url, QueryParams params, String authorization) {
    try {
      if (!method.equals("GET")) {
        throw ApiError.methodNotAllowed(method);
      }
      String key = authenticate(authorization);
      RateLimits.Outcome limit = rateLimits.acquire(key, url.encodedPath());
      if (!limit.allowed()) {
        RateLimiter.Decision d = limit.binding();
        return new ApiResponse(429, ErrorBodies.tooManyRequests(apiKeys.get(key), d.limit(),
            d.remaining(), d.retryAtMillis()), limit.headers())
            .withHeaders(Map.of("Retry-After",
                RateLimits.retryAfterSeconds(d, clock.millis())));
      }
      try {
        if (url.pathSegments().equals(IDENTITY_PATH)) {
          return identity(key).withHeaders(limit.headers());
        }
        checkScope(key, url.pathSegments());
        return route(url.pathSegments(), params).withHeaders(limit.headers());
      } catch (ApiError e) {
        return new ApiResponse(e.status(), ErrorBodies.of(e), limit.headers());
      }
    } catch (ApiError e) {
      return new ApiResponse(e.status(), ErrorBodies.of(e));
    } catch (RuntimeException e) {
      LOG.error("Simulator failed on {} {}", method, url.encodedPath(), e);
      return new ApiResponse(500, ErrorBodies.forStatus(500));
    }
  }

  /**
   * The identity of an accepted key, in the shape of the API's Utilities V1 "Identity" answer:
   * the key's name, its roles and the organisation's dashboard.
   */
  private ApiResponse identity(String key) {
    ObjectNode identity = MAPPER.createObjectNode();
    identity.put("name", apiKeys.get(key));
    identity.putArray("roles").add("viewer");
    identity.put("dashboard_url", "https://app.incident.io/simulator");
    ObjectNode body = MAPPER.createObjectNode();
    body.set("identity", identity);
    return new ApiResponse(200, body);
  }

  private String authenticate(String header) {
    String token = null;
    if (header != null) {
      String trimmed = header.trim();
      if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = trimmed.substring(7).trim();
      }
    }
    if (token == null || token.isEmpty()) {
      throw ApiError.unauthenticated("missing_authorization_material",
          "No authorization material provided in request");
    }
    if (!apiKeys.containsKey(token)) {
      throw ApiError.unauthenticated("invalid_authorization_material",
          "The API key provided is not valid");
    }
    return token;
  }

  private void checkScope(String key, List<String> segments) {
    String missing = missingScopes.get(key);
    if (missing == null || segments.size() < 2) {
      return;
    }
    String needed = segments.get(1).equals("incidents") || segments.get(1).equals("incident_updates")
        ? "incidents.view" : "alerts.view";
    if (needed.equals(missing)) {
      throw ApiError.forbidden("missing_scope", "This API key does not have the '" + missing
          + "' scope, which /" + String.join("/", segments) + " requires. Create a key with"
          + " that scope in Settings → API keys.");
    }
  }

  private ApiResponse route(List<String> segments, QueryParams params) {
    if (segments.size() == 2 && segments.get(0).equals("v2")) {
      switch (segments.get(1)) {
        case "alerts":
          return alerts.list(params);
        case "incidents":
          return incidents.list(params);
        case "incident_alerts":
          return incidentAlerts.list(params);
        case "incident_updates":
          return incidentUpdates.list(params);
        default:
          break;
      }
    }
    if (segments.size() == 3 && segments.get(0).equals("v2") && segments.get(1).equals("alerts")
        && !segments.get(2).isEmpty()) {
      return alerts.show(segments.get(2), params);
    }
    throw ApiError.notFound("No such endpoint: /" + String.join("/", segments));
  }

  private MockResponse replacement(Fault fault, RecordedRequest request) {
    switch (fault.kind()) {
      case STATUS:
        return json(fault.status(), ErrorBodies.forStatus(fault.status()));
      case TOO_MANY_REQUESTS: {
        String key = keyNameOf(request.getHeaders().get("Authorization"));
        long retryAt = clock.millis() + fault.duration().toMillis();
        return new MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", JSON_TYPE)
            .setHeader("Retry-After",
                Long.toString(Math.max(1, Math.floorDiv(fault.duration().toMillis() + 999, 1000))))
            .body(new Buffer().write(
                bytes(ErrorBodies.tooManyRequests(key, rateLimits.keyLimit(), 0, retryAt))))
            .build();
      }
      case HTML_PAGE:
        return new MockResponse.Builder()
            .code(fault.status())
            .setHeader("Content-Type", "text/html; charset=utf-8")
            .body(ErrorBodies.htmlPage(fault.status()))
            .build();
      case DISCONNECT:
        return new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
      default:
        throw new IllegalStateException(fault.kind().name());
    }
  }

  private String keyNameOf(String header) {
    try {
      return apiKeys.get(authenticate(header));
    } catch (ApiError e) {
      return "unknown";
    }
  }

  private static MockResponse json(int status, ObjectNode body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", JSON_TYPE)
        .body(new Buffer().write(bytes(body)))
        .build();
  }

  private static MockResponse render(ApiResponse answer, Fault fault) {
    byte[] body = bytes(answer.body());
    MockResponse.Builder builder = new MockResponse.Builder()
        .code(answer.status())
        .setHeader("Content-Type", JSON_TYPE);
    answer.headers().forEach(builder::setHeader);
    if (fault == null) {
      return builder.body(new Buffer().write(body)).build();
    }
    switch (fault.kind()) {
      case TRUNCATED_BODY:
        return builder.body(new Buffer().write(Arrays.copyOf(body, body.length / 2))).build();
      case STALL_BODY:
        return builder.body(new Buffer().write(body))
            .bodyDelay(fault.duration().toMillis(), TimeUnit.MILLISECONDS)
            .build();
      case DISCONNECT_MID_BODY:
        return builder.body(new Buffer().write(body))
            .onResponseBody(new SocketEffect.CloseSocket())
            .build();
      default:
        return builder.body(new Buffer().write(body)).build();
    }
  }

  private static byte[] bytes(ObjectNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
