package io.incidentql.simulator;

import io.incidentql.simulator.http.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Queue of misbehaviours to inject into the next responses, settable while the simulator runs.
 *
 * <pre>{@code
 * sim.faults().next(2).status(503);                          // the next two requests get a 503
 * sim.faults().next().onPath("/v2/incidents").disconnect();  // then the next incidents request
 * sim.faults().next().repeatCursor();                        // a page that repeats its cursor
 * }</pre>
 *
 * <p>Faults are consumed in the order they were planned: each request takes the first planned
 * fault that applies to it (its path starts with the fault's prefix; a repeated cursor also
 * waits for a request that carries {@code after}). Faults that replace the response (status,
 * 429, HTML page, disconnect) act before authentication and spend no rate-limit budget; the
 * others alter the real response.
 */
public final class FaultPlan {
  private final List<Entry> entries = new ArrayList<>();

  private static final class Entry {
    final Fault fault;
    int remaining;

    Entry(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  FaultPlan() {}

  /** Plans a fault for the next applicable request. */
  public Injection next() {
    return next(1);
  }

  /** Plans a fault for the next {@code times} applicable requests. */
  public Injection next(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    return new Injection(times);
  }

  /** Number of faulty responses still planned. */
  public synchronized int pending() {
    int sum = 0;
    for (Entry e : entries) {
      sum += e.remaining;
    }
    return sum;
  }

  /** Drops every planned fault. */
  public synchronized void clear() {
    entries.clear();
  }

  synchronized Fault take(String path, boolean hasCursor) {
    Iterator<Entry> it = entries.iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.fault.appliesTo(path, hasCursor)) {
        if (--e.remaining == 0) {
          it.remove();
        }
        return e.fault;
      }
    }
    return null;
  }

  private synchronized void add(Fault fault, int times) {
    entries.add(new Entry(fault, times));
  }

  /** One planned fault being described; a terminal method puts it in the queue. */
  public final class Injection {
    private final int times;
    private String pathPrefix = "";

    private Injection(int times) {
      this.times = times;
    }

    /** Restricts the fault to requests whose path starts with {@code prefix}. */
    public Injection onPath(String prefix) {
      this.pathPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Answers with {@code status} and a documented JSON error body (e.g. 500, 502, 503). */
    public void status(int status) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
      }
      plan(Fault.Kind.STATUS, status, Duration.ZERO);
    }

    /** Answers 429 with the documented body, {@code retry_after} lying {@code retryAfter} ahead. */
    public void tooManyRequests(Duration retryAfter) {
      requirePositive(retryAfter);
      plan(Fault.Kind.TOO_MANY_REQUESTS, 429, retryAfter);
    }

    /** Answers {@code status} with an HTML page instead of JSON, as a proxy would. */
    public void htmlErrorPage(int status) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
      }
      plan(Fault.Kind.HTML_PAGE, status, Duration.ZERO);
    }

    /** Closes the connection without sending any response. */
    public void disconnect() {
      plan(Fault.Kind.DISCONNECT, 0, Duration.ZERO);
    }

    /** Sends the real status and the first half of the real JSON body, a complete HTTP message. */
    public void truncatedBody() {
      plan(Fault.Kind.TRUNCATED_BODY, 0, Duration.ZERO);
    }

    /** Sends the real headers at once and the body only after {@code stall}. */
    public void stallBody(Duration stall) {
      requirePositive(stall);
      plan(Fault.Kind.STALL_BODY, 0, stall);
    }

    /** Sends the real headers and half the body, then closes the connection. */
    public void disconnectMidBody() {
      plan(Fault.Kind.DISCONNECT_MID_BODY, 0, Duration.ZERO);
    }

    /** Sends the real page with {@code pagination_meta.after} equal to the request's cursor. */
    public void repeatCursor() {
      plan(Fault.Kind.REPEAT_CURSOR, 0, Duration.ZERO);
    }

    private void plan(Fault.Kind kind, int status, Duration duration) {
      add(new Fault(kind, status, duration, pathPrefix), times);
    }

    private void requirePositive(Duration d) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("duration must be positive: " + d);
      }
    }
  }
}
