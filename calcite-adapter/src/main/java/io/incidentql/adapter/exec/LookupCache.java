package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.schema.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader of the lookup tables' rows (severities, statuses, custom fields...), which resolve name
 * and rank filters and list parent keys. It keeps nothing itself: its requests go through the
 * client's response cache, which answers them again for the connection's time to live
 * ({@code cacheTtlSeconds}) like any other request.
 */
public final class LookupCache {
  public LookupCache() {}

  /**
   * Returns every row of the table, all columns in table order, read through the client within
   * the statement's scope.
   */
  public List<Object[]> rows(IncidentIoClient client, TableDef def, ApiCallScope scope) {
    IncidentIoQuery query = IncidentIoQuery.fullScan(def).resolve(t -> rows(client, t, scope));
    List<Object[]> rows = new ArrayList<>();
    IncidentIoScanEnumerator reader = new IncidentIoScanEnumerator(client, query, scope, 0, 1);
    try {
      while (reader.moveNext()) {
        rows.add(reader.current());
      }
    } finally {
      reader.close();
    }
    return List.copyOf(rows);
  }
}
