package io.incidentql.adapter.api;

import static io.incidentql.adapter.api.TestApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.api.TestApi.RecordingSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests of the client-side request budget as clients see it. */
class ThrottleTest {
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

  private IncidentIoClient client(String key) {
    return new IncidentIoClient(
        TestApi.config(server).apiKey(key).rateLimit(2, Duration.ofSeconds(1)).build(),
        TestApi.CLOCK,
        sleeper,
        // Time stands still, as the recording sleeper does not wait: the waits are exact.
        () -> 0L);
  }

  @Test
  void aClientOverItsBudgetWaitsBeforeSending() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(200, "{}"));
    }
    try (IncidentIoClient client = client("test-key-not-real-budget-1")) {
      for (int i = 0; i < 3; i++) {
        client.fetchPage(ApiRequest.of("/v2/alerts"));
      }
    }
    // A burst of one, then one request a second (the sleeper does not really wait).
    assertEquals(2, sleeper.waits.size(), sleeper.waits.toString());
    assertNear(Duration.ofSeconds(1), sleeper.waits.get(0));
    assertNear(Duration.ofSeconds(2), sleeper.waits.get(1));
  }

  @Test
  void clientsWithTheSameKeyShareOneBudgetAndOtherKeysHaveTheirOwn() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(200, "{}"));
    }
    try (IncidentIoClient a = client("test-key-not-real-budget-2");
        IncidentIoClient b = client("test-key-not-real-budget-2");
        IncidentIoClient other = client("test-key-not-real-budget-3")) {
      a.fetchPage(ApiRequest.of("/v2/alerts"));
      other.fetchPage(ApiRequest.of("/v2/alerts"));
      assertTrue(sleeper.waits.isEmpty(), "each key's first request is within its burst");
      b.fetchPage(ApiRequest.of("/v2/alerts"));
    }
    assertEquals(1, sleeper.waits.size(), "the second client drew on the first one's budget");
  }

  @Test
  void aRequestCancelledWhileItWaitsGivesItsTokenBack() {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    AtomicBoolean cancel = new AtomicBoolean();
    List<Duration> waits = new ArrayList<>();
    AtomicReference<IncidentIoClient> holder = new AtomicReference<>();
    try (IncidentIoClient client =
        new IncidentIoClient(
            TestApi.config(server)
                .apiKey("test-key-not-real-budget-4")
                .rateLimit(2, Duration.ofSeconds(1))
                .build(),
            TestApi.CLOCK,
            d -> {
              waits.add(d);
              if (waits.size() == 1) {
                // The statement is cancelled while its request waits for the budget.
                cancel.set(true);
                holder.get().cancelFlaggedCalls();
              }
            },
            () -> 0L)) {
      holder.set(client);
      client.fetchPage(ApiRequest.of("/v2/alerts"));
      assertThrows(
          ApiCancelledException.class,
          () -> client.fetchPage(ApiRequest.of("/v2/alerts"), ApiCallScope.of(cancel, null)));
      client.fetchPage(ApiRequest.of("/v2/alerts"));
    }
    assertEquals(2, server.getRequestCount(), "the cancelled request was not sent");
    // Had the cancelled request kept its token, the next one would wait two seconds.
    assertEquals(2, waits.size(), waits.toString());
    assertNear(Duration.ofSeconds(1), waits.get(0));
    assertNear(Duration.ofSeconds(1), waits.get(1));
  }

  private static void assertNear(Duration expected, Duration actual) {
    long diff = Math.abs(expected.toMillis() - actual.toMillis());
    assertTrue(diff < 200, "expected about " + expected + ", got " + actual);
  }
}
