package io.incidentql.simulator.data;

import static io.incidentql.simulator.data.Catalog.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;

/**
 * Renderer of incident alert rows as {@code IncidentAlertV2}: the slim alert, the slim incident,
 * and {@code alert_route_id} (absent on some rows). About one row in thirty carries a
 * {@code linked_by} property the documentation does not list.
 */
public final class IncidentAlertJson {
  private static final String[] LINKERS = {"alert_route", "user", "workflow"};

  private IncidentAlertJson() {}

  public static ObjectNode of(Tables tables, IncidentAlertRow row) {
    SplittableRandom r = new SplittableRandom(row.renderSeed());
    ObjectNode node = JSON.objectNode();
    node.set("alert", AlertJson.slim(tables, tables.alerts().get(row.alertIndex())));
    if (row.routeIndex() >= 0) {
      node.put("alert_route_id", tables.catalog().alertRouteIds().get(row.routeIndex()));
    }
    node.put("id", row.id());
    node.set("incident", IncidentJson.slim(tables, tables.incidents().get(row.incidentIndex())));
    if (r.nextInt(30) == 0) {
      node.put("linked_by", LINKERS[r.nextInt(LINKERS.length)]);
    }
    return node;
  }
}
