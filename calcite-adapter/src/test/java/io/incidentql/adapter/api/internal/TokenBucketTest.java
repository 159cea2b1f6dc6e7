package io.incidentql.adapter.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Tests of the token bucket that keeps the client within the API's budget. */
class TokenBucketTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void allowsABurstOfATwentiethOfTheBudgetThenSpacesRequestsOut() {
    TokenBucket bucket = new TokenBucket(1200, Duration.ofMinutes(1), now::get);
    for (int i = 0; i < 60; i++) {
      assertEquals(Duration.ZERO, bucket.reserve(), "request " + i + " of the burst");
    }
    // The remaining 1140 requests of the minute come one every 60/1140 s.
    long step = Duration.ofMinutes(1).toNanos() / 1140;
    assertNear(step, bucket.reserve().toNanos());
    assertNear(2 * step, bucket.reserve().toNanos());
    now.addAndGet(2 * step);
    assertNear(step, bucket.reserve().toNanos());
  }

  @Test
  void neverGrantsMoreThanTheBudgetInAnyWindow() {
    TokenBucket bucket = new TokenBucket(40, Duration.ofSeconds(2), now::get);
    // Each request goes out when its reservation says; count the sends in the first window.
    long start = now.get();
    long windowEnd = start + Duration.ofSeconds(2).toNanos();
    int sent = 0;
    for (int i = 0; i < 200; i++) {
      long sendAt = now.get() + bucket.reserve().toNanos();
      if (sendAt < windowEnd) {
        sent++;
      }
    }
    assertTrue(sent <= 40, sent + " requests in one window");
    assertTrue(sent >= 38, "the budget is used, less its safety margin: " + sent);
  }

  @Test
  void refillsNoFurtherThanTheBurst() {
    TokenBucket bucket = new TokenBucket(100, Duration.ofSeconds(1), now::get);
    now.addAndGet(Duration.ofHours(1).toNanos());
    for (int i = 0; i < 5; i++) {
      assertEquals(Duration.ZERO, bucket.reserve());
    }
    assertTrue(bucket.reserve().toNanos() > 0, "an idle hour does not bank an hour of requests");
  }

  @Test
  void isSharedByClientsWithTheSameKeyAndBaseUrlOnly() {
    TokenBucket a = TokenBucket.shared("https://api.incident.io/", "test-key-not-real-1", 1200,
        Duration.ofMinutes(1));
    assertSame(a, TokenBucket.shared("https://api.incident.io/", "test-key-not-real-1", 1200,
        Duration.ofMinutes(1)));
    assertNotSame(a, TokenBucket.shared("https://api.incident.io/", "test-key-not-real-2", 1200,
        Duration.ofMinutes(1)));
    assertNotSame(a, TokenBucket.shared("http://127.0.0.1:1/", "test-key-not-real-1", 1200,
        Duration.ofMinutes(1)));
    assertTrue(!a.toString().contains("test-key"), a.toString());
  }

  private static void assertNear(long expected, long actual) {
    assertTrue(Math.abs(expected - actual) <= 1_000, "expected " + expected + ", got " + actual);
  }
}
