package io.incidentql.simulator.data;

import static io.incidentql.simulator.data.Catalog.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;

/**
 * Renderer of incident update rows as {@code IncidentUpdateV2}.
 *
 * <p>{@code message}, {@code new_severity} and {@code merged_into_incident_id} are absent on
 * some rows; the {@code updater} is usually a user, sometimes a workflow, an API key or an alert,
 * and rarely an empty object (all its properties are optional). About one row in thirty carries a
 * {@code visible_to_customers} property the documentation does not list.
 */
public final class IncidentUpdateJson {
  private IncidentUpdateJson() {}

  public static ObjectNode of(Tables tables, IncidentUpdateRow row) {
    SplittableRandom r = new SplittableRandom(row.renderSeed());
    Catalog catalog = tables.catalog();
    ObjectNode node = JSON.objectNode();
    node.put("created_at", Timestamps.format(row.createdMicros()));
    node.put("id", row.id());
    node.put("incident_id", tables.incidents().get(row.incidentIndex()).id());
    if (row.mergedIntoIndex() >= 0) {
      node.put("merged_into_incident_id", tables.incidents().get(row.mergedIntoIndex()).id());
    }
    if (r.nextInt(100) < 85) {
      node.put("message", Texts.pick(r, Texts.UPDATE_MESSAGES));
    }
    node.set("new_incident_status", catalog.statuses().get(row.statusIndex()).toJson());
    if (row.severityIndex() >= 0) {
      node.set("new_severity", catalog.severities().get(row.severityIndex()).toJson());
    }
    ObjectNode updater = node.putObject("updater");
    int roll = r.nextInt(100);
    if (roll < 75) {
      updater.set("user", catalog.users().get(r.nextInt(catalog.users().size())).toJson());
    } else if (roll < 85) {
      updater.set("workflow", catalog.workflows().get(r.nextInt(catalog.workflows().size())).toJson());
    } else if (roll < 93) {
      updater.set("api_key", catalog.apiKeys().get(r.nextInt(catalog.apiKeys().size())).toJson());
    } else if (roll < 98 && !tables.alerts().isEmpty()) {
      AlertRow alert = tables.alerts().get(r.nextInt(tables.alerts().size()));
      updater.putObject("alert").put("id", alert.id()).put("title", AlertJson.title(alert));
    }
    if (r.nextInt(30) == 0) {
      node.put("visible_to_customers", r.nextBoolean());
    }
    return node;
  }
}
