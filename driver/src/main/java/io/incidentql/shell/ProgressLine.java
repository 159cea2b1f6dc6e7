package io.incidentql.shell;

import io.incidentql.adapter.api.ApiActivity;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Status line on the terminal while a statement runs: time so far, requests sent, rows read, rows
 * answered from the response cache (when there are any) and time spent waiting for the rate limit,
 * redrawn in place and erased before the result prints.
 *
 * <p>It reads the connection's {@link ApiActivity} (what any JDBC client gets from {@code
 * connection.unwrap(ApiActivity.class)}) and shows the difference from when the statement began.
 * Nothing is drawn for a statement that ends within {@link #FIRST_DRAW}, so quick ones do not
 * flicker.
 */
public final class ProgressLine {
  static final Duration FIRST_DRAW = Duration.ofMillis(700);
  static final Duration REDRAW = Duration.ofMillis(250);
  /** Carriage return and erase to the end of the line (ANSI; drawn only on a terminal). */
  static final String ERASE = "\r\u001b[K";

  private final ApiActivity activity;
  private final ApiActivity.Snapshot start;
  private final long startNanos;
  private final PrintStream out;
  private ScheduledFuture<?> task;
  private boolean drawn;
  private boolean stopped;

  ProgressLine(ApiActivity activity, PrintStream out) {
    this.activity = activity;
    this.start = activity.snapshot();
    this.startNanos = System.nanoTime();
    this.out = out;
  }

  /** Starts redrawing the line on {@code out} with {@code ticker}'s thread until {@link #stop}. */
  public static ProgressLine start(
      ApiActivity activity, PrintStream out, ScheduledExecutorService ticker) {
    ProgressLine line = new ProgressLine(activity, out);
    line.task =
        ticker.scheduleWithFixedDelay(
            line::draw, FIRST_DRAW.toMillis(), REDRAW.toMillis(), TimeUnit.MILLISECONDS);
    return line;
  }

  /** Draws the current figures over the previous line. */
  synchronized void draw() {
    if (stopped) {
      return;
    }
    ApiActivity.Snapshot now = activity.snapshot().minus(start);
    out.print(ERASE + render(now, Duration.ofNanos(System.nanoTime() - startNanos)));
    out.flush();
    drawn = true;
  }

  /** Stops redrawing and erases the line; the result (or error) then prints where it was. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (task != null) {
      task.cancel(false);
    }
    if (drawn) {
      out.print(ERASE);
      out.flush();
    }
  }

  /**
   * Returns the line's text, as in {@code Running 12.4 s: 7 requests, 1,750 rows read, 500 rows
   * from 2 cached answers, ...}; the cache's part only when some answer came from it.
   */
  static String render(ApiActivity.Snapshot s, Duration elapsed) {
    StringBuilder sb =
        new StringBuilder()
            .append("Running ")
            .append(seconds(elapsed))
            .append(": ")
            .append(count(s.requests(), "request"))
            .append(", ")
            .append(count(s.rows(), "row"))
            .append(" read");
    if (s.cachedResponses() > 0) {
      sb.append(", ")
          .append(count(s.cachedRows(), "row"))
          .append(" from ")
          .append(count(s.cachedResponses(), "cached answer"));
    }
    if (!s.rateLimitWait().isZero()) {
      sb.append(", ").append(seconds(s.rateLimitWait())).append(" waiting for the rate limit");
    }
    return sb.append(" (Ctrl-C cancels)").toString();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
