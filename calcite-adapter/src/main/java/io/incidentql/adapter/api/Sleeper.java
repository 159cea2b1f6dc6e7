package io.incidentql.adapter.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Strategy that pauses the calling thread; a seam so that tests can observe a rate-limit wait
 * without spending it.
 */
@FunctionalInterface
public interface Sleeper {
  /** A sleeper that really sleeps. */
  Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  /** Pauses for the given duration. */
  void sleep(Duration duration) throws InterruptedException;
}
