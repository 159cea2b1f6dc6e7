package io.incidentql.simulator.http;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Fixed-window request budget per API key: a window opens at a key's first request, allows
 * {@code limit} requests, and closes {@code window} later, when the full budget returns.
 */
public final class RateLimiter {
  private final Clock clock;
  private final Map<String, long[]> windows = new HashMap<>();
  private int limit;
  private long windowMillis;

  /**
   * Outcome of one request: allowed, or refused until {@code retryAtMillis}, the end of the
   * window, when the full budget returns.
   */
  record Decision(boolean allowed, int limit, int remaining, long retryAtMillis,
      long windowMillis) {
    int used() {
      return limit - remaining;
    }
  }

  public RateLimiter(int limit, Duration window, Clock clock) {
    this.clock = clock;
    reconfigure(limit, window);
  }

  /** Sets a new budget and forgets every open window. */
  public synchronized void reconfigure(int limit, Duration window) {
    if (limit < 1) {
      throw new IllegalArgumentException("rate limit must be at least 1: " + limit);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("rate limit window must be positive: " + window);
    }
    this.limit = limit;
    this.windowMillis = window.toMillis() == 0 ? 1 : window.toMillis();
    windows.clear();
  }

  /** Forgets every open window, so every key has its full budget again. */
  public synchronized void reset() {
    windows.clear();
  }

  public synchronized int limit() {
    return limit;
  }

  /** Counts one request by {@code key} (the key itself; it is never shown). */
  synchronized Decision acquire(String key) {
    long now = clock.millis();
    long[] window = windows.get(key);
    if (window == null || now >= window[0] + windowMillis) {
      window = new long[] {now, 0};
      windows.put(key, window);
    }
    long resetAt = window[0] + windowMillis;
    if (window[1] >= limit) {
      return new Decision(false, limit, 0, resetAt, windowMillis);
    }
    window[1]++;
    return new Decision(true, limit, (int) (limit - window[1]), resetAt, windowMillis);
  }

  /** Where {@code key} stands, without spending anything. */
  synchronized Decision peek(String key) {
    long now = clock.millis();
    long[] window = windows.get(key);
    if (window == null || now >= window[0] + windowMillis) {
      return new Decision(true, limit, limit, now + windowMillis, windowMillis);
    }
    int remaining = (int) Math.max(0, limit - window[1]);
    return new Decision(remaining > 0, limit, remaining, window[0] + windowMillis, windowMillis);
  }

  /** Gives back the request {@code key} was last counted for (another budget refused it). */
  synchronized void refund(String key) {
    long[] window = windows.get(key);
    if (window != null && window[1] > 0) {
      window[1]--;
    }
  }
}
