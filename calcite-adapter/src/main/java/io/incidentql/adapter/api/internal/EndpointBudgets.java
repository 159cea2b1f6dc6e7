package io.incidentql.adapter.api.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Registry of the request budgets that single endpoints announce in {@code X-RateLimit-Limit}
 * ({@code 60, 1200;window=60, 60;window=60} on {@code /v2/incidents}), each kept as a
 * {@link TokenBucket} of its own on top of the key-wide one.
 *
 * <p>Each limit a header lists that the key-wide bucket the client already keeps does not enforce
 * by itself (its burst plus its refill over the limit's window exceed the limit) gets a bucket of
 * its own for the endpoint; a request waits for every bucket of its endpoint. Requests sent to an
 * endpoint before its first answer taught its limits are debited from the new buckets, so that
 * they count against the endpoint's first window too. A limit over a window longer than an
 * hour, or of fewer than one request, is ignored: a server could otherwise hold the client back
 * without end. Endpoints are told apart by their first two path segments, plus {@code /{id}} for
 * a path that names one record.
 *
 * <p>Budgets are shared per JVM, keyed by a digest of the base URL and key (never the key
 * itself), like the key-wide bucket: every connection that uses one key paces one endpoint
 * together.
 */
public final class EndpointBudgets {
  private static final Map<String, Slot> SHARED = new ConcurrentHashMap<>();
  private static final Duration LONGEST_WINDOW = Duration.ofHours(1);

  private final String owner;
  private final int keyLimit;
  private final Duration keyWindow;
  private final LongSupplier nanoClock;

  /** What is known of one endpoint: its learnt buckets, or how many requests went out before. */
  private static final class Slot {
    private List<Limit> limits;
    private List<TokenBucket> buckets = List.of();
    private int sentBeforeKnown;
  }

  /** One limit out of {@code X-RateLimit-Limit}: {@code limit} requests per {@code window}. */
  record Limit(int limit, Duration window) {}

  /**
   * Creates the view of one client.
   *
   * @param keyLimit the key-wide budget the client keeps, per {@code keyWindow}
   * @param nanoClock the time the buckets are measured with (as {@link System#nanoTime()})
   */
  public EndpointBudgets(
      String baseUrl, String apiKey, int keyLimit, Duration keyWindow, LongSupplier nanoClock) {
    this.owner = TokenBucket.digest(baseUrl + "\n" + (apiKey == null ? "" : apiKey));
    this.keyLimit = keyLimit;
    this.keyWindow = keyWindow;
    this.nanoClock = nanoClock;
  }

  /** The endpoint a path belongs to: {@code /v2/incidents}, {@code /v2/alerts/{id}}. */
  static String endpointOf(List<String> segments) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(2, segments.size()); i++) {
      out.append('/').append(segments.get(i));
    }
    return segments.size() > 2 ? out.append("/{id}").toString() : out.toString();
  }

  /**
   * Returns the buckets that pace {@code endpoint}, empty while none is known; then the request
   * about to go out is remembered, to be debited once the endpoint's limits are learnt.
   */
  List<TokenBucket> bucketsFor(String endpoint) {
    Slot slot = SHARED.computeIfAbsent(owner + endpoint, k -> new Slot());
    synchronized (slot) {
      if (slot.limits == null) {
        slot.sentBeforeKnown++;
      }
      return slot.buckets;
    }
  }

  /** Learns the limits of {@code endpoint} from a response's {@code X-RateLimit-Limit}. */
  void learn(String endpoint, String header) {
    List<Limit> own = new ArrayList<>();
    for (Limit l : limits(header)) {
      if (!TokenBucket.keepsWithin(keyLimit, keyWindow, l.limit(), l.window())) {
        own.add(l);
      }
    }
    if (own.isEmpty()) {
      return;
    }
    Slot slot = SHARED.computeIfAbsent(owner + endpoint, k -> new Slot());
    synchronized (slot) {
      if (own.equals(slot.limits)) {
        return;
      }
      List<TokenBucket> buckets = new ArrayList<>();
      for (Limit l : own) {
        TokenBucket bucket = new TokenBucket(l.limit(), l.window(), nanoClock);
        bucket.debit(slot.limits == null ? slot.sentBeforeKnown : 0);
        buckets.add(bucket);
      }
      slot.sentBeforeKnown = 0;
      slot.limits = List.copyOf(own);
      slot.buckets = List.copyOf(buckets);
    }
  }

  /** The limits {@code header} lists with a window; those that cannot be used are left out. */
  static List<Limit> limits(String header) {
    List<Limit> out = new ArrayList<>();
    if (header != null) {
      for (String item : header.split(",")) {
        Limit l = parse(item.strip());
        if (l != null && !out.contains(l)) {
          out.add(l);
        }
      }
    }
    return out;
  }

  /** {@code 1200;window=60}, or null for anything else (a bare number names no window). */
  private static Limit parse(String item) {
    String[] parts = item.split(";");
    if (parts.length < 2) {
      return null;
    }
    try {
      long limit = Long.parseLong(parts[0].strip());
      Duration window = null;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip();
        if (p.startsWith("window=")) {
          BigDecimal seconds = new BigDecimal(p.substring("window=".length()).strip());
          if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
            return null;
          }
          window = Duration.ofNanos(seconds.movePointRight(9).longValue());
        }
      }
      if (window == null || window.toMillis() < 1 || window.compareTo(LONGEST_WINDOW) > 0
          || limit < 1 || limit > Integer.MAX_VALUE) {
        return null;
      }
      return new Limit((int) limit, window);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
