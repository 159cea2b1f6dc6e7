package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of authentication, unknown paths and methods, and the documented error shape. */
class AuthenticationAndErrorsTest {
  private static Simulator sim;
  private static TestApi api;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder()
        .scale(50, 20, 10, 30)
        .apiKey("test-key-one", "first test key")
        .apiKey("test-key-two")
        .apiKeyLacking("test-key-no-alerts", "no alerts", "alerts.view")
        .build());
    api = new TestApi(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void answersAKeyWithoutTheNeededScopeWithA403NamingTheScope() {
    for (String path : new String[] {"/v2/alerts?page_size=1", "/v2/incident_alerts?page_size=1"}) {
      TestApi.Answer refused = api.get(path, "Bearer test-key-no-alerts");
      JsonNode error = assertError(refused, 403, "authorization_error");
      assertEquals("missing_scope", error.get("code").asText());
      assertTrue(error.get("message").asText().contains("'alerts.view' scope"),
          error.get("message").asText());
      assertTrue(refused.headers().firstValue("X-RateLimit-Limit").isPresent());
    }
    assertEquals(200, api.get("/v2/incidents", "Bearer test-key-no-alerts").status());
    assertEquals(200, api.get("/v2/incident_updates", "Bearer test-key-no-alerts").status());
  }

  @Test
  void acceptsTheDemoKeyWithoutTheIncidentsScopeByDefault() {
    try (Simulator demo = Simulator.start(SimulatorConfig.builder().scale(5, 5, 5, 5).build())) {
      TestApi demoApi = new TestApi(demo);
      String key = "Bearer " + SimulatorConfig.DEMO_KEY_WITHOUT_INCIDENTS_SCOPE;
      JsonNode error = assertError(demoApi.get("/v2/incidents", key), 403, "authorization_error");
      assertTrue(error.get("message").asText().contains("'incidents.view' scope"));
      assertError(demoApi.get("/v2/incident_updates", key), 403, "authorization_error");
      assertEquals(200, demoApi.get("/v2/alerts?page_size=1", key).status());
    }
  }

  @Test
  void bindsToTheLoopbackAddressOnly() {
    assertTrue(sim.baseUrl().startsWith("http://127.0.0.1:"));
    assertEquals("http://127.0.0.1:" + sim.port(), sim.baseUrl());
  }

  @Test
  void acceptsEveryConfiguredKey() {
    assertEquals(200, api.get("/v2/alerts?page_size=1", "Bearer test-key-one").status());
    assertEquals(200, api.get("/v2/alerts?page_size=1", "bearer test-key-two").status());
  }

  @Test
  void answersTheIdentityOfAKeyAndKeepsTheCheckOutOfTheRequestLog() {
    sim.requestLog().clear();
    TestApi.Answer ok = api.get("/v1/identity", "Bearer test-key-one");
    assertEquals(200, ok.status());
    JsonNode identity = ok.body().get("identity");
    assertEquals("first test key", identity.get("name").asText());
    assertEquals("viewer", identity.get("roles").get(0).asText());
    assertTrue(identity.get("dashboard_url").asText().startsWith("https://"));
    assertError(api.get("/v1/identity", "Bearer not-a-key"), 401, "authentication_error");
    assertEquals(List.of(), sim.requestLog().lines());
    assertEquals(List.of(200, 401),
        sim.requestLog().identityChecks().stream().map(LoggedRequest::status).toList());
  }

  @Test
  void noLongerAcceptsTheDemoKeyOnceOtherKeysAreConfigured() {
    JsonNode error = assertError(api.get("/v2/alerts?page_size=1", "Bearer demo-key"), 401,
        "authentication_error");
    assertEquals("invalid_authorization_material", error.get("code").asText());
  }

  @Test
  void answersMissingAuthorizationMaterialWithoutAHeader() {
    JsonNode error = assertError(api.get("/v2/alerts?page_size=1", null), 401,
        "authentication_error");
    assertEquals("missing_authorization_material", error.get("code").asText());
    assertEquals("No authorization material provided in request", error.get("message").asText());
    assertFalse(error.has("source"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic dGVzdDp0ZXN0", "Bearer", "Bearer    ", "test-key-one"})
  void answersMissingAuthorizationMaterialWithoutABearerToken(String header) {
    JsonNode error = assertError(api.get("/v2/incidents", header), 401, "authentication_error");
    assertEquals("missing_authorization_material", error.get("code").asText());
  }

  @Test
  void answersInvalidAuthorizationMaterialForAnUnknownKey() {
    JsonNode error = assertError(api.get("/v2/incidents", "Bearer not-a-key"), 401,
        "authentication_error");
    assertEquals("invalid_authorization_material", error.get("code").asText());
  }

  @Test
  void checksTheKeyBeforeTheQuery() {
    assertError(api.get("/v2/alerts?page_size=999", null), 401, "authentication_error");
    assertError(api.get("/v2/nothing-here", null), 401, "authentication_error");
  }

  @Test
  void givesEveryErrorAFreshRequestId() {
    String first = api.get("/v2/alerts", null).body().get("request_id").asText();
    String second = api.get("/v2/alerts", null).body().get("request_id").asText();
    assertNotEquals(first, second);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/v2", "/v2/", "/v1/incidents", "/v2/alerts/", "/v2/incidents/X",
      "/v2/alerts/X/Y", "/v2/incident_alerts/X"})
  void answersNotFoundForUnknownPaths(String path) {
    assertError(api.get(path, "Bearer test-key-one"), 404, "not_found");
  }

  @Test
  void servesGetOnly() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v2/alerts?page_size=1"))
            .header("Authorization", "Bearer test-key-one")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, response.statusCode());
    assertEquals("method_not_allowed", TestApi.JSON.readTree(response.body()).get("type").asText());
  }

  @Test
  void sendsJsonWithTheDocumentedValidationErrorShape() {
    TestApi.Answer a = api.get("/v2/alerts?page_size=0", "Bearer test-key-one");
    assertEquals("application/json", a.headers().firstValue("Content-Type").orElseThrow());
    JsonNode body = a.body();
    assertEquals(List.of("type", "status", "request_id", "errors"), fieldNames(body));
    assertEquals(List.of("code", "message", "source"), fieldNames(body.get("errors").get(0)));
    assertEquals("page_size", body.get("errors").get(0).get("source").get("field").asText());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void neverNamesTheKeyInDescriptions() {
    assertFalse(sim.config().toString().contains("test-key-one"));
    assertTrue(sim.config().toString().contains("first test key"));
    assertFalse(sim.toString().contains("test-key-two"));
  }
}
