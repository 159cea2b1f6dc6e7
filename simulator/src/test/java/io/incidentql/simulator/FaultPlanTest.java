package io.incidentql.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of injected faults and latency, through a client that never retries. */
class FaultPlanTest {
  private static final Instant NOW = Instant.parse("2025-04-17T11:17:13Z");
  private static MutableClock clock;
  private static Simulator sim;
  private static OkHttpClient client;

  @BeforeAll
  static void start() {
    clock = new MutableClock(NOW);
    sim = Simulator.start(SimulatorConfig.builder().scale(200, 100, 50, 100)
        .rateLimit(1000, Duration.ofMinutes(1)).clock(clock).build());
    // No retries and no pooled connections: each call is one request on its own connection.
    client = new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .connectionPool(new okhttp3.ConnectionPool(0, 1, TimeUnit.SECONDS))
        .readTimeout(Duration.ofSeconds(10))
        .build();
  }

  @AfterAll
  static void stop() {
    sim.close();
    client.dispatcher().executorService().shutdown();
  }

  @AfterEach
  void reset() {
    sim.faults().clear();
    sim.setRateLimit(1000, Duration.ofMinutes(1));
    sim.setLatency(Duration.ZERO);
    sim.requestLog().clear();
  }

  private static Response call(String pathAndQuery) throws IOException {
    return client.newCall(new Request.Builder().url(sim.baseUrl() + pathAndQuery)
        .header("Authorization", "Bearer " + TestApi.KEY).build()).execute();
  }

  private static int status(String pathAndQuery) throws IOException {
    try (Response r = call(pathAndQuery)) {
      r.body().bytes();
      return r.code();
    }
  }

  private static JsonNode json(Response r) throws IOException {
    return TestApi.JSON.readTree(r.body().string());
  }

  @Test
  void answersTheNextRequestsWithAnInjectedStatus() throws IOException {
    sim.faults().next(2).status(503);
    assertEquals(2, sim.faults().pending());
    for (int i = 0; i < 2; i++) {
      try (Response r = call("/v2/incidents")) {
        assertEquals(503, r.code());
        JsonNode body = json(r);
        assertEquals("service_unavailable", body.get("type").asText());
        assertEquals(503, body.get("status").asInt());
        UUID.fromString(body.get("request_id").asText());
        assertEquals("service_unavailable", body.get("errors").get(0).get("code").asText());
      }
    }
    assertEquals(0, sim.faults().pending());
    assertEquals(200, status("/v2/incidents"));
  }

  @Test
  void consumesFaultsInTheOrderPlanned() throws IOException {
    sim.faults().next().status(500);
    sim.faults().next().status(502);
    assertEquals(500, status("/v2/incidents"));
    assertEquals(502, status("/v2/incidents"));
    assertEquals(200, status("/v2/incidents"));
  }

  @Test
  void restrictsAFaultToAPathPrefix() throws IOException {
    sim.faults().next().onPath("/v2/incidents").status(500);
    assertEquals(200, status("/v2/alerts?page_size=1"));
    assertEquals(200, status("/v2/incident_updates"));
    assertEquals(500, status("/v2/incidents?page_size=1"));
    assertEquals(200, status("/v2/incidents?page_size=1"));
  }

  @Test
  void injectsATooManyRequestsAnswerWithRetryAfterAhead() throws IOException {
    sim.faults().next().tooManyRequests(Duration.ofSeconds(5));
    try (Response r = call("/v2/alerts?page_size=1")) {
      assertEquals(429, r.code());
      assertEquals("5", r.header("Retry-After"));
      JsonNode body = json(r);
      assertEquals("too_many_requests", body.get("type").asText());
      JsonNode limit = body.get("rate_limit");
      assertEquals("demo", limit.get("name").asText());
      assertEquals(1000, limit.get("limit").asInt());
      assertEquals(0, limit.get("remaining").asInt());
      assertEquals("2025-04-17T11:17:18Z", limit.get("retry_after").asText());
    }
    assertEquals(200, status("/v2/alerts?page_size=1"));
  }

  @Test
  void spendsNoRateLimitBudgetOnReplacedResponses() throws IOException {
    sim.setRateLimit(1, Duration.ofMinutes(1));
    sim.faults().next(3).status(503);
    for (int i = 0; i < 3; i++) {
      assertEquals(503, status("/v2/incidents"));
    }
    assertEquals(200, status("/v2/incidents"));
    assertEquals(429, status("/v2/incidents"));
  }

