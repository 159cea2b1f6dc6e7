package io.incidentql.adapter.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Tests of how the rate-limit interceptor reads a 429: once, into the request's state, where the
 * client finds the JSON of a last 429 for its message, and with the body left readable.
 */
class RateLimitInterceptorTest extends LoopbackServerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-17T11:17:11Z"), ZoneOffset.UTC);

  private final List<Duration> waits = new ArrayList<>();
  private Response send(int maxRetries, RateLimitState state) throws IOException {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                new RateLimitInterceptor(maxRetries, Duration.ofMinutes(2), CLOCK, waits::add))
            .build();
    Request request =
        new Request.Builder().url(server.url("/v2/alerts")).tag(RateLimitState.class, state).build();
    return http.newCall(request).execute();
  }

  private static MockResponse tooMany(String body) {
    return new MockResponse.Builder().code(429).body(body).build();
  }

  @Test
  void theJsonOfTheLast429IsKeptForTheClientsMessage() throws IOException {
    server.enqueue(tooMany(
        "{\"type\":\"first\",\"rate_limit\":{\"retry_after\":\"2025-04-17T11:17:14Z\"}}"));
    server.enqueue(tooMany("{\"type\":\"too_many_requests\",\"request_id\":\"r-2\"}"));
    RateLimitState state = new RateLimitState();
    try (Response r = send(1, state)) {
      assertEquals(429, r.code());
      assertEquals("{\"type\":\"too_many_requests\",\"request_id\":\"r-2\"}", r.body().string());
    }
    // The first body gave the wait; the second, the last, is the one kept.
    assertEquals(List.of(Duration.ofSeconds(3)), waits);
    assertEquals("too_many_requests", state.lastBody().get("type").asText());
    assertEquals("r-2", state.lastBody().get("request_id").asText());
  }

  @Test
  void aLast429ThatIsNotJsonReplacesTheJsonOfAnEarlierOne() throws IOException {
    server.enqueue(tooMany("{\"type\":\"first\"}"));
    server.enqueue(tooMany("<html>slow down</html>"));
    RateLimitState state = new RateLimitState();
    try (Response r = send(1, state)) {
      assertEquals("<html>slow down</html>", r.body().string(), "the body stays readable");
    }
    assertTrue(state.lastBody().isMissingNode(), String.valueOf(state.lastBody()));
  }

  @Test
  void nothingIsKeptWithoutA429() throws IOException {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    RateLimitState state = new RateLimitState();
    send(1, state).close();
    assertNull(state.lastBody());
  }
}
