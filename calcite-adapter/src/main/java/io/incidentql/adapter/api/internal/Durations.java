package io.incidentql.adapter.api.internal;

import java.time.Duration;

/** Formatter of durations for people: {@code 250 ms}, {@code 7 s}, {@code 1 min 30 s}. */
public final class Durations {
  private Durations() {}

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
