package io.incidentql.adapter.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.api.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Tests of the timing of retries after server errors, with a fixed jitter and a sleeper that only
 * records: the waits are exact, and no test spends them.
 */
class RetryInterceptorTest extends LoopbackServerTest {
  private final List<Duration> waits = new ArrayList<>();
  private OkHttpClient http(int maxRetries, Duration first, Duration maxTotal, Sleeper sleeper) {
    return new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .addInterceptor(new RetryInterceptor(maxRetries, first, maxTotal, sleeper, () -> 0.5))
        .build();
  }

  private void enqueue(int... codes) {
    for (int code : codes) {
      server.enqueue(new MockResponse.Builder().code(code).body("{}").build());
    }
  }

  @Test
  void waitsThreeQuartersOfEachDoublingStepUpToTheCap() throws IOException {
    enqueue(503, 503, 503, 503, 503, 503, 200);
    OkHttpClient http = http(10, Duration.ofSeconds(4), Duration.ofHours(1), waits::add);
    try (Response r = http.newCall(new Request.Builder().url(server.url("/v2/x")).build())
        .execute()) {
      assertEquals(200, r.code());
    }
    // Steps of 4, 8, 16, 30, 30, 30 s; with the jitter fixed at one half, three quarters of each.
    assertEquals(
        List.of(3000L, 6000L, 12000L, 22500L, 22500L, 22500L),
        waits.stream().map(Duration::toMillis).toList());
    assertEquals(7, server.getRequestCount());
  }

  @Test
  void stopsBeforeAWaitThatWouldPassTheTotal() throws IOException {
    enqueue(500, 500, 500, 500);
    Request request = new Request.Builder().url(server.url("/v2/x")).build();
    RetryState state = new RetryState();
    OkHttpClient http = http(10, Duration.ofSeconds(1), Duration.ofSeconds(4), waits::add);
    try (Response r =
        http.newCall(request.newBuilder().tag(RetryState.class, state).build()).execute()) {
      assertEquals(500, r.code());
    }
    // 0.75 s + 1.5 s fit in 4 s; another 3 s does not.
    assertEquals(
        List.of(Duration.ofMillis(750), Duration.ofMillis(1500)), waits);
    assertEquals(3, state.attempts());
    assertEquals(
        "after 3 attempts and 2.3 s of backoff (another wait of 3 s would exceed maxRetryTime"
            + " of 4 s)",
        state.summary());
  }

  @Test
  void aCancelEndsTheWaitAtOnceAndNothingIsSentAgain() throws Exception {
    enqueue(503, 200);
    CountDownLatch waiting = new CountDownLatch(1);
    Sleeper signalling =
        new Sleeper() {
          @Override
          public void sleep(Duration duration) {
            throw new AssertionError("a backoff is always a wait that a cancel ends");
          }

          @Override
          public boolean sleep(Duration duration, BooleanSupplier stop)
              throws InterruptedException {
            waits.add(duration);
            waiting.countDown();
            return Sleeper.SYSTEM.sleep(duration, stop);
          }
        };
    // A first step of a minute: the wait is 22.5 s, far past the bound below.
    OkHttpClient http = http(3, Duration.ofMinutes(1), Duration.ofHours(1), signalling);
    Call call = http.newCall(new Request.Builder().url(server.url("/v2/x")).build());
    CompletableFuture<IOException> failure =
        CompletableFuture.supplyAsync(
            () -> {
              try (Response r = call.execute()) {
                return null;
              } catch (IOException e) {
                return e;
              }
            });
    assertTrue(waiting.await(5, TimeUnit.SECONDS), "the 503 leads to a backoff");
    call.cancel();
    IOException e = failure.get(5, TimeUnit.SECONDS);
    assertEquals("Canceled", e == null ? null : e.getMessage());
    assertEquals(List.of(Duration.ofMillis(22_500)), waits);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void anInterruptDuringTheWaitEndsTheCallAndKeepsTheFlag() {
    enqueue(503, 200);
    OkHttpClient http =
        http(3, Duration.ofSeconds(1), Duration.ofMinutes(1), d -> {
          throw new InterruptedException();
        });
    Call call = http.newCall(new Request.Builder().url(server.url("/v2/x")).build());
    try {
      InterruptedIOException e = assertThrows(InterruptedIOException.class, call::execute);
      assertEquals("interrupted while backing off", e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    assertEquals(1, server.getRequestCount());
  }
}
