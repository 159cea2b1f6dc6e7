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
      assertEquals("2025-04-17T11:17:19Z", limit.get("retry_after").asText());
      assertEquals("60", refused.headers().firstValue("Retry-After").orElseThrow());
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
  void holdsIncidentsToSixtyAMinuteAndAnnouncesEveryLimitInTheHeaders() {
    MutableClock clock = new MutableClock(START);
    try (Simulator sim = Simulator.start(small().clock(clock).build())) {
      TestApi api = new TestApi(sim);
      TestApi.Answer first = api.get("/v2/incidents");
      assertEquals(200, first.status());
      assertEquals("60, 1200;window=60, 60;window=60", header(first, "X-RateLimit-Limit"));
      assertEquals("59", header(first, "X-RateLimit-Remaining"));
      assertEquals("1", header(first, "X-RateLimit-Used"));
      assertEquals(Long.toString(START.plusSeconds(60).getEpochSecond() + 1),
          header(first, "X-RateLimit-Reset"));
      TestApi.Answer alerts = api.get("/v2/alerts?page_size=1");
      assertEquals("1200, 1200;window=60", header(alerts, "X-RateLimit-Limit"));
      assertEquals("1198", header(alerts, "X-RateLimit-Remaining"));
      assertEquals("2", header(alerts, "X-RateLimit-Used"));
      for (int i = 1; i < 60; i++) {
        assertEquals(200, api.get("/v2/incidents").status(), "request " + (i + 1));
      }
      clock.advance(Duration.ofSeconds(30));
      TestApi.Answer refused = api.get("/v2/incidents");
      assertEquals(429, refused.status());
      assertEquals("30", header(refused, "Retry-After"));
      assertEquals("0", header(refused, "X-RateLimit-Remaining"));
      assertEquals(60, refused.body().get("rate_limit").get("limit").asInt());
      assertEquals("2025-04-17T11:17:19Z",
          refused.body().get("rate_limit").get("retry_after").asText());
      // Other endpoints still have the key's budget, which the refusal did not spend.
      TestApi.Answer updates = api.get("/v2/incident_updates");
      assertEquals(200, updates.status());
      assertEquals("1138", header(updates, "X-RateLimit-Remaining"));
      clock.advance(Duration.ofSeconds(30));
      assertEquals(200, api.get("/v2/incidents").status());
    }
  }

  @Test
  void carriesTheHeadersOnErrorsToo() {
    try (Simulator sim = Simulator.start(small().build())) {
      TestApi api = new TestApi(sim);
      TestApi.Answer invalid = api.get("/v2/alerts");
      assertEquals(422, invalid.status());
      assertEquals("1200, 1200;window=60", header(invalid, "X-RateLimit-Limit"));
      TestApi.Answer missing = api.get("/v2/alerts/NOPE");
      assertEquals(404, missing.status());
      assertEquals("1198", header(missing, "X-RateLimit-Remaining"));
    }
  }

  @Test
  void liftsTheEndpointLimitsWithUnlimitedRate() {
    try (Simulator sim = Simulator.start(small().unlimitedRate().build())) {
      TestApi api = new TestApi(sim);
      for (int i = 0; i < 70; i++) {
        assertEquals(200, api.get("/v2/incidents?page_size=1").status());
      }
    }
  }

  private static String header(TestApi.Answer answer, String name) {
    return answer.headers().firstValue(name).orElse(null);
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
