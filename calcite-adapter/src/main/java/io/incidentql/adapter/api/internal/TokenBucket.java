package io.incidentql.adapter.api.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token bucket that keeps a client under the API's request budget: at most {@code limit}
 * requests in any {@code window}.
 *
 * <p>The bucket holds a small burst (a twentieth of the budget, at least one request) and refills
 * at the rest of the budget per window, so that a burst plus a window's refill never exceeds the
 * budget, whether the server counts in fixed or sliding windows. The price is a sustained rate 5%
 * below the budget. A request that finds the bucket empty reserves the next token and is told how
 * long to wait for it, so waiting threads are served in order and never overdraw the budget.
 *
 * <p>Buckets are shared per JVM through {@link #shared}, keyed by a SHA-256 digest of the base
 * URL and key (never the key itself), so every connection that uses one key draws on one budget.
 */
public final class TokenBucket {
  private static final Map<String, TokenBucket> SHARED = new ConcurrentHashMap<>();

  private final int limit;
  private final Duration window;
  private final double capacity;
  private final double tokensPerNano;
  private final LongSupplier nanoClock;
  private double tokens;
  private long lastRefill;

  /**
   * Whether a bucket of {@code limit} per {@code window}, built as this class builds one, never
   * lets more than {@code otherLimit} requests through in any {@code otherWindow}: its burst and
   * its refill over that span fit.
   */
  public static boolean keepsWithin(
      int limit, Duration window, int otherLimit, Duration otherWindow) {
    double capacity = Math.max(1, limit / 20);
    double refillPerWindow = Math.max(limit - capacity, 0.5);
    double most = capacity + refillPerWindow * otherWindow.toNanos() / window.toNanos();
    return most <= otherLimit + 1e-9;
  }

  /** Creates a bucket, full, measured with {@code nanoClock} (as {@link System#nanoTime()}). */
  public TokenBucket(int limit, Duration window, LongSupplier nanoClock) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    if (window.toNanos() < 1) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    this.limit = limit;
    this.window = window;
    this.capacity = Math.max(1, limit / 20);
    // With a budget of 1 the burst is the whole budget; the refill must still be positive.
    double refillPerWindow = Math.max(limit - capacity, 0.5);
    this.tokensPerNano = refillPerWindow / window.toNanos();
    this.nanoClock = nanoClock;
    this.tokens = capacity;
    this.lastRefill = nanoClock.getAsLong();
  }

  /**
   * Returns the bucket of every client of this JVM that sends {@code apiKey} to {@code baseUrl}
   * with this budget; a client with another budget gets a bucket of its own.
   */
  public static TokenBucket shared(String baseUrl, String apiKey, int limit, Duration window) {
    return shared(baseUrl, apiKey, limit, window, System::nanoTime);
  }

  /** As {@link #shared(String, String, int, Duration)}; a new bucket measures with {@code nanoClock}. */
  public static TokenBucket shared(
      String baseUrl, String apiKey, int limit, Duration window, LongSupplier nanoClock) {
    String id = digest(baseUrl + "\n" + (apiKey == null ? "" : apiKey)) + "/" + limit + "/" + window;
    return SHARED.computeIfAbsent(id, k -> new TokenBucket(limit, window, nanoClock));
  }

  /**
   * Takes one token and returns how long the caller must wait before sending its request: zero
   * when a token was at hand, otherwise the time until the reserved token is due.
   */
  public synchronized Duration reserve() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
    lastRefill = now;
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / tokensPerNano));
  }

  /**
   * Takes {@code n} tokens for requests already sent without this bucket, so that they count
   * against its first window; the bucket may go below empty, and later requests wait longer.
   */
  public synchronized void debit(int n) {
    tokens -= n;
  }

  /** Gives back a reserved token that was not used (its request was cancelled while waiting). */
  public synchronized void refund() {
    tokens = Math.min(capacity, tokens + 1);
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }

  @Override
  public String toString() {
    return "TokenBucket{" + limit + " requests per " + window + "}";
  }

  /** A SHA-256 digest of {@code text} in hex: how buckets name a key without holding it. */
  static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
