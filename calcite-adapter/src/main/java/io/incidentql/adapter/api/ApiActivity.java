package io.incidentql.adapter.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Running totals of one client's work: requests sent and the rows their answers held, answers
 * read from the response cache instead of a request and the rows those held, and time spent
 * waiting for the rate limit (the client's own budget and the API's 429 answers).
 *
 * <p>A request is an HTTP request that went on the wire: each attempt counts, retries included,
 * and an answer from the cache does not. The rows of the cache's answers are kept apart from
 * those received, so that a query repeated within the cache's time to live shows no requests and
 * no rows received, and as many cached rows as the first run received.
 *
 * <p>The totals only grow. A caller that wants the figures of one query takes a {@link
 * #snapshot()} before it and subtracts it from later ones ({@link Snapshot#minus}); a progress
 * display polls from another thread while the query runs. A wait in progress counts as it goes.
 */
public final class ApiActivity {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong cachedResponses = new AtomicLong();
  private final AtomicLong cachedRows = new AtomicLong();
  private final AtomicLong waitedNanos = new AtomicLong();
  /** Waits under way: how many, and the sum of their start times (to count them live). */
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong waitStartSum = new AtomicLong();

  /**
   * Figures at one moment, or the difference between two moments.
   *
   * @param requests HTTP requests sent to the API, every attempt (retries included)
   * @param rows rows in the answers of those requests
   * @param cachedResponses answers read from the response cache, where no request was sent
   * @param cachedRows rows in those answers
   * @param rateLimitWait time spent waiting for the rate limit
   */
  public record Snapshot(
      long requests, long rows, long cachedResponses, long cachedRows, Duration rateLimitWait) {
    /** Returns what happened between {@code earlier} and this snapshot. */
    public Snapshot minus(Snapshot earlier) {
      return new Snapshot(
          requests - earlier.requests,
          rows - earlier.rows,
          cachedResponses - earlier.cachedResponses,
          cachedRows - earlier.cachedRows,
          rateLimitWait.minus(earlier.rateLimitWait));
    }
  }

  /** Returns the totals so far. */
  public Snapshot snapshot() {
    long now = System.nanoTime();
    int n = waiting.get();
    long live = n == 0 ? 0 : Math.max(0, n * now - waitStartSum.get());
    return new Snapshot(
        requests.get(),
        rows.get(),
        cachedResponses.get(),
        cachedRows.get(),
        Duration.ofNanos(waitedNanos.get() + live));
  }

  void requestSent() {
    requests.incrementAndGet();
  }

  /** Counts the rows of an answer the API sent. */
  void rowsReceived(int count) {
    rows.addAndGet(count);
  }

  /** Counts an answer read from the response cache instead of a request, and its rows. */
  void answeredFromCache(int rowCount) {
    cachedResponses.incrementAndGet();
    cachedRows.addAndGet(rowCount);
  }

  /** Returns a sleeper that counts the time spent in {@code sleeper} as rate-limit waiting. */
  Sleeper countingRateLimitWaits(Sleeper sleeper) {
    return new Sleeper() {
      @Override
      public void sleep(Duration duration) throws InterruptedException {
        long start = begin();
        try {
          sleeper.sleep(duration);
        } finally {
          end(start);
        }
      }

      @Override
      public boolean sleep(Duration duration, BooleanSupplier stop) throws InterruptedException {
        long start = begin();
        try {
          return sleeper.sleep(duration, stop);
        } finally {
          end(start);
        }
      }
    };
  }

  private long begin() {
    long start = System.nanoTime();
    waitStartSum.addAndGet(start);
    waiting.incrementAndGet();
    return start;
  }

  private void end(long start) {
    waitedNanos.addAndGet(System.nanoTime() - start);
    waiting.decrementAndGet();
    waitStartSum.addAndGet(-start);
  }
}
