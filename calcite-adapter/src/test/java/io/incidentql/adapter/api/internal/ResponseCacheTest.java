package io.incidentql.adapter.api.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Tests of the response cache's store: age, least-recently-used eviction by bytes, sharing. */
class ResponseCacheTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);
  private final AtomicLong now = new AtomicLong();

  private ResponseCache store(String base, long maxBytes) {
    return ResponseCache.acquire(base, "test-key-not-real", maxBytes, now::get);
  }

  @Test
  void anAnswerIsGivenWhileYoungerThanTheReadersTimeToLive() {
    ResponseCache c = store("http://127.0.0.1:1/", 100);
    try {
      c.put("a", new byte[] {1});
      now.set(MINUTE.toNanos() - 1);
      assertArrayEquals(new byte[] {1}, c.get("a", MINUTE));
      now.set(MINUTE.toNanos());
      assertNull(c.get("a", MINUTE));
      assertArrayEquals(new byte[] {1}, c.get("a", MINUTE.multipliedBy(2)), "another reader's");
      assertEquals(new ResponseCache.Stats(2, 1, 0, 1, 1, 100), c.stats());
    } finally {
      c.release();
    }
  }

  @Test
  void theLeastRecentlyUsedAnswersGoFirstToStayWithinTheBytes() {
    ResponseCache c = store("http://127.0.0.1:2/", 10);
    try {
      c.put("a", new byte[4]);
      c.put("b", new byte[4]);
      c.get("a", MINUTE); // a is now the most recently used
      c.put("c", new byte[4]);
      assertNull(c.get("b", MINUTE));
      assertEquals(8, c.stats().bytes());
      assertEquals(1, c.stats().evictions());
      c.put("huge", new byte[11]);
      assertNull(c.get("huge", MINUTE), "larger than the bound: not kept");
      assertEquals(2, c.stats().entries(), "and nothing evicted for it");
      c.put("a", new byte[2]);
      assertEquals(6, c.stats().bytes(), "a replaced answer counts once");
    } finally {
      c.release();
    }
  }

  @Test
  void oneStorePerKeyAndBaseUrlWhileUsedForgottenAfterTheLastRelease() {
    ResponseCache a = store("http://127.0.0.1:3/", 10);
    ResponseCache b = store("http://127.0.0.1:3/", 10);
    ResponseCache other =
        ResponseCache.acquire("http://127.0.0.1:3/", "test-key-not-real-2", 10, now::get);
    try {
      assertSame(a, b);
      assertNotSame(a, other);
      a.put("x", new byte[1]);
      assertNull(other.get("x", MINUTE));
    } finally {
      other.release();
    }
    a.release();
    b.release();
    ResponseCache again = store("http://127.0.0.1:3/", 10);
    try {
      assertNotSame(a, again);
      assertNull(again.get("x", MINUTE));
    } finally {
      again.release();
    }
  }
}
