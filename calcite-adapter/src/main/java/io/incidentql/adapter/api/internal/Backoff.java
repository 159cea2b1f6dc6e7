package io.incidentql.adapter.api.internal;

import java.time.Duration;

/**
 * Schedule of exponential backoff shared by every retry of the client: a first step, doubled for
 * each further retry, never longer than {@link #MAX_STEP}.
 *
 * <p>The retry after a server error spreads its steps with "equal jitter" ({@link #jittered}); the
 * retry after a 429 without a hint takes the plain steps ({@link #step}).
 */
public final class Backoff {
  /** The longest single step. */
  public static final Duration MAX_STEP = Duration.ofSeconds(30);

  private final Duration first;

  /** Creates the schedule whose step before the first retry is {@code first}. */
  public Backoff(Duration first) {
    if (first.isNegative()) {
      throw new IllegalArgumentException("first backoff must not be negative: " + first);
    }
    this.first = first;
  }

  /** Returns the step before retry number {@code retry} (from 0): doubling, capped. */
  public Duration step(int retry) {
    long max = MAX_STEP.toNanos();
    long step = Math.min(first.toNanos(), max);
    for (int i = 0; i < retry && step < max; i++) {
      step *= 2;
    }
    return Duration.ofNanos(Math.min(step, max));
  }

  /**
   * Returns the step before retry number {@code retry}, jittered by {@code random} in [0, 1):
   * half of it fixed, half random, so that clients that failed together spread out without any
   * of them retrying at once.
   */
  public Duration jittered(int retry, double random) {
    long step = step(retry).toNanos();
    long half = step / 2;
    return Duration.ofNanos(half + (long) (random * (step - half)));
  }

  @Override
  public String toString() {
    return "Backoff{first=" + first + ", max=" + MAX_STEP + "}";
  }
}
