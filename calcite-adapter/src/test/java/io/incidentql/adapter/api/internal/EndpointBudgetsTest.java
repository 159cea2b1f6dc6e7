package io.incidentql.adapter.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Tests of learning an endpoint's own limits from {@code X-RateLimit-Limit}. */
class EndpointBudgetsTest {
  private static final String LIVE_INCIDENTS = "60, 1200;window=60, 60;window=60";
  private final AtomicLong now = new AtomicLong(5_000_000_000L);

  private EndpointBudgets budgets(String key) {
    return new EndpointBudgets(
        "http://127.0.0.1:1/", key, 1200, Duration.ofSeconds(60), now::get);
  }

  private static EndpointBudgets.Limit limit(int n, Duration window) {
    return new EndpointBudgets.Limit(n, window);
  }

  @Test
  void readsEveryLimitWithAWindow() {
    assertEquals(
        List.of(limit(1200, Duration.ofSeconds(60)), limit(60, Duration.ofSeconds(60))),
        EndpointBudgets.limits(LIVE_INCIDENTS));
    assertEquals(
        List.of(limit(1200, Duration.ofSeconds(60)), limit(5, Duration.ofMillis(500))),
        EndpointBudgets.limits("5, 1200;window=60, 5;window=0.5"));
  }

  @Test
  void ignoresWhatCannotBeUsed() {
    for (String header :
        new String[] {
          null, "", "60", "60, 1200", "x;window=60", "60;window=", "60;window=-1",
          "60;window=0", "0;window=60", "1;window=86400", "60;window=1e999999",
          "99999999999;window=60"
        }) {
      assertEquals(List.of(), EndpointBudgets.limits(header), String.valueOf(header));
    }
  }

  @Test
  void anEndpointGetsABucketForEachLimitTheKeysBucketDoesNotKeep() {
    EndpointBudgets b = budgets("test-key-not-real-budgets-1");
    assertEquals(List.of(), b.bucketsFor("/v2/alerts"));
    b.learn("/v2/alerts", "1200, 1200;window=60");
    assertEquals(List.of(), b.bucketsFor("/v2/alerts"));
    assertEquals(List.of(), b.bucketsFor("/v2/incidents"));
    b.learn("/v2/incidents", LIVE_INCIDENTS);
    List<TokenBucket> buckets = b.bucketsFor("/v2/incidents");
    assertEquals(1, buckets.size());
    assertEquals(60, buckets.get(0).limit());
    // Shared with every client of the same key and base URL.
    assertSame(buckets.get(0), budgets("test-key-not-real-budgets-1").bucketsFor("/v2/incidents").get(0));
    assertEquals(List.of(), budgets("test-key-not-real-budgets-2").bucketsFor("/v2/incidents"));
  }

  @Test
  void aShortWindowNeedsABucketEvenAtTheKeysRate() {
    // 60 a second is faster than 1,200 a minute, but the key's burst of 60 and its refill would
    // let 79 through in one second.
    EndpointBudgets b = budgets("test-key-not-real-budgets-4");
    b.learn("/v2/incidents", "60, 1200;window=60, 60;window=1");
    assertEquals(1, b.bucketsFor("/v2/incidents").size());
    assertTrue(TokenBucket.keepsWithin(1200, Duration.ofSeconds(60), 1200, Duration.ofSeconds(60)));
    assertFalse(TokenBucket.keepsWithin(1200, Duration.ofSeconds(60), 60, Duration.ofSeconds(1)));
  }

  @Test
  void requestsSentBeforeTheLimitWasKnownCountAgainstIt() {
    EndpointBudgets b = budgets("test-key-not-real-budgets-3");
    for (int i = 0; i < 3; i++) {
      assertEquals(List.of(), b.bucketsFor("/v2/incidents"));
    }
    b.learn("/v2/incidents", LIVE_INCIDENTS);
    // A burst of three was spent by the three requests already sent: the next one waits.
    assertTrue(b.bucketsFor("/v2/incidents").get(0).reserve().compareTo(Duration.ZERO) > 0);
  }

  @Test
  void namesEndpointsByTheirFirstTwoSegments() {
    assertEquals("/v2/incidents", EndpointBudgets.endpointOf(List.of("v2", "incidents")));
    assertEquals("/v2/alerts/{id}", EndpointBudgets.endpointOf(List.of("v2", "alerts", "01AB")));
  }
}
