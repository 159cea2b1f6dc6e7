package io.incidentql.adapter.api;

import static io.incidentql.adapter.api.TestApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.api.TestApi.RecordingSleeper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests of retries after server errors, and of cancel and deadline within a call scope. */
class RetryTest {
  private MockWebServer server;
  private RecordingSleeper sleeper;

  @BeforeEach
  void start() {
    server = TestApi.startServer();
    sleeper = new RecordingSleeper();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private IncidentIoClient client(ApiConfig.Builder config) {
    return new IncidentIoClient(config.build(), TestApi.CLOCK, sleeper);
  }

  @Test
  void retriesServerErrorsWithGrowingJitteredBackoffAndReturnsTheAnswer() {
    server.enqueue(json(503, "{\"type\":\"unavailable\"}"));
    server.enqueue(json(500, "{}"));
    server.enqueue(json(200, "{\"ok\":true}"));
    try (IncidentIoClient client = client(TestApi.config(server))) {
      assertTrue(client.fetchPage(ApiRequest.of("/v2/alerts")).get("ok").asBoolean());
    }
    assertEquals(3, server.getRequestCount());
    assertEquals(2, sleeper.waits.size());
    // Equal jitter: the first wait is 250..500 ms, the second 500..1000 ms.
    assertBetween(Duration.ofMillis(250), Duration.ofMillis(500), sleeper.waits.get(0));
    assertBetween(Duration.ofMillis(500), Duration.ofMillis(1000), sleeper.waits.get(1));
  }

  @Test
  void givesUpAfterMaxRetriesAndSaysHowOftenItTried() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(502, "{\"request_id\":\"req-502\"}"));
    }
    try (IncidentIoClient client = client(TestApi.config(server).maxRetries(2))) {
      ApiException e =
          assertThrows(ApiException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
      assertEquals(502, e.httpStatus());
      assertEquals("req-502", e.requestId());
      assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
      assertTrue(e.getMessage().contains("the limit of 2 retries was reached"), e.getMessage());
      assertTrue(e.getMessage().contains("raise maxRetries"), e.getMessage());
    }
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void stopsRetryingWhenTheNextWaitWouldPassMaxRetryTime() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(json(503, "{}"));
    }
    try (IncidentIoClient client =
        client(
            TestApi.config(server)
                .maxRetries(10)
                .retryBackoff(Duration.ofSeconds(1))
                .maxRetryTime(Duration.ofMillis(1500)))) {
      ApiException e =
          assertThrows(ApiException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
      assertTrue(e.getMessage().contains("would exceed maxRetryTime of 1.5 s"), e.getMessage());
    }
    // The first wait is 0.5..1 s; the second (1..2 s) may or may not fit in the rest.
    assertTrue(server.getRequestCount() >= 2 && server.getRequestCount() <= 3);
  }

  @Test
  void neverRetriesAClientError() {
    server.enqueue(json(400, "{}"));
    try (IncidentIoClient client = client(TestApi.config(server))) {
      assertThrows(ApiException.class, () -> client.fetchPage(ApiRequest.of("/v2/alerts")));
    }
    assertEquals(1, server.getRequestCount());
    assertTrue(sleeper.waits.isEmpty());
  }

  @Test
  void aCancelledScopeAbortsTheCallOnTheWire() {
    server.enqueue(json(200, "{}").newBuilder().headersDelay(30, TimeUnit.SECONDS).build());
    AtomicBoolean flag = new AtomicBoolean();
    try (IncidentIoClient client = new IncidentIoClient(TestApi.config(server).build())) {
      CompletableFuture<Object> call =
          CompletableFuture.supplyAsync(
              () -> client.fetchPage(ApiRequest.of("/v2/alerts"), ApiCallScope.of(flag, null)));
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            while (server.getRequestCount() == 0) {
              Thread.sleep(10);
            }
            flag.set(true);
            client.cancelFlaggedCalls();
            Throwable e = assertThrows(Exception.class, call::join).getCause();
            assertEquals(ApiCancelledException.class, e.getClass(), String.valueOf(e));
          });
    }
  }

  @Test
  void aScopeDeadlineEndsASlowCallAsAQueryTimeout() {
    server.enqueue(json(200, "{}").newBuilder().headersDelay(30, TimeUnit.SECONDS).build());
    try (IncidentIoClient client = new IncidentIoClient(TestApi.config(server).build())) {
      ApiCallScope scope = ApiCallScope.of(null, Duration.ofMillis(300));
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            ApiTimeoutException e =
                assertThrows(
                    ApiTimeoutException.class,
                    () -> client.fetchPage(ApiRequest.of("/v2/alerts"), scope));
            assertTrue(e.getMessage().startsWith("Query timeout of 300 ms exceeded"), e.getMessage());
          });
    }
    assertFalse(server.getRequestCount() > 1, "a timed-out call is not retried");
  }

  private static void assertBetween(Duration low, Duration high, Duration actual) {
    assertTrue(
        actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0,
        actual + " is not within " + low + ".." + high);
  }
}
