package io.incidentql.simulator;

import io.incidentql.simulator.http.ApiDispatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Thread-safe log of the requests a simulator received, oldest first, for tests to assert on.
 *
 * <p>An entry is added before its response is sent, so a client that has its response can read
 * its request here. The log keeps the latest {@link SimulatorConfig#requestLogCapacity()}
 * entries; {@link #totalCount()} still counts every request since the last {@link #clear()}.
 *
 * <p>The key checks clients make when they connect ({@code GET /v1/identity}) are kept apart, in
 * {@link #identityChecks()}: the log shows the requests that queries sent.
 */
public final class RequestLog {
  private final int capacity;
  private final ArrayDeque<LoggedRequest> entries = new ArrayDeque<>();
  private long total;
  private final List<LoggedRequest> identityChecks = new ArrayList<>();

  RequestLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void record(LoggedRequest request) {
    if (request.path().equals(ApiDispatcher.IDENTITY)) {
      if (identityChecks.size() < capacity) {
        identityChecks.add(request);
      }
      return;
    }
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(request);
    total++;
  }

  /** A snapshot of the kept entries, oldest first. */
  public synchronized List<LoggedRequest> requests() {
    return List.copyOf(entries);
  }

  /** The kept entries whose path is exactly {@code path}, oldest first. */
  public synchronized List<LoggedRequest> requestsTo(String path) {
    List<LoggedRequest> out = new ArrayList<>();
    for (LoggedRequest r : entries) {
      if (r.path().equals(path)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The kept entries as text ({@link LoggedRequest#toString()}), oldest first. */
  public synchronized List<String> lines() {
    List<String> out = new ArrayList<>(entries.size());
    entries.forEach(r -> out.add(r.toString()));
    return out;
  }

  /** The latest entry. */
  public synchronized Optional<LoggedRequest> last() {
    return Optional.ofNullable(entries.peekLast());
  }

  /** Number of kept entries. */
  public synchronized int size() {
    return entries.size();
  }

  /** Number of requests since the last clear, including entries no longer kept. */
  public synchronized long totalCount() {
    return total;
  }

  /** The key checks ({@code GET /v1/identity}) since the last clear, oldest first. */
  public synchronized List<LoggedRequest> identityChecks() {
    return List.copyOf(identityChecks);
  }

  public synchronized void clear() {
    identityChecks.clear();
    entries.clear();
    total = 0;
  }
}
