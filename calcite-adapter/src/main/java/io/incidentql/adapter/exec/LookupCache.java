package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.plan.IncidentIoLookups;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.TableDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Cache of the lookup tables' rows of one connection (severities, statuses, custom fields...),
 * which resolve name and rank filters and list parent keys; each table's rows are kept for
 * {@link IncidentIoLookups#TTL} from when they were read.
 */
public final class LookupCache {
  private record Entry(List<Object[]> rows, long readAtNanos) {}

  private final Map<String, Entry> entries = new HashMap<>();
  private final LongSupplier nanoTime;

  public LookupCache() {
    this(System::nanoTime);
  }

  LookupCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Returns every row of the table, all columns in table order: from the cache while it is
   * fresh, otherwise read now through the client within the statement's scope.
   */
  public synchronized List<Object[]> rows(IncidentIoClient client, TableDef def, ApiCallScope scope) {
    long now = nanoTime.getAsLong();
    Entry e = entries.get(def.name());
    if (e != null && now - e.readAtNanos() < IncidentIoLookups.TTL.toNanos()) {
      return e.rows();
    }
    IncidentIoQuery query = IncidentIoQuery.fullScan(def).resolve(t -> rows(client, t, scope));
    List<Object[]> rows = new ArrayList<>();
    IncidentIoQueryEnumerator reader = new IncidentIoQueryEnumerator(client, query, scope, 0);
    try {
      while (reader.moveNext()) {
        rows.add(reader.current());
      }
    } finally {
      reader.close();
    }
    List<Object[]> kept = List.copyOf(rows);
    entries.put(def.name(), new Entry(kept, now));
    return kept;
  }

  /** Forgets every table's rows. */
  public synchronized void clear() {
    entries.clear();
  }
}
