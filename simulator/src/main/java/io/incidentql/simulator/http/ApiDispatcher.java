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
  private final RateLimiter rateLimiter;
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
   */
  public ApiDispatcher(Tables tables, Map<String, String> apiKeys, RateLimiter rateLimiter,
      RuntimeSettings settings, FaultSource faults, RequestRecorder recorder, Clock clock) {
    this.apiKeys = Map.copyOf(apiKeys);
    this.rateLimiter = rateLimiter;
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
      RateLimiter.Decision decision = rateLimiter.acquire(key);
      if (!decision.allowed()) {
        return new ApiResponse(429, ErrorBodies.tooManyRequests(apiKeys.get(key),
            decision.limit(), decision.remaining(), decision.retryAtMillis()));
      }
      if (url.pathSegments().equals(IDENTITY_PATH)) {
        return identity(key);
      }
      return route(url.pathSegments(), params);
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
        return json(429, ErrorBodies.tooManyRequests(key, rateLimiter.limit(), 0, retryAt));
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
