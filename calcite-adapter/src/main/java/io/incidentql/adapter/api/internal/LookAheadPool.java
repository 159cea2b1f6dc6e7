package io.incidentql.adapter.api.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pool of the daemon threads that fetch a cursor's next page while its current page is read:
 * created on first use, with no thread kept once idle for a few seconds.
 */
public final class LookAheadPool {
  private final AtomicInteger threads = new AtomicInteger();
  private ExecutorService executor;
  private boolean closed;

  /** Returns the executor, or null once the pool is closed. */
  public synchronized ExecutorService executor() {
    if (closed) {
      return null;
    }
    if (executor == null) {
      executor = daemonThreads("incidentql-look-ahead-", threads);
    }
    return executor;
  }

  /**
   * Returns an executor that starts a daemon thread per task when none is idle, named by {@code
   * prefix} and a number from {@code ids}, and lets each go once idle for a few seconds.
   */
  public static ExecutorService daemonThreads(String prefix, AtomicInteger ids) {
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        10,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, prefix + ids.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Lets the running fetches end and their threads go; the fetches end with the cursors that
   * started them, so nothing waits for them here. Closing twice is harmless.
   */
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdown();
    }
  }
}
