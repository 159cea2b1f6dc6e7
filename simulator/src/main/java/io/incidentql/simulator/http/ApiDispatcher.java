package io.incidentql.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.data.Catalog;
import io.incidentql.simulator.data.Tables;
import io.incidentql.simulator.data.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
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
 * needs gets a 403 whose message names the scope; the body's shape is the documented error shape,
 * since no 403 body is shown.
 *
 * <p>Every endpoint is one entry of the route table: its path, the scope the contract's
 * {@code x-rbac-scopes} give it, its list handler and, where the contract has one, its
 * show-by-id handler ({@code <path>/{id}}). {@code /v2/incident_timestamps} has no
 * {@code x-rbac-scopes} in the contract, so any accepted key may read it.
 *
 * <p>It is over 400 lines because the order of its steps (latency, faults, authentication, rate limit,
 * route) is the behaviour it reproduces, kept in one place to be read in order.
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
  private final Map<String, Route> routes;
  private volatile MockWebServer server;

  /**
   * One endpoint: the scope a key needs (null: none), its list handler, and its show-by-id
   * handler or null.
   */
  private record Route(String scope, Function<QueryParams, ApiResponse> list,
      BiFunction<String, QueryParams, ApiResponse> show) {
    static <T> Route whole(String scope, Resource<T> resource) {
      return new Route(scope, resource::listAll, resource::show);
    }
  }

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
    this.routes = routes(tables, settings, clock);
  }

  private static Map<String, Route> routes(Tables tables, RuntimeSettings settings,
      Clock clock) {
    Catalog c = tables.catalog();
    AlertsEndpoint alerts = new AlertsEndpoint(tables, settings);
    IncidentsEndpoint incidents = new IncidentsEndpoint(tables, settings);
    UsersEndpoint users = new UsersEndpoint(new Resource<>("users", "user", "user", c.users(),
        Catalog.User::id, Catalog.User::toJsonWithRoles), settings);
    CustomFieldOptionsEndpoint options = new CustomFieldOptionsEndpoint(c,
        new Resource<>("custom_field_options", "custom_field_option", "custom field option",
            c.customFieldOptions(), Catalog.CustomFieldOption::id,
            Catalog.CustomFieldOption::toJson),
        settings);
    Map<String, Route> out = new HashMap<>();
    out.put(AlertsEndpoint.PATH, new Route("alerts.view", alerts::list, alerts::show));
    out.put(IncidentAlertsEndpoint.PATH,
        new Route("alerts.view", new IncidentAlertsEndpoint(tables, settings)::list, null));
    out.put(IncidentsEndpoint.PATH, new Route("incidents.view", incidents::list, incidents::show));
    out.put(IncidentUpdatesEndpoint.PATH,
        new Route("incidents.view", new IncidentUpdatesEndpoint(tables, settings)::list, null));
    out.put("/v1/severities", Route.whole("severities.view", new Resource<>("severities",
        "severity", "severity", c.severities(), Catalog.Severity::id, Catalog.Severity::toJson)));
    out.put("/v1/incident_statuses", Route.whole("incident_statuses.view",
        new Resource<>("incident_statuses", "incident_status", "incident status", c.statuses(),
            Catalog.IncidentStatus::id, Catalog.IncidentStatus::toJson)));
    out.put("/v1/incident_types", Route.whole("incident_types.view",
        new Resource<>("incident_types", "incident_type", "incident type", c.incidentTypes(),
            Catalog.IncidentType::id, Catalog.IncidentType::toJson)));
    out.put("/v2/incident_roles", Route.whole("incident_roles.view",
        new Resource<>("incident_roles", "incident_role", "incident role", c.roles(),
            Catalog.IncidentRole::id, Catalog.IncidentRole::toDefinitionJson)));
    out.put("/v2/incident_timestamps", Route.whole(null,
        new Resource<>("incident_timestamps", "incident_timestamp", "incident timestamp",
            c.timestamps(), Catalog.TimestampDef::id, Catalog.TimestampDef::toJson)));
    out.put("/v2/custom_fields", Route.whole("custom_fields.view",
        new Resource<>("custom_fields", "custom_field", "custom field", c.customFields(),
            Catalog.CustomField::id, Catalog.CustomField::toDefinitionJson)));
    out.put(CustomFieldOptionsEndpoint.PATH,
        new Route("custom_fields.view", options::list, options::show));
    out.put(UsersEndpoint.PATH, new Route("users.view", users::list, users::show));
    out.put("/v2/alert_sources", Route.whole("alert_sources.view",
        new Resource<>("alert_sources", "alert_source", "alert source", c.alertSources(),
            Catalog.AlertSource::id, Catalog.AlertSource::toJson)));
    out.put("/v2/alert_attributes", Route.whole("alert_schema.view",
        new Resource<>("alert_attributes", "alert_attribute", "alert attribute", c.attributes(),
            Catalog.AttributeDef::id, Catalog.AttributeDef::toJson)));
    Workspace w = tables.workspace();
    BiPredicate<ObjectNode, String> incidentMode = (n, mode) -> {
      int at = tables.incidentPosition(n.get("incident_id").asText());
      String of = at < 0 ? null : tables.incidents().get(at).mode();
      return mode == null ? DEFAULT_MODES.contains(of) : mode.equals(of);
    };
    for (ObjectsEndpoint e : List.of(
        ObjectsEndpoint.builder("/v2/follow_ups", "follow_ups", w.followUps(), settings)
            .equalsParam("incident_id", "incident_id")
            .param("incident_mode", checkedMode(incidentMode))
            .equalsParam("assignee_team_id", "assignee_team.id").build(),
        ObjectsEndpoint.builder("/v2/actions", "actions", w.actions(), settings)
            .equalsParam("incident_id", "incident_id")
            .param("incident_mode", checkedMode(incidentMode)).build(),
        ObjectsEndpoint.builder("/v2/escalations", "escalations", w.escalations(), settings)
            .pages(50, false)
            .list("escalation_path", n -> optional(ObjectsEndpoint.text(n, "escalation_path_id")))
            .list("status", n -> List.of(n.get("status").asText()))
            .list("alert", n -> ObjectsEndpoint.ids(n, "related_alerts"))
            .list("incident", n -> ObjectsEndpoint.ids(n, "related_incidents"))
            .dates("created_at", true)
            .dates("updated_at", true)
            .neverMatches("idempotency_key").build(),
        ObjectsEndpoint.builder("/v2/escalation_paths", "escalation_paths", w.escalationPaths(),
            settings).pages(25, false).build(),
        ObjectsEndpoint.builder("/v2/schedules", "schedules", w.schedules(), settings)
            .pages(10_000, false).build(),
        ObjectsEndpoint.builder("/v3/catalog_types", "catalog_types", w.catalogTypes(), settings)
            .build(),
        ObjectsEndpoint.builder("/v3/catalog_entries", "catalog_entries", w.catalogEntries(),
            settings).pages(250, true)
            .required("catalog_type_id", "catalog_type_id")
            .param("identifier", (n, v) -> v == null || identifies(n, v)).build(),
        ObjectsEndpoint.builder("/v3/teams", "teams", w.teams(), settings).pages(250, false)
            .build(),
        ObjectsEndpoint.builder("/v2/workflows", "workflows", w.workflows(), settings).build(),
        ObjectsEndpoint.builder("/v1/incident_attachments", "incident_attachments",
            w.attachments(), settings)
            .equalsParam("incident_id", "incident_id")
            .equalsParam("external_id", "resource.external_id")
            .equalsParam("resource_type", "resource.resource_type").build(),
        ObjectsEndpoint.builder("/v2/workflow_runs", "workflow_runs", w.workflowRuns(), settings)
            .pages(50, false)
            .equalsParam("workflow_id", "workflow_id")
            .equalsParam("incident_id", "incident_id")
            .dates("created_at", false).build())) {
      out.put(e.path(), new Route(SCOPES.get(e.path()), e::list, null));
    }
    out.put(ScheduleEntriesEndpoint.PATH, new Route(SCOPES.get(ScheduleEntriesEndpoint.PATH),
        new ScheduleEntriesEndpoint(w, settings, clock)::list,
        null));
    return Map.copyOf(out);
  }

  /** The modes follow-ups and actions of which are listed without {@code incident_mode}. */
  private static final Set<String> DEFAULT_MODES = Set.of("standard", "retrospective");

  /** The {@code x-rbac-scopes} of the endpoints served from the {@link Workspace}. */
  private static final Map<String, String> SCOPES = Map.ofEntries(
      Map.entry("/v2/follow_ups", "actions.view"), Map.entry("/v2/actions", "actions.view"),
      Map.entry("/v2/escalations", "escalations.view"),
      Map.entry("/v2/escalation_paths", "escalation_paths.view"),
      Map.entry("/v2/schedules", "schedules.view"),
      Map.entry("/v2/schedule_entries", "schedules.view"),
      Map.entry("/v3/catalog_types", "catalog_types.view"),
      Map.entry("/v3/catalog_entries", "catalog_entries.view"),
      Map.entry("/v3/teams", "catalog_entries.view"),
      Map.entry("/v2/workflows", "workflows.view"),
      Map.entry("/v1/incident_attachments", "attachments.view"),
      Map.entry("/v2/workflow_runs", "workflows.view"));

  /** {@code incident_mode} takes one of the documented modes; another value is a 422. */
  private static BiPredicate<ObjectNode, String> checkedMode(BiPredicate<ObjectNode, String> test) {
    return (n, mode) -> {
      if (mode != null && !Set.of("standard", "retrospective", "test", "tutorial").contains(mode)) {
        throw ApiError.invalidValue("incident_mode", "incident_mode must be one of standard,"
            + " retrospective, test, tutorial, not '" + mode + "'");
      }
      return test.test(n, mode);
    };
  }

  private static List<String> optional(String value) {
    return value == null ? List.of() : List.of(value);
  }

  /** Whether a catalog entry has the identifier as its id, external id or an alias. */
  private static boolean identifies(ObjectNode entry, String identifier) {
    if (identifier.equals(entry.get("id").asText())
        || identifier.equals(ObjectsEndpoint.text(entry, "external_id"))) {
      return true;
    }
    for (com.fasterxml.jackson.databind.JsonNode alias : entry.get("aliases")) {
      if (alias.asText().equals(identifier)) {
        return true;
      }
    }
    return false;
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
        return route(key, url.pathSegments(), params).withHeaders(limit.headers());
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

  /**
   * Finds the endpoint of {@code /<version>/<name>} or {@code /<version>/<name>/<id>}, checks the
   * key's scope and answers; a path that is no endpoint is a 404 whatever the key's scopes.
   */
  private ApiResponse route(String key, List<String> segments, QueryParams params) {
    Route route = segments.size() == 2 || segments.size() == 3
        ? routes.get("/" + segments.get(0) + "/" + segments.get(1)) : null;
    boolean show = segments.size() == 3;
    if (route == null || (show && (route.show() == null || segments.get(2).isEmpty()))) {
      throw ApiError.notFound("No such endpoint: /" + String.join("/", segments));
    }
    String missing = missingScopes.get(key);
    if (missing != null && missing.equals(route.scope())) {
      throw ApiError.forbidden("missing_scope", "This API key does not have the '" + missing
          + "' scope, which /" + String.join("/", segments) + " requires. Create a key with"
          + " that scope in Settings → API keys.");
    }
    return show ? route.show().apply(segments.get(2), params) : route.list().apply(params);
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
