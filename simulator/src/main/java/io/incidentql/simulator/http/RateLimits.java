package io.incidentql.simulator.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Budgets a request spends, its key's and, for a path that has one ({@code /v2/incidents}), the
 * path's own, and the {@code X-RateLimit-*} headers that describe them.
 *
 * <p>Headers follow the contract's "Rate limit headers": {@code X-RateLimit-Limit} names the
 * binding limit, then every limit that applied with its window in seconds
 * ({@code 60, 1200;window=60, 60;window=60}); {@code -Remaining}, {@code -Used} and {@code -Reset}
 * (Unix seconds) describe the limit with the least allowance left. A request refused by the
 * path's budget does not spend the key's; one refused by the key's budget gives the path's back.
 */
public final class RateLimits {
  private final RateLimiter key;
  private final Map<String, RateLimiter> paths;

  /** What one request met: allowed or not, the binding limit's decision and the headers. */
  record Outcome(boolean allowed, RateLimiter.Decision binding, Map<String, String> headers) {}

  /**
   * @param paths the budget of each path that has one of its own
   */
  public RateLimits(RateLimiter key, Map<String, RateLimiter> paths) {
    this.key = key;
    this.paths = Map.copyOf(paths);
  }

  /** Sets a new budget per key and forgets every open window, of the key and of every path. */
  public void reconfigure(int limit, Duration window) {
    key.reconfigure(limit, window);
    reset();
  }

  /** Gives every key its full budget again, on every path. */
  public void reset() {
    key.reset();
    paths.values().forEach(RateLimiter::reset);
  }

  /** The key's budget per window. */
  public int keyLimit() {
    return key.limit();
  }

  /** Spends one request of {@code apiKey} on {@code path}. */
  Outcome acquire(String apiKey, String path) {
    RateLimiter own = paths.get(path);
    RateLimiter.Decision onPath = own == null ? null : own.acquire(apiKey);
    if (onPath != null && !onPath.allowed()) {
      RateLimiter.Decision onKey = key.peek(apiKey);
      return new Outcome(false, onPath, headers(onPath, onKey, onPath));
    }
    RateLimiter.Decision onKey = key.acquire(apiKey);
    if (!onKey.allowed()) {
      if (own != null) {
        own.refund(apiKey);
        onPath = own.peek(apiKey);
      }
      return new Outcome(false, onKey, headers(onKey, onKey, onPath));
    }
    RateLimiter.Decision binding =
        onPath != null && onPath.remaining() < onKey.remaining() ? onPath : onKey;
    return new Outcome(true, binding, headers(binding, onKey, onPath));
  }

  /** A 429's {@code Retry-After}: whole seconds until the binding window ends, at least 1. */
  static String retryAfterSeconds(RateLimiter.Decision binding, long nowMillis) {
    long millis = binding.retryAtMillis() - nowMillis;
    return Long.toString(Math.max(1, Math.floorDiv(millis + 999, 1000)));
  }

  private static Map<String, String> headers(RateLimiter.Decision binding,
      RateLimiter.Decision onKey, RateLimiter.Decision onPath) {
    StringBuilder limit = new StringBuilder().append(binding.limit())
        .append(", ").append(policy(onKey));
    if (onPath != null) {
      limit.append(", ").append(policy(onPath));
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("X-RateLimit-Limit", limit.toString());
    out.put("X-RateLimit-Remaining", Integer.toString(binding.remaining()));
    out.put("X-RateLimit-Used", Integer.toString(binding.used()));
    out.put("X-RateLimit-Reset", Long.toString(Math.floorDiv(binding.retryAtMillis() + 999, 1000)));
    return out;
  }

  /** {@code 1200;window=60}; a window shorter than whole seconds (tests) in decimal seconds. */
  private static String policy(RateLimiter.Decision d) {
    long ms = d.windowMillis();
    String window = ms % 1000 == 0 ? Long.toString(ms / 1000)
        : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    return d.limit() + ";window=" + window;
  }
}