  @Test
  void sendsTheFirstHalfOfTheRealBody() throws IOException {
    byte[] whole;
    try (Response r = call("/v2/incidents?page_size=3")) {
      whole = r.body().bytes();
    }
    sim.faults().next().truncatedBody();
    try (Response r = call("/v2/incidents?page_size=3")) {
      assertEquals(200, r.code());
      byte[] cut = r.body().bytes();
      assertEquals(whole.length / 2, cut.length);
      assertEquals(String.valueOf(cut.length), r.header("Content-Length"));
      assertArrayEquals(Arrays.copyOf(whole, cut.length), cut);
      assertThrows(JsonProcessingException.class, () -> TestApi.JSON.readTree(cut));
    }
  }

  @Test
  void sendsAnHtmlErrorPage() throws IOException {
    sim.faults().next().htmlErrorPage(502);
    try (Response r = call("/v2/incidents")) {
      assertEquals(502, r.code());
      assertTrue(r.header("Content-Type").startsWith("text/html"));
      String page = r.body().string();
      assertTrue(page.contains("<h1>502 Bad Gateway</h1>"), page);
    }
  }

  @Test
  void stallsTheBodyAfterTheHeaders() throws IOException {
    sim.faults().next().stallBody(Duration.ofMillis(400));
    try (Response r = call("/v2/incident_updates?page_size=2")) {
      long headersAt = System.nanoTime();
      assertEquals(200, r.code());
      JsonNode body = json(r);
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - headersAt);
      assertTrue(waited >= 300, "body came " + waited + " ms after the headers");
      assertEquals(2, body.get("incident_updates").size());
    }
  }

  @Test
  void closesTheConnectionWithoutAResponse() throws IOException {
    sim.faults().next().disconnect();
    assertThrows(IOException.class, () -> call("/v2/incidents").close());
    assertEquals(0, sim.requestLog().last().orElseThrow().status());
    assertEquals(200, status("/v2/incidents"));
  }

  @Test
  void closesTheConnectionHalfwayThroughTheBody() throws IOException {
    sim.faults().next().disconnectMidBody();
    try (Response r = call("/v2/incidents?page_size=20")) {
      assertEquals(200, r.code());
      assertThrows(IOException.class, () -> r.body().bytes());
    }
    assertEquals(200, status("/v2/incidents"));
  }

  @Test
  void repeatsTheCursorItWasGivenOnTheNextPageThatHasOne() throws IOException {
    sim.faults().next().repeatCursor();
    String after;
    try (Response first = call("/v2/alerts?page_size=5")) {
      after = json(first).get("pagination_meta").get("after").asText();
    }
    assertEquals(1, sim.faults().pending(), "the first page has no cursor to repeat");
    try (Response second = call("/v2/alerts?page_size=5&after=" + after)) {
      JsonNode page = json(second);
      assertEquals(after, page.get("pagination_meta").get("after").asText());
      assertEquals(5, page.get("alerts").size());
      assertFalse(page.get("alerts").get(0).get("id").asText().equals(after));
    }
    assertEquals(0, sim.faults().pending());
  }

  @Test
  void dropsEveryPlannedFaultOnClear() throws IOException {
    sim.faults().next(5).status(500);
    sim.faults().clear();
    assertEquals(0, sim.faults().pending());
    assertEquals(200, status("/v2/incidents"));
  }

  @Test
  void delaysEveryResponseBySettableLatency() throws IOException {
    sim.setLatency(Duration.ofMillis(300));
    assertEquals(Duration.ofMillis(300), sim.latency());
    long start = System.nanoTime();
    assertEquals(200, status("/v2/incidents?page_size=1"));
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 300);
  }

  @Test
  void refusesMeaninglessFaults() {
    assertThrows(IllegalArgumentException.class, () -> sim.faults().next().status(200));
    assertThrows(IllegalArgumentException.class, () -> sim.faults().next(0));
    assertThrows(IllegalArgumentException.class,
        () -> sim.faults().next().stallBody(Duration.ZERO));
    assertEquals(0, sim.faults().pending());
  }
}
