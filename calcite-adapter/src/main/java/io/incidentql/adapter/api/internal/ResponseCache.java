package io.incidentql.adapter.api.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Store of the API's successful answers, shared by every client of the JVM that sends the same
 * key to the same base URL, so that a query repeated within the time to live sends nothing.
 *
 * <p>An entry is the body of a 200 answer, exactly as received, under the request's full URL
 * (path and parameters); what reads it parses and checks it as it would a fresh answer. Each
 * reader decides how old an entry it accepts (its connection's time to live); the store only
 * bounds its memory: the bodies it holds add up to at most {@code maxBytes}, the least recently
 * used going first. Stores are keyed, like the request budgets, by a SHA-256 digest of the base
 * URL and key (never the key itself) and by their bound, so one key's answers never reach a
 * connection that uses another key. A store lives while a client uses it: once the last
 * connection of a key closes, its answers are gone.
 */
public final class ResponseCache {
  private static final Map<String, ResponseCache> SHARED = new ConcurrentHashMap<>();

  private final String id;
  private final long maxBytes;
  private final LongSupplier nanoClock;
  /** How many clients use the store; changed only within {@code SHARED.compute}. */
  private int users;
  /** In access order: the first entry is the least recently used. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;
  private long evictions;

  private record Entry(byte[] body, long storedAtNanos) {}

  /** Figures of one store at one moment. */
  public record Stats(long hits, long misses, long evictions, int entries, long bytes, long maxBytes) {}

  private ResponseCache(String id, long maxBytes, LongSupplier nanoClock) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be 1 or more: " + maxBytes);
    }
    this.id = id;
    this.maxBytes = maxBytes;
    this.nanoClock = nanoClock;
  }

  /**
   * Returns the store of every client of this JVM that sends {@code apiKey} to {@code baseUrl}
   * with this bound, counting one more user; a new store ages its entries with {@code nanoClock}
   * (as {@link System#nanoTime()}), so a test that acquires it first controls its time. Each
   * user calls {@link #release()} once; the last one's release forgets the store and its
   * answers.
   */
  public static ResponseCache acquire(
      String baseUrl, String apiKey, long maxBytes, LongSupplier nanoClock) {
    String id =
        TokenBucket.digest(baseUrl + "\n" + (apiKey == null ? "" : apiKey)) + "/" + maxBytes;
    return SHARED.compute(
        id,
        (k, store) -> {
          ResponseCache s = store == null ? new ResponseCache(id, maxBytes, nanoClock) : store;
          s.users++;
          return s;
        });
  }

  /** Counts one user less; the last one's release forgets the store. */
  public void release() {
    SHARED.computeIfPresent(id, (k, store) -> --store.users == 0 ? null : store);
  }

  /**
   * Returns the body stored for {@code url} if it is younger than {@code ttl}, counting a hit,
   * or null, counting a miss.
   */
  public synchronized byte[] get(String url, Duration ttl) {
    Entry e = entries.get(url);
    if (e != null && nanoClock.getAsLong() - e.storedAtNanos() < ttl.toNanos()) {
      hits++;
      return e.body();
    }
    misses++;
    return null;
  }

  /**
   * Stores the body of a successful answer to {@code url}, replacing any older one, and evicts
   * the least recently used entries until the bodies fit the bound; a body larger than the bound
   * is not stored.
   */
  public synchronized void put(String url, byte[] body) {
    Entry old = entries.remove(url);
    if (old != null) {
      bytes -= old.body().length;
    }
    if (body.length > maxBytes) {
      return;
    }
    entries.put(url, new Entry(body, nanoClock.getAsLong()));
    bytes += body.length;
    Iterator<Entry> eldest = entries.values().iterator();
    while (bytes > maxBytes) {
      bytes -= eldest.next().body().length;
      eldest.remove();
      evictions++;
    }
  }

  /** Forgets every entry; the counts of hits, misses and evictions go on. */
  public synchronized void clear() {
    entries.clear();
    bytes = 0;
  }

  public synchronized Stats stats() {
    return new Stats(hits, misses, evictions, entries.size(), bytes, maxBytes);
  }
}
