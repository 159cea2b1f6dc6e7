package io.incidentql.adapter.api;

import static io.incidentql.adapter.api.TestApi.json;
import static io.incidentql.adapter.api.TestApi.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.TestApi.RecordingSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests of waiting out HTTP 429 responses, observed through a sleeper that only records. */
class RateLimitTest {
  private static final String SERVER_DATE = "Thu, 17 Apr 2025 11:17:11 GMT";

  private MockWebServer server;
  private RecordingSleeper sleeper;
  private IncidentIoClient client;

  @BeforeEach
  void start() {
    server = TestApi.startServer();
    sleeper = new RecordingSleeper();
    client = new IncidentIoClient(TestApi.config(server).build(), TestApi.CLOCK, sleeper);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** A 429 as the API documents it, retry time in the body. */
  private static MockResponse tooManyRequests(String retryAfter, String date) {
    MockResponse.Builder b =
        json(
                429,
                "{\"type\":\"too_many_requests\",\"status\":429,"
                    + "\"request_id\":\"b839a403-7704-41c1-bf6a-39a2d68caefa\","
                    + "\"rate_limit\":{\"name\":\"api_key_name\",\"limit\":1200,\"remaining\":0,"
                    + "\"retry_after\":\"" + retryAfter + "\"},"
                    + "\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"Too many requests"
                    + " hit the API too quickly. We recommend an exponential backoff of your"
                    + " requests.\"}]}")
            .newBuilder();
    if (date != null) {
      b.setHeader("Date", date);
    }
    return b.build();
  }

  private static MockResponse bare429(String retryAfterHeader) {
    MockResponse.Builder b = new MockResponse.Builder().code(429).body("");
    if (retryAfterHeader != null) {
      b.setHeader("Retry-After", retryAfterHeader);
    }
    return b.build();
  }

  private List<String> ids(PageCursor<JsonNode> cursor) {
    List<String> ids = new ArrayList<>();
    cursor.forEachRemaining(row -> ids.add(row.get("id").asText()));
    return ids;
  }

  @Test
  void theCapOnRateLimitRetriesHoldsAcrossRetriesOfServerErrors() {
    client.close();
    client =
        new IncidentIoClient(
            TestApi.config(server).maxRateLimitRetries(1).maxRetries(3).build(),
            TestApi.CLOCK,
            sleeper);
    String later = "Thu, 17 Apr 2025 11:17:12 UTC";
    server.enqueue(tooManyRequests(later, SERVER_DATE));
    server.enqueue(json(503, "{}"));
    server.enqueue(tooManyRequests(later, SERVER_DATE));
    server.enqueue(page("alerts", List.of("a"), null));
    ApiRequest request = ApiRequest.of("/v2/alerts").with("page_size", "1");
    // One 429 was already waited out for this request; after the 503 a second one ends it.
    assertThrows(ApiRateLimitException.class, () -> ids(client.list(request, "alerts")));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void retriesAfterTheDelayTheServerAsksFor() throws Exception {
    server.enqueue(tooManyRequests("Thu, 17 Apr 2025 11:17:18 UTC", SERVER_DATE));
    server.enqueue(page("alerts", List.of("a", "b"), null));
    List<String> rows = ids(client.list(ApiRequest.of("/v2/alerts").with("page_size", "2"), "alerts"));
    assertEquals(List.of("a", "b"), rows);
    // 11:17:18 by the server's clock, 11:17:11 now by the server's clock: seven seconds, although
    // the local clock reads 2030.
    assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits);
    assertEquals(2, server.getRequestCount());
    RecordedRequest first = server.takeRequest();
    RecordedRequest retry = server.takeRequest();
    assertEquals(first.getTarget(), retry.getTarget());
    assertEquals("Bearer " + TestApi.KEY, retry.getHeaders().get("Authorization"));
  }

  @Test
  void measuresAgainstTheLocalClockWhenThereIsNoDateHeader() {
    // The local clock of the tests reads 2030-01-01T00:00:00Z.
    server.enqueue(tooManyRequests("Tue, 1 Jan 2030 00:00:42 UTC", null));
    server.enqueue(json(200, "{}"));
    client.fetchPage(ApiRequest.of("/v2/alerts"));
    assertEquals(List.of(Duration.ofSeconds(42)), sleeper.waits);
  }

  @Test
  void waitsAtLeastAMinimumWhenTheRetryTimeHasPassed() {
    server.enqueue(tooManyRequests("Thu, 17 Apr 2025 11:17:00 UTC", SERVER_DATE));
    server.enqueue(json(200, "{}"));
    client.fetchPage(ApiRequest.of("/v2/alerts"));
    assertEquals(List.of(Duration.ofMillis(250)), sleeper.waits);
  }

  @Test
  void honoursARetryAfterHeaderInSeconds() {
    server.enqueue(bare429("3"));
    server.enqueue(json(200, "{}"));
    client.fetchPage(ApiRequest.of("/v2/alerts"));
    assertEquals(List.of(Duration.ofSeconds(3)), sleeper.waits);
  }

  @Test
  void honoursARetryAfterHeaderWithAnHttpDate() {
    server.enqueue(
        bare429("Thu, 17 Apr 2025 11:17:20 GMT").newBuilder().setHeader("Date", SERVER_DATE).build());
    server.enqueue(json(200, "{}"));
    client.fetchPage(ApiRequest.of("/v2/alerts"));
    assertEquals(List.of(Duration.ofSeconds(9)), sleeper.waits);
  }

  @Test
  void prefersTheRetryAfterHeaderOverTheBody() {
    server.enqueue(
        tooManyRequests("Thu, 17 Apr 2025 11:17:13 UTC", SERVER_DATE)
            .newBuilder()
            .setHeader("Retry-After", "30")
            .build());
    server.enqueue(json(200, "{}"));
    client.fetchPage(ApiRequest.of("/v2/alerts"));
    assertEquals(List.of(Duration.ofSeconds(30)), sleeper.waits);
  }

  @Test
  void aBodyDateInThePastDoesNotCutTheWaitRetryAfterAsksFor() {
    server.enqueue(
        tooManyRequests("2025-04-17T11:17:00Z", SERVER_DATE)
            .newBuilder()
            .setHeader("Retry-After", "2")
            .build());
    server.enqueue(json(200, "{}"));
    client.fetchPage(ApiRequest.of("/v2/alerts"));
    assertEquals(List.of(Duration.ofSeconds(2)), sleeper.waits);
  }

  @Test
  void readsAnRfc3339BodyDateAsTheContractWritesIt() {
    server.enqueue(tooManyRequests("2025-04-17T11:17:18Z", SERVER_DATE));
    server.enqueue(json(200, "{}"));
    client.fetchPage(ApiRequest.of("/v2/alerts"));
    assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits);
  }

