package io.incidentql.adapter.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Strategy that pauses the calling thread; a seam so that tests can observe a wait (rate limit,
 * backoff) without spending it.
 */
@FunctionalInterface
public interface Sleeper {
  /** A sleeper that really sleeps, and notices a stop request within a few milliseconds. */
  Sleeper SYSTEM = new SystemSleeper();

  /** Pauses for the given duration. */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Pauses for the given duration, or less if {@code stop} turns true meanwhile (a call cancelled
   * from another thread, or timed out). Returns whether it was stopped.
   */
  default boolean sleep(Duration duration, BooleanSupplier stop) throws InterruptedException {
    if (stop.getAsBoolean()) {
      return true;
    }
    sleep(duration);
    return stop.getAsBoolean();
  }

  /** Sleeper that sleeps in short slices so that a cancel is seen quickly. */
  final class SystemSleeper implements Sleeper {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private SystemSleeper() {}

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    @Override
    public boolean sleep(Duration duration, BooleanSupplier stop) throws InterruptedException {
      long end = System.nanoTime() + duration.toNanos();
      while (true) {
        if (stop.getAsBoolean()) {
          return true;
        }
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.sleep(Math.min(left, SLICE_NANOS));
      }
    }

    @Override
    public String toString() {
      return "Sleeper.SYSTEM";
    }
  }
}
