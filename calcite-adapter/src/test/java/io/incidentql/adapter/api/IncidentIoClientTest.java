package io.incidentql.adapter.api;

import static io.incidentql.adapter.api.TestApi.KEY;
import static io.incidentql.adapter.api.TestApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of the client against a local server: headers, URL encoding, single-object reads and
 * every kind of failure.
 */
class IncidentIoClientTest {
  private MockWebServer server;
  private IncidentIoClient client;

  @BeforeEach
  void start() {
    server = TestApi.startServer();
    // Retries have tests of their own; here each enqueued response is the answer.
    client = new IncidentIoClient(TestApi.config(server).maxRetries(0).build());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void sendsTheApiKeyAsABearerToken() throws Exception {
    server.enqueue(json(200, "{\"alerts\":[]}"));
    client.fetchPage(ApiRequest.of("/v2/alerts").with("page_size", "50"));
    RecordedRequest request = taken();
    assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
    assertEquals("application/json", request.getHeaders().get("Accept"));
    assertTrue(request.getHeaders().get("User-Agent").startsWith("IncidentQL/"));
    assertEquals("GET", request.getMethod());
  }

  @Test
  void sendsNoAuthorizationHeaderWithoutAKey() throws Exception {
    try (IncidentIoClient anonymous =
        new IncidentIoClient(TestApi.config(server).apiKey(null).build())) {
      server.enqueue(json(200, "{}"));
      anonymous.fetchPage(ApiRequest.of("/v2/alerts"));
      assertNull(taken().getHeaders().get("Authorization"));
    }
  }

  @Test
  void keepsATrickyValueAsOneParameter() throws Exception {
    server.enqueue(json(200, "{}"));
    client.fetchPage(
        ApiRequest.of("/v2/alerts")
            .with("status[one_of]", "firing&page_size=1")
            .with("deduplication_key[is]", "a+b c/d?e#f%g")
            .with("deduplication_key[is]", "Größe ✓"));
    RecordedRequest request = taken();
    assertEquals(
        "/v2/alerts?status%5Bone_of%5D=firing%26page_size%3D1"
            + "&deduplication_key%5Bis%5D=a%2Bb%20c%2Fd%3Fe%23f%25g"
            + "&deduplication_key%5Bis%5D=Gr%C3%B6%C3%9Fe%20%E2%9C%93",
        request.getTarget());
    assertEquals(List.of("firing&page_size=1"), request.getUrl().queryParameterValues("status[one_of]"));
    assertEquals(
        List.of("a+b c/d?e#f%g", "Größe ✓"),
        request.getUrl().queryParameterValues("deduplication_key[is]"));
    assertNull(request.getUrl().queryParameter("page_size"));
  }

  @Test
  void encodesEachPathSegment() throws Exception {
    server.enqueue(json(200, "{\"alert\":{\"id\":\"x\"}}"));
    client.get(ApiRequest.of("/v2/alerts/a b?c#d%e"), "alert");
    assertEquals("/v2/alerts/a%20b%3Fc%23d%25e", taken().getTarget());
  }

  @Test
  void keepsThePathOfTheBaseUrl() throws Exception {
    try (IncidentIoClient prefixed =
        new IncidentIoClient(
            ApiConfig.builder().baseUrl(server.url("/proxy/").toString()).apiKey(KEY).build())) {
      server.enqueue(json(200, "{}"));
      prefixed.fetchPage(ApiRequest.of("/v2/incidents").with("page_size", "1"));
      assertEquals("/proxy/v2/incidents?page_size=1", taken().getTarget());
    }
  }

  @Test
  void getReturnsTheObjectUnderTheField() {
    server.enqueue(json(200, "{\"alert\":{\"id\":\"01GW\",\"status\":\"firing\"}}"));
    JsonNode alert = client.get(ApiRequest.of("/v2/alerts/01GW"), "alert");
    assertEquals("firing", alert.get("status").asText());
  }

  @Test
  void getReturnsNullWhenTheApiAnswersNotFound() {
    server.enqueue(
        json(404, "{\"type\":\"not_found\",\"status\":404,\"request_id\":\"r-1\",\"errors\":[]}"));
    assertNull(client.get(ApiRequest.of("/v2/alerts/01NOPE"), "alert"));
  }

  @Test
  void getAnswersAnIdThatCannotNameAnObjectWithoutARequest() {
    assertNull(client.get(ApiRequest.of("/v2/alerts/"), "alert"));
    assertNull(client.get(ApiRequest.of("/v2/alerts/.."), "alert"));
    assertNull(client.get(ApiRequest.of("/v2/alerts/."), "alert"));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void fetchPageRefusesAPathWithADotSegment() {
    assertThrows(
        IllegalArgumentException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts/../x")));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void getFailsWhenTheFieldIsNotAnObject() {
    server.enqueue(json(200, "{\"alert\":[1,2]}"));
    ApiResponseException e =
        assertThrows(
            ApiResponseException.class, () -> client.get(ApiRequest.of("/v2/alerts/1"), "alert"));
    assertTrue(e.getMessage().contains("expected the field 'alert' to be an object, got an array"),
        e.getMessage());
  }

  @Test
  void refusedKeyIsReportedWithoutTheKey() {
    server.enqueue(
        json(
            401,
            "{\"type\":\"authentication_error\",\"status\":401,"
                + "\"request_id\":\"8e3cc412-b49d-4957-9073-2c19d2c61804\",\"errors\":[{"
                + "\"code\":\"missing_authorization_material\","
                + "\"message\":\"No authorization material provided in request\"}]}"));
    ApiRequest request = ApiRequest.of("/v2/alerts").with("page_size", "50");
    ApiAuthenticationException e =
        assertThrows(ApiAuthenticationException.class, () -> client.fetchPage(request));
    assertEquals(
        "incident.io API refused the API key for the request GET /v2/alerts?page_size=50"
            + " (HTTP 401 authentication_error, request_id 8e3cc412-b49d-4957-9073-2c19d2c61804):"
            + " No authorization material provided in request. Check that the API key is the one"
            + " shown when it was created, that it has not been deleted, and that it belongs to"
            + " the right incident.io account (Settings → API keys).",
        e.getMessage());
    assertEquals(401, e.httpStatus());
    assertEquals("authentication_error", e.type());
    assertEquals(request, e.request());
    assertEquals("missing_authorization_material", e.errors().get(0).code());
    for (String text : List.of(e.getMessage(), e.toString(), String.valueOf(e.request()))) {
      assertFalse(text.contains(KEY), text);
      assertFalse(text.contains("Bearer"), text);
    }
  }

  @Test
  void forbiddenIsAPermissionFailureCarryingTheApiMessage() {
    server.enqueue(json(403, "{\"type\":\"authorization_error\",\"status\":403,"
        + "\"errors\":[{\"code\":\"missing_scope\",\"message\":\"This API key does not have"
        + " the 'incidents.view' scope\"}]}"));
    ApiPermissionException e =
        assertThrows(
            ApiPermissionException.class,
            () -> client.fetchPage(ApiRequest.of("/v2/incidents")));
    assertEquals("incident.io API refused the request GET /v2/incidents (HTTP 403"
        + " authorization_error): This API key does not have the 'incidents.view' scope. The API"
        + " key is valid but lacks the permission (scope) this data needs; create a key with that"
        + " scope in the incident.io dashboard (Settings → API keys), or leave this table out of"
        + " the query.", e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void aKeyEchoedByTheServerIsRedacted() {
    server.enqueue(
        json(401, "{\"type\":\"authentication_error\",\"errors\":[{\"message\":\"bad key " + KEY + "\"}]}"));
    ApiAuthenticationException e =
        assertThrows(
            ApiAuthenticationException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
    assertTrue(e.getMessage().contains("bad key ***"), e.getMessage());
    assertFalse(e.errors().get(0).message().contains(KEY));
  }

  @Test
  void validationErrorCarriesTheRequestIdAndTheApiMessages() {
    server.enqueue(
        json(
            422,
            "{\"type\":\"validation_error\",\"status\":422,"
                + "\"request_id\":\"631766c4-4afd-4803-997c-cd700928fa4b\",\"errors\":["
                + "{\"code\":\"invalid_value\",\"message\":\"page_size must be between 1 and 50\","
                + "\"source\":{\"field\":\"page_size\"}},"
                + "{\"code\":\"is_required\",\"message\":\"something else is wrong\"}]}"));
    ApiRequest request = ApiRequest.of("/v2/alerts").with("page_size", "500");
    ApiValidationException e =
        assertThrows(ApiValidationException.class, () -> client.fetchPage(request));
    assertEquals(
        "incident.io API refused the request GET /v2/alerts?page_size=500"
            + " (HTTP 422 validation_error, request_id 631766c4-4afd-4803-997c-cd700928fa4b):"
            + " page_size must be between 1 and 50; something else is wrong",
        e.getMessage());
    assertEquals("631766c4-4afd-4803-997c-cd700928fa4b", e.requestId());
    assertEquals(new ApiError("invalid_value", "page_size must be between 1 and 50", "page_size"),
        e.errors().get(0));
  }

  @Test
  void serverErrorWithAnHtmlPageQuotesTheStartOfThePage() {
    server.enqueue(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html>\n<head><title>502 Bad Gateway</title></head>\r\n<body>\u001b[31m</body></html>")
            .build());
    ApiException e =
        assertThrows(ApiException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertEquals(ApiException.class, e.getClass());
    assertEquals(502, e.httpStatus());
    assertEquals(
        "incident.io API refused the request GET /v2/alerts (HTTP 502): the body starts with:"
            + " <html> <head><title>502 Bad Gateway</title></head> <body> [31m</body></html>."
            + " The API failed to answer; try again later, or raise maxRetries /"
            + " maxRetryTimeSeconds.",
        e.getMessage());
  }

  @Test
  void malformedJsonIsAResponseError() {
    server.enqueue(json(200, "{\"alerts\": [ {\"id\": } ]}"));
    ApiResponseException e =
        assertThrows(
            ApiResponseException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertTrue(e.getMessage().startsWith(
        "incident.io API sent a response to GET /v2/alerts that could not be read (HTTP 200,"
            + " Content-Type \"application/json\"): the body is not valid JSON"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; the body starts with: {\"alerts\": [ {\"id\": } ]}"),
        e.getMessage());
  }

  @Test
  void truncatedJsonIsAResponseError() {
    server.enqueue(json(200, "{\"alerts\": [ {\"id\": \"01GW\"}, {\"id\": \"01"));
    ApiResponseException e =
        assertThrows(
            ApiResponseException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertTrue(e.getMessage().contains("the body ends before its JSON is complete (truncated)"),
        e.getMessage());
  }

  @Test
  void htmlInsteadOfJsonIsAResponseError() {
    String page = "<!DOCTYPE html><html><body>" + "Sign in ".repeat(100) + "</body></html>";
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html; charset=utf-8")
            .body(page)
            .build());
    ApiResponseException e =
        assertThrows(
            ApiResponseException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertTrue(e.getMessage().contains("Content-Type \"text/html; charset=utf-8\""), e.getMessage());
    String quoted = e.getMessage().substring(e.getMessage().indexOf("starts with: ") + 13);
    assertTrue(quoted.startsWith("<!DOCTYPE html><html><body>Sign in"), quoted);
    assertTrue(quoted.endsWith("…"), quoted);
    // About 200 characters of the body, never the whole page.
    assertTrue(quoted.length() > 190 && quoted.length() <= 201, quoted);
  }

  @Test
  void aBodyThatIsNotAnObjectIsAResponseError() {
    server.enqueue(json(200, "[1, 2, 3]"));
    ApiResponseException e =
        assertThrows(
            ApiResponseException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertTrue(e.getMessage().contains("expected a JSON object, got an array"), e.getMessage());
  }

  @Test
  void anEmptyBodyIsAResponseError() {
    server.enqueue(json(200, ""));
    ApiResponseException e =
        assertThrows(
            ApiResponseException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertTrue(e.getMessage().endsWith("expected a JSON object, got an empty body"), e.getMessage());
  }

  @Test
  void aConnectionCutMidBodyIsATransportError() {
    server.enqueue(
        json(200, "{\"alerts\": [" + "{\"id\":\"x\"},".repeat(2000) + "{}]}")
            .newBuilder()
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    ApiTransportException e =
        assertThrows(
            ApiTransportException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertTrue(e.getMessage().startsWith("incident.io API request GET /v2/alerts to "), e.getMessage());
  }

  @Test
  void aReadTimeoutIsATransportError() {
    try (IncidentIoClient impatient =
        new IncidentIoClient(
            TestApi.config(server).readTimeout(Duration.ofMillis(200)).maxRetries(0).build())) {
      server.enqueue(json(200, "{}").newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
      ApiTransportException e =
          assertThrows(
              ApiTransportException.class, () -> impatient.fetchPage(ApiRequest.of("/v2/alerts")));
      assertTrue(e.getMessage().contains("timed out (connect timeout 10 s, read timeout 200 ms)"),
          e.getMessage());
      assertEquals(0, e.httpStatus());
    }
  }

  @Test
  void anUnreachableServerIsATransportError() {
    String url = server.url("/").toString();
    server.close();
    try (IncidentIoClient lost =
        new IncidentIoClient(ApiConfig.builder().baseUrl(url).apiKey(KEY).maxRetries(0).build())) {
      ApiTransportException e =
          assertThrows(
              ApiTransportException.class, () -> lost.fetchPage(ApiRequest.of("/v2/alerts")));
      assertFalse(e.getMessage().contains(KEY));
    }
  }

  @Test
  void aClosedClientRefusesNewCalls() {
    client.close();
    client.close();
    assertThrows(ApiClosedException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertThrows(ApiClosedException.class, () -> client.list(ApiRequest.of("/v2/alerts"), "alerts"));
  }

  @Test
  void toStringDoesNotShowTheKey() {
    assertFalse(client.toString().contains(KEY));
    assertTrue(client.toString().contains("apiKey=***"));
  }
}
