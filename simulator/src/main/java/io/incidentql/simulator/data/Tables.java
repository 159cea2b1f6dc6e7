package io.incidentql.simulator.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Immutable generated data of one simulated account: the catalog and, per endpoint, the rows in
 * the endpoint's default response order with an index from id to position.
 *
 * <p>Orders: alerts, incidents and incident updates newest {@code created_at} first, ties by
 * descending id; incident alerts (which have no {@code created_at}) by descending id, which is
 * newest first because ids are time-ordered.
 */
public final class Tables {
  private final long seed;
  private final Catalog catalog;
  private final List<AlertRow> alerts;
  private final List<IncidentRow> incidents;
  private final List<IncidentAlertRow> incidentAlerts;
  private final List<IncidentUpdateRow> incidentUpdates;
  private final Workspace workspace;
  private final Map<String, Integer> alertPositions;
  private final Map<String, Integer> incidentPositions;
  private final Map<String, Integer> incidentAlertPositions;
  private final Map<String, Integer> incidentUpdatePositions;

  Tables(long seed, Catalog catalog, List<AlertRow> alerts, List<IncidentRow> incidents,
      List<IncidentAlertRow> incidentAlerts, List<IncidentUpdateRow> incidentUpdates,
      Workspace workspace) {
    this.seed = seed;
    this.catalog = catalog;
    this.alerts = alerts;
    this.incidents = incidents;
    this.incidentAlerts = incidentAlerts;
    this.incidentUpdates = incidentUpdates;
    this.workspace = workspace;
    this.alertPositions = positions(alerts, AlertRow::id);
    this.incidentPositions = positions(incidents, IncidentRow::id);
    this.incidentAlertPositions = positions(incidentAlerts, IncidentAlertRow::id);
    this.incidentUpdatePositions = positions(incidentUpdates, IncidentUpdateRow::id);
  }

  private static <R> Map<String, Integer> positions(List<R> rows, Function<R, String> id) {
    Map<String, Integer> out = new HashMap<>(rows.size() * 4 / 3 + 1);
    for (int i = 0; i < rows.size(); i++) {
      if (out.put(id.apply(rows.get(i)), i) != null) {
        throw new IllegalStateException("duplicate id " + id.apply(rows.get(i)));
      }
    }
    return out;
  }

  public long seed() {
    return seed;
  }

  public Catalog catalog() {
    return catalog;
  }

  public List<AlertRow> alerts() {
    return alerts;
  }

  public List<IncidentRow> incidents() {
    return incidents;
  }

  public List<IncidentAlertRow> incidentAlerts() {
    return incidentAlerts;
  }

  public List<IncidentUpdateRow> incidentUpdates() {
    return incidentUpdates;
  }

  /** Follow-ups, actions, escalations, schedules, the catalog, teams, workflows and the like. */
  public Workspace workspace() {
    return workspace;
  }

  /** Position of the alert with the given id, or -1. */
  public int alertPosition(String id) {
    return alertPositions.getOrDefault(id, -1);
  }

  /** Position of the incident with the given id, or -1. */
  public int incidentPosition(String id) {
    return incidentPositions.getOrDefault(id, -1);
  }

  /** Position of the incident alert with the given id, or -1. */
  public int incidentAlertPosition(String id) {
    return incidentAlertPositions.getOrDefault(id, -1);
  }

  /** Position of the incident update with the given id, or -1. */
  public int incidentUpdatePosition(String id) {
    return incidentUpdatePositions.getOrDefault(id, -1);
  }
}
