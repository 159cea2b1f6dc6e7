package io.incidentql.adapter.api.internal;

import java.time.Duration;

/**
 * Formatter of durations for people ({@code 250 ms}, {@code 7 s}, {@code 1 min 30 s}), and their
 * conversion to the whole milliseconds OkHttp's timeouts take.
 */
public final class Durations {
  private Durations() {}

  /**
   * Returns the duration in whole milliseconds, rounded up: to OkHttp, 0 means no timeout at all,
   * so a timeout below a millisecond must not become 0.
   */
  public static long toMillisRoundedUp(Duration d) {
    long nanos = d.toNanos();
    return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
  }

  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return ms % 1000 == 0
          ? (ms / 1000) + " s"
          : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = d.getSeconds();
    return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
  }
}
