package io.incidentql.adapter.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the break-even between reading a join's inner side by key and scanning it: the
 * number of keys worth reading at the estimated size, at a size the API counted, and the keys
 * past which a count is asked.
 */
class IncidentIoKeyFetchTest {
  private static IncidentIoKeyFetch byColumn(String table, String column) {
    TableDef def = IncidentIoTables.byName(table);
    IncidentIoQuery all = IncidentIoQuery.fullScan(def);
    int key = all.projection().indexOf(def.columnIndex(column));
    return new IncidentIoKeyFetch(all, key, 0, false);
  }

  @Test
  void atTheEstimatedSizeUpdatesAreWorthFortyKeysAndAlertsTwoHundred() {
    // 10,000 rows: 40 pages of 250 updates, one request per incident; 200 pages of 50 alerts.
    assertEquals(40, byColumn("incident_updates", "incident_id").keysWorthReading());
    assertEquals(200, byColumn("alerts", "id").keysWorthReading());
    assertEquals(40, byColumn("incidents", "id").keysWorthReading());
  }

  @Test
  void aCountedSizeReplacesTheEstimate() {
    IncidentIoKeyFetch incidents = byColumn("incidents", "id");
    // One page of incidents: a second key already costs more than the scan.
    assertEquals(1, incidents.keysWorthReading(200));
    assertEquals(1, incidents.keysWorthReading(0));
    assertEquals(4, incidents.keysWorthReading(1_000));
    // A large account: reading by id wins up to 400 keys, ten times the estimate.
    assertEquals(400, incidents.keysWorthReading(100_000));
  }

  @Test
  void onlyATableTheApiCountsIsCountedAndOnlyPastTwoKeys() {
    assertEquals(2, byColumn("incidents", "id").keysWorthCounting());
    assertEquals(0, byColumn("alerts", "id").keysWorthCounting());
    assertEquals(0, byColumn("incident_updates", "incident_id").keysWorthCounting());
  }
}
