package io.incidentql.adapter.exec;

import io.incidentql.adapter.plan.IncidentIoKeyFetch;
import io.incidentql.adapter.plan.IncidentIoQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Entry point of generated code for a join whose inner side may be read by the keys of its outer
 * side ({@link IncidentIoKeyFetch}). The join decides when it runs, on the keys it sees rather
 * than on the planner's guesses: it reads outer rows until they end or their distinct keys would
 * need more requests than one scan of the inner side. In the first case it reads by key: the new
 * keys are sent in batches (one key at a time where each key is a request of its own) as the
 * rows are consumed, and each key is asked for once per execution. In the second it scans the
 * inner side once and joins in memory, as a hash join would, so it never sends more requests
 * than the scan the planner would otherwise have chosen.
 */
public final class IncidentIoKeyJoins {
  private IncidentIoKeyJoins() {}

  /**
   * Returns the joined rows: an outer row's columns, then its inner row's (or nulls); the inner
   * rows are read by {@code reader}, which the statement's execution gave.
   */
  public static Enumerable<Object[]> join(Enumerable<Object[]> outer,
      Function<IncidentIoQuery, Enumerator<Object[]>> reader, IncidentIoKeyFetch fetch) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new KeyJoinEnumerator(outer.enumerator(), reader, fetch);
      }
    };
  }

  /** Enumerator of joined rows that reads the inner rows of each batch of new keys. */
  private static final class KeyJoinEnumerator implements Enumerator<Object[]> {
    private final Enumerator<Object[]> outer;
    private final Function<IncidentIoQuery, Enumerator<Object[]>> reader;
    private final IncidentIoKeyFetch fetch;
    /** Inner rows of every key asked for so far (an empty list: none). */
    private final Map<String, List<Object[]>> fetched = new HashMap<>();
    /** Inner rows of the whole inner side by key, read once if a key is not sent. */
    private Map<String, List<Object[]>> whole;
    /** Outer rows read while deciding, not yet joined. */
    private final ArrayDeque<Object[]> read = new ArrayDeque<>();
    /** Whether the choice between keys and a scan is made, and which. */
    private boolean decided;
    private boolean byKey;
    /** Outer rows waiting for their keys' inner rows, and the new keys among them. */
    private final List<Object[]> waiting = new ArrayList<>();
    private final Set<String> newKeys = new LinkedHashSet<>();
    private final ArrayDeque<Object[]> ready = new ArrayDeque<>();
    private boolean outerDone;
    private Object[] current;

    KeyJoinEnumerator(Enumerator<Object[]> outer,
        Function<IncidentIoQuery, Enumerator<Object[]>> reader, IncidentIoKeyFetch fetch) {
      this.outer = outer;
      this.reader = reader;
      this.fetch = fetch;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (!decided) {
        decide();
      }
      while (ready.isEmpty()) {
        if (newKeys.size() < batch()) {
          Object[] row = nextOuter();
          if (row != null) {
            take(row);
            continue;
          }
        }
        if (waiting.isEmpty()) {
          return false;
        }
        fetchKeys();
        for (Object[] row : waiting) {
          emit(row);
        }
        waiting.clear();
      }
      current = ready.poll();
      return true;
    }

    /**
     * Reads outer rows until they end, and the keys are read by key, or until their distinct keys
     * would take more requests than a scan of the inner side, or one of them cannot be sent,
     * and the scan is then read instead. Where
     * the API counts the inner side's rows, it is asked once the keys are enough for a count to
     * pay off, and the scan's pages are then known rather than estimated.
     */
    private void decide() {
      long most = fetch.keysWorthReading();
      long countPast = fetch.keysWorthCounting();
      Set<String> keys = new HashSet<>();
      byKey = true;
      while (byKey && !outerDone) {
        if (outer.moveNext()) {
          Object[] row = outer.current();
          read.add(row);
          String key = (String) row[fetch.outerKey()];
          if (key != null && keys.add(key)) {
            if (fetch.queryFor(List.of(key)) == null) {
              // A key that cannot be sent is matched against a scan, which then answers the
              // other keys too: sending them as well would cost more than the scan alone.
              byKey = false;
              break;
            }
            if (keys.size() == countPast + 1 && countPast > 0) {
              most = fetch.keysWorthReading(innerRows());
            }
            byKey = keys.size() <= most;
          }
        } else {
          outerDone = true;
        }
      }
      decided = true;
    }

    /** The inner side's rows, as the API counts them. */
    private long innerRows() {
      try (Enumerator<Object[]> count = reader.apply(fetch.countQuery())) {
        if (!count.moveNext()) {
          throw new IllegalStateException("a count returned no row");
        }
        return ((Number) count.current()[0]).longValue();
      }
    }

    /** The next outer row: those read while deciding first; null after the last. */
    private Object[] nextOuter() {
      if (!read.isEmpty()) {
        return read.poll();
      }
      if (!outerDone && outer.moveNext()) {
        return outer.current();
      }
      outerDone = true;
      return null;
    }

    /** How many new keys wait to be sent together; scanning, each row joins as it comes. */
    private int batch() {
      return byKey ? fetch.batch() : 1;
    }

    private void take(Object[] row) {
      String key = (String) row[fetch.outerKey()];
      if (waiting.isEmpty() && (key == null || fetched.containsKey(key))) {
        emit(row);
        return;
      }
      waiting.add(row);
      if (key != null && !fetched.containsKey(key)) {
        newKeys.add(key);
      }
    }

    private void fetchKeys() {
      List<String> sendable = new ArrayList<>();
      for (String key : newKeys) {
        fetched.put(key, new ArrayList<>());
        if (byKey && fetch.queryFor(List.of(key)) != null) {
          sendable.add(key);
        } else {
          fetched.put(key, whole().getOrDefault(key, List.of()));
        }
      }
      if (!sendable.isEmpty()) {
        read(fetch.queryFor(sendable), fetched, Set.copyOf(sendable));
      }
      newKeys.clear();
    }

    /** Reads the inner rows of a query into lists by key, keeping only the given keys. */
    private void read(IncidentIoQuery query, Map<String, List<Object[]>> into, Set<String> keys) {
      try (Enumerator<Object[]> rows = reader.apply(query)) {
        while (rows.moveNext()) {
          Object[] row = rows.current();
          Object key = row[fetch.innerKey()];
          // The API may send more than was asked for; only equal keys join.
          if (key != null && (keys == null || keys.contains(key))) {
            into.computeIfAbsent((String) key, k -> new ArrayList<>()).add(row);
          }
        }
      }
    }

    private Map<String, List<Object[]>> whole() {
      if (whole == null) {
        whole = new HashMap<>();
        read(fetch.query(), whole, null);
      }
      return whole;
    }

    private void emit(Object[] row) {
      String key = (String) row[fetch.outerKey()];
      List<Object[]> matches = key == null ? List.of() : fetched.get(key);
      if (matches.isEmpty()) {
        if (fetch.keepUnmatched()) {
          ready.add(concat(row, new Object[fetch.innerWidth()]));
        }
        return;
      }
      for (Object[] inner : matches) {
        ready.add(concat(row, inner));
      }
    }

    private static Object[] concat(Object[] a, Object[] b) {
      Object[] out = new Object[a.length + b.length];
      System.arraycopy(a, 0, out, 0, a.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }

    @Override
    public void reset() {
      // The inner rows already read stay, and so does the choice: each key is asked for once.
      outer.reset();
      read.clear();
      waiting.clear();
      newKeys.clear();
      ready.clear();
      outerDone = false;
      current = null;
    }

    @Override
    public void close() {
      outer.close();
    }
  }
}
