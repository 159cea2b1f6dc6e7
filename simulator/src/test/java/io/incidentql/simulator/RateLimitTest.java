package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of the per-key rate limit, its 429 body and its refill. */
class RateLimitTest {
  private static final Instant START = Instant.parse("2025-04-17T11:16:18.250Z");

  private static SimulatorConfig.Builder small() {
    return SimulatorConfig.builder().scale(20, 10, 5, 10);
  }

  @Test
  void answersTooManyRequestsOnceTheBudgetIsSpent() {
    MutableClock clock = new MutableClock(START);
    try (Simulator sim = Simulator.start(small().rateLimit(3, Duration.ofSeconds(60))
        .clock(clock).build())) {
      TestApi api = new TestApi(sim);
      for (int i = 0; i < 3; i++) {
        assertEquals(200, api.get("/v2/alerts?page_size=1").status());
      }
      TestApi.Answer refused = api.get("/v2/alerts?page_size=1");
      JsonNode error = assertError(refused, 429, "too_many_requests");
      assertEquals("too_many_requests", error.get("code").asText());
      JsonNode limit = refused.body().get("rate_limit");
      assertEquals(List.of("name", "limit", "remaining", "retry_after"), names(limit));
      assertEquals("demo", limit.get("name").asText());
      assertEquals(3, limit.get("limit").asInt());
      assertEquals(0, limit.get("remaining").asInt());
      // The window opened at 11:16:18.250 and closes 60 s later; rounded up to whole seconds.
      assertEquals("Thu, 17 Apr 2025 11:17:19 UTC", limit.get("retry_after").asText());
      assertFalse(refused.headers().firstValue("Retry-After").isPresent());
      assertEquals(List.of("type", "status", "request_id", "rate_limit", "errors"),
          names(refused.body()));
    }
  }

  @Test
  void refillsTheBudgetWhenTheWindowEnds() {
    MutableClock clock = new MutableClock(START);
    try (Simulator sim = Simulator.start(small().rateLimit(2, Duration.ofSeconds(10))
        .clock(clock).build())) {
      TestApi api = new TestApi(sim);
      assertEquals(200, api.get("/v2/incidents").status());
      clock.advance(Duration.ofSeconds(9));
      assertEquals(200, api.get("/v2/incidents").status());
      assertEquals(429, api.get("/v2/incidents").status());
      clock.advance(Duration.ofMillis(999));
      assertEquals(429, api.get("/v2/incidents").status());
      clock.advance(Duration.ofMillis(1));
      assertEquals(200, api.get("/v2/incidents").status());
      assertEquals(200, api.get("/v2/incidents").status());
      assertEquals(429, api.get("/v2/incidents").status());
    }
  }

  @Test
  void refillsAfterAShortRealWindow() throws InterruptedException {
    try (Simulator sim = Simulator.start(small().rateLimit(2, Duration.ofMillis(500)).build())) {
      TestApi api = new TestApi(sim);
      boolean refused = false;
      for (int i = 0; i < 20 && !refused; i++) {
        refused = api.get("/v2/incident_updates").status() == 429;
      }
      assertTrue(refused, "three requests within half a second");
      // The refusing window opened before the refusal, so it has surely closed after this.
      Thread.sleep(550);
      assertEquals(200, api.get("/v2/incident_updates").status());
    }
  }

  @Test
  void keepsABudgetPerKey() {
    MutableClock clock = new MutableClock(START);
    try (Simulator sim = Simulator.start(small().apiKey("key-a", "A").apiKey("key-b", "B")
        .rateLimit(1, Duration.ofMinutes(1)).clock(clock).build())) {
      TestApi api = new TestApi(sim);
      assertEquals(200, api.get("/v2/incidents", "Bearer key-a").status());
      TestApi.Answer refused = api.get("/v2/incidents", "Bearer key-a");
      assertEquals(429, refused.status());
      assertEquals("A", refused.body().get("rate_limit").get("name").asText());
      assertEquals(200, api.get("/v2/incidents", "Bearer key-b").status());
    }
  }

  @Test
  void spendsNoBudgetOnUnauthenticatedRequests() {
    MutableClock clock = new MutableClock(START);
    try (Simulator sim = Simulator.start(small().rateLimit(1, Duration.ofMinutes(1))
        .clock(clock).build())) {
      TestApi api = new TestApi(sim);
      for (int i = 0; i < 3; i++) {
        assertEquals(401, api.get("/v2/incidents", "Bearer wrong").status());
      }
      assertEquals(200, api.get("/v2/incidents").status());
    }
  }

  @Test
  void countsRejectedQueriesAgainstTheBudget() {
    MutableClock clock = new MutableClock(START);
    try (Simulator sim = Simulator.start(small().rateLimit(1, Duration.ofMinutes(1))
        .clock(clock).build())) {
      TestApi api = new TestApi(sim);
      assertEquals(422, api.get("/v2/alerts").status());
      assertEquals(429, api.get("/v2/alerts?page_size=1").status());
    }
  }

  @Test
  void takesANewBudgetAtRuntime() {
    MutableClock clock = new MutableClock(START);
    try (Simulator sim = Simulator.start(small().rateLimit(1, Duration.ofMinutes(1))
        .clock(clock).build())) {
      TestApi api = new TestApi(sim);
      assertEquals(200, api.get("/v2/incidents").status());
      assertEquals(429, api.get("/v2/incidents").status());
      sim.setRateLimit(2, Duration.ofMinutes(1));
      assertEquals(200, api.get("/v2/incidents").status());
      assertEquals(200, api.get("/v2/incidents").status());
      assertEquals(429, api.get("/v2/incidents").status());
      sim.resetRateLimits();
      assertEquals(200, api.get("/v2/incidents").status());
    }
  }

  @Test
  void usesTheDocumentedLimitByDefault() {
    SimulatorConfig config = SimulatorConfig.defaults();
    assertEquals(1200, config.rateLimit());
    assertEquals(Duration.ofSeconds(60), config.rateLimitWindow());
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