  @Test
  void backsOffExponentiallyWithoutAnyHint() {
    server.enqueue(bare429(null));
    server.enqueue(json(429, "not json"));
    server.enqueue(bare429("soon"));
    server.enqueue(json(200, "{}"));
    client.fetchPage(ApiRequest.of("/v2/alerts"));
    assertEquals(
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeper.waits);
  }

  @Test
  void theBackoffWithoutAHintStopsGrowingAtThirtySeconds() {
    try (IncidentIoClient patient =
        new IncidentIoClient(
            TestApi.config(server)
                .maxRateLimitRetries(7)
                .maxRateLimitWait(Duration.ofMinutes(2))
                .build(),
            TestApi.CLOCK,
            sleeper)) {
      for (int i = 0; i < 7; i++) {
        server.enqueue(bare429(null));
      }
      server.enqueue(json(200, "{}"));
      patient.fetchPage(ApiRequest.of("/v2/alerts"));
    }
    // The same cap as the backoff after a server error (retryBackoffSeconds' "up to 30 s").
    assertEquals(
        List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L),
        sleeper.waits.stream().map(Duration::toSeconds).toList());
  }

  @Test
  void givesUpAfterTheMaximumNumberOfRetries() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(tooManyRequests("Thu, 17 Apr 2025 11:17:12 UTC", SERVER_DATE));
    }
    ApiRequest request = ApiRequest.of("/v2/alerts").with("page_size", "50");
    ApiRateLimitException e =
        assertThrows(ApiRateLimitException.class, () -> client.fetchPage(request));
    assertEquals(6, server.getRequestCount());
    assertEquals(5, sleeper.waits.size());
    assertEquals(429, e.httpStatus());
    assertEquals("b839a403-7704-41c1-bf6a-39a2d68caefa", e.requestId());
    assertEquals(
        "incident.io API refused the request GET /v2/alerts?page_size=50 (HTTP 429"
            + " too_many_requests, request_id b839a403-7704-41c1-bf6a-39a2d68caefa): Too many"
            + " requests hit the API too quickly. We recommend an exponential backoff of your"
            + " requests. Gave up after 5 retries and 5 s of waiting, because the limit of 5"
            + " retries was reached. The API allows 1200 requests per minute per API key, and"
            + " fewer on some endpoints (60 on /v2/incidents); try again later, or raise maxRateLimitRetries / maxRateLimitWait. If other programs"
            + " use the same key, lower this driver's share of the budget with rateLimit.",
        e.getMessage());
  }

  @Test
  void aLast429AfterAServerErrorIsQuotedNotTheFirst() {
    server.enqueue(tooManyRequests("Thu, 17 Apr 2025 11:17:12 UTC", SERVER_DATE));
    server.enqueue(json(503, "{}"));
    for (int i = 0; i < 5; i++) {
      server.enqueue(json(429, "<html>Slow down</html>"));
    }
    ApiRateLimitException e =
        assertThrows(ApiRateLimitException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertEquals(7, server.getRequestCount());
    assertEquals(null, e.requestId());
    assertTrue(
        e.getMessage().startsWith(
            "incident.io API refused the request GET /v2/alerts (HTTP 429): the body starts with:"
                + " <html>Slow down</html>. Gave up after 5 retries"),
        e.getMessage());
  }

  @Test
  void givesUpWhenTheServerAsksForALongerWaitThanAllowed() {
    server.enqueue(tooManyRequests("Thu, 17 Apr 2025 11:27:11 UTC", SERVER_DATE));
    ApiRateLimitException e =
        assertThrows(ApiRateLimitException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), sleeper.waits);
    assertTrue(
        e.getMessage().contains(
            "Gave up after 0 retries and 0 ms of waiting, because waiting another 10 min"
                + " (rate_limit.retry_after) would exceed the limit of 2 min of waiting per request"),
        e.getMessage());
  }

  @Test
  void countsTheWaitOfEveryRetryAgainstTheLimit() {
    try (IncidentIoClient patient =
        new IncidentIoClient(
            TestApi.config(server)
                .maxRateLimitRetries(10)
                .maxRateLimitWait(Duration.ofSeconds(20))
                .build(),
            TestApi.CLOCK,
            sleeper)) {
      for (int i = 0; i < 4; i++) {
        server.enqueue(tooManyRequests("Thu, 17 Apr 2025 11:17:19 UTC", SERVER_DATE));
      }
      assertThrows(ApiRateLimitException.class, () -> patient.fetchPage(ApiRequest.of("/v2/alerts")));
      // 8 s + 8 s fit in 20 s; a third 8 s does not.
      assertEquals(List.of(Duration.ofSeconds(8), Duration.ofSeconds(8)), sleeper.waits);
      assertEquals(3, server.getRequestCount());
    }
  }

  @Test
  void anInterruptOfTheCallerDuringTheWaitEndsTheCallWithoutAnotherRequest() throws Exception {
    try (IncidentIoClient waiting =
        new IncidentIoClient(
            TestApi.config(server).maxRateLimitWait(Duration.ofSeconds(60)).build(),
            TestApi.CLOCK,
            Sleeper.SYSTEM)) {
      server.enqueue(bare429("50"));
      server.enqueue(json(200, "{}"));
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  waiting.fetchPage(ApiRequest.of("/v2/alerts"));
                  failure.complete(null);
                } catch (RuntimeException e) {
                  failure.complete(e);
                }
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
              });
      caller.start();
      server.takeRequest();
      // The server asked for 50 s: only the interrupt can end the wait within the 5 s below.
      caller.interrupt();
      Throwable e = failure.get(5, TimeUnit.SECONDS);
      assertTrue(e instanceof ApiCancelledException, String.valueOf(e));
      assertTrue(e.getMessage().startsWith("Query interrupted while requesting /v2/alerts"),
          e.getMessage());
      assertTrue(stillInterrupted.get(5, TimeUnit.SECONDS), "the interrupt is kept");
      assertEquals(1, server.getRequestCount(), "nothing is sent after the interrupt");
    }
  }
}
