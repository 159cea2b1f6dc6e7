package io.incidentql.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.data.AlertJson;
import io.incidentql.simulator.data.Catalog;
import io.incidentql.simulator.data.IncidentAlertJson;
import io.incidentql.simulator.data.IncidentJson;
import io.incidentql.simulator.data.IncidentUpdateJson;
import io.incidentql.simulator.data.Tables;
import io.incidentql.simulator.data.Workspace;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Read-only view of a simulator's generated data, as the exact JSON objects the endpoints serve,
 * so that tests can compute the rows a request must return.
 *
 * <p>Each list is in its endpoint's default response order: alerts, incidents and incident
 * updates newest {@code created_at} first with ties broken by descending id; incident alerts by
 * descending id (newest first, ids being time-ordered). {@link #incidents()} holds every mode,
 * although the endpoint hides test and tutorial incidents unless asked. Rows are rendered on
 * each {@code get}, so a caller may change what it receives without changing what is served;
 * rendering costs a little, so copy a list once when iterating it often.
 */
public final class Dataset {
  private final Tables tables;

  Dataset(Tables tables) {
    this.tables = tables;
  }

  /** The seed the data was generated from. */
  public long seed() {
    return tables.seed();
  }

  /** Every alert as {@code GET /v2/alerts} serves it. */
  public List<ObjectNode> alerts() {
    return view(tables.alerts().size(), i -> AlertJson.full(tables, tables.alerts().get(i)));
  }

  /** Every incident, of every mode, as {@code GET /v2/incidents} serves it. */
  public List<ObjectNode> incidents() {
    return view(tables.incidents().size(),
        i -> IncidentJson.full(tables, tables.incidents().get(i)));
  }

  /** Every incident alert as {@code GET /v2/incident_alerts} serves it. */
  public List<ObjectNode> incidentAlerts() {
    return view(tables.incidentAlerts().size(),
        i -> IncidentAlertJson.of(tables, tables.incidentAlerts().get(i)));
  }

  /** Every incident update as {@code GET /v2/incident_updates} serves it. */
  public List<ObjectNode> incidentUpdates() {
    return view(tables.incidentUpdates().size(),
        i -> IncidentUpdateJson.of(tables, tables.incidentUpdates().get(i)));
  }

  /** The alert with the given id, as {@code GET /v2/alerts/{id}} serves it under "alert". */
  public Optional<ObjectNode> alert(String id) {
    int at = tables.alertPosition(id);
    return at < 0 ? Optional.empty() : Optional.of(AlertJson.full(tables, tables.alerts().get(at)));
  }

  /**
   * The incident with the given id, of any mode and status category, as
   * {@code GET /v2/incidents/{id}} serves it under "incident".
   */
  public Optional<ObjectNode> incident(String id) {
    int at = tables.incidentPosition(id);
    return at < 0 ? Optional.empty()
        : Optional.of(IncidentJson.full(tables, tables.incidents().get(at)));
  }

  /**
   * Tells whether the alert is held by a maintenance window: hidden state, not in the JSON,
   * behind {@code include_maintenance_window[is]=false}.
   *
   * @throws IllegalArgumentException for an id that is no alert
   */
  public boolean isHeldByMaintenanceWindow(String alertId) {
    int at = tables.alertPosition(alertId);
    if (at < 0) {
      throw new IllegalArgumentException("no alert with id " + alertId);
    }
    return tables.alerts().get(at).heldByMaintenanceWindow();
  }

  /**
   * The account's reference objects as typed records: severities, statuses, types, roles,
   * timestamps, custom fields and their options, users (deactivated ones included), alert sources
   * and attributes, each list in the order its endpoint serves it.
   */
  public Catalog catalog() {
    return tables.catalog();
  }

  /** Ids of the account's alert sources, in {@code GET /v2/alert_sources} order. */
  public List<String> alertSourceIds() {
    return tables.catalog().alertSourceIds();
  }

  /**
   * The severities, lowest rank first, as {@code GET /v1/severities} lists them and incidents
   * show them.
   */
  public List<ObjectNode> severities() {
    return map(tables.catalog().severities(), Catalog.Severity::toJson);
  }

  /**
   * The incident statuses, as {@code GET /v1/incident_statuses} lists them and incidents show
   * them.
   */
  public List<ObjectNode> incidentStatuses() {
    return map(tables.catalog().statuses(), Catalog.IncidentStatus::toJson);
  }

  /** The incident types, as {@code GET /v1/incident_types} lists them and incidents show them. */
  public List<ObjectNode> incidentTypes() {
    return map(tables.catalog().incidentTypes(), Catalog.IncidentType::toJson);
  }

  /**
   * The incident roles, as {@code GET /v2/incident_roles} lists them ({@code IncidentRoleV2};
   * role assignments show each with {@code required} too, see {@link Catalog.IncidentRole#toJson}).
   */
  public List<ObjectNode> incidentRoles() {
    return map(tables.catalog().roles(), Catalog.IncidentRole::toDefinitionJson);
  }

  /** The incident timestamps, as {@code GET /v2/incident_timestamps} lists them. */
  public List<ObjectNode> incidentTimestamps() {
    return map(tables.catalog().timestamps(), Catalog.TimestampDef::toJson);
  }

  /**
   * The custom fields as {@code GET /v2/custom_fields} lists them ({@code CustomFieldV2}, without
   * options; incidents show each field with its options, see {@link Catalog.CustomField#toJson}).
   */
  public List<ObjectNode> customFields() {
    return map(tables.catalog().customFields(), Catalog.CustomField::toDefinitionJson);
  }

  /**
   * Every option of every select field, field by field, as {@code GET /v1/custom_field_options}
   * lists a field's options and incidents' {@code value_option} show them.
   */
  public List<ObjectNode> customFieldOptions() {
    return map(tables.catalog().customFieldOptions(), Catalog.CustomFieldOption::toJson);
  }

  /**
   * Every user, deactivated ones included ({@code is_active} false), as
   * {@code GET /v2/users?include_inactive=true} lists them.
   */
  public List<ObjectNode> users() {
    return map(tables.catalog().users(), Catalog.User::toJsonWithRoles);
  }

  /** The alert sources, as {@code GET /v2/alert_sources} lists them, fake secret token included. */
  public List<ObjectNode> alertSources() {
    return map(tables.catalog().alertSources(), Catalog.AlertSource::toJson);
  }

  /** The alert attributes, as {@code GET /v2/alert_attributes} lists them. */
  public List<ObjectNode> alertAttributes() {
    return map(tables.catalog().attributes(), Catalog.AttributeDef::toJson);
  }

  /**
   * Every object of one of the endpoints around incidents and alerts, as served: follow-ups and
   * actions of incidents of every mode ({@code /v2/follow_ups}, {@code /v2/actions}), and
   * {@code /v2/escalations}, {@code /v2/escalation_paths}, {@code /v2/schedules},
   * {@code /v3/catalog_types}, {@code /v3/catalog_entries} (of every type), {@code /v3/teams},
   * {@code /v2/workflows}, {@code /v1/incident_attachments}, {@code /v2/workflow_runs}, each in
   * its endpoint's order.
   *
   * @throws IllegalArgumentException for another path
   */
  public List<ObjectNode> objects(String path) {
    Workspace w = tables.workspace();
    List<ObjectNode> list = switch (path) {
      case "/v2/follow_ups" -> w.followUps();
      case "/v2/actions" -> w.actions();
      case "/v2/escalations" -> w.escalations();
      case "/v2/escalation_paths" -> w.escalationPaths();
      case "/v2/schedules" -> w.schedules();
      case "/v3/catalog_types" -> w.catalogTypes();
      case "/v3/catalog_entries" -> w.catalogEntries();
      case "/v3/teams" -> w.teams();
      case "/v2/workflows" -> w.workflows();
      case "/v1/incident_attachments" -> w.attachments();
      case "/v2/workflow_runs" -> w.workflowRuns();
      default -> throw new IllegalArgumentException("no objects served at " + path);
    };
    return view(list.size(), i -> list.get(i).deepCopy());
  }

  /**
   * The entries of schedule {@code schedule} (its position in {@code objects("/v2/schedules")})
   * that overlap [from, to), in time order, as {@code GET /v2/schedule_entries} lists them under
   * {@code final}: weekly shifts of a rotation that runs without end.
   */
  public List<ObjectNode> scheduleEntries(int schedule, Instant from, Instant to) {
    return tables.workspace().scheduleEntries(schedule, micros(from), micros(to));
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  private static <T> List<ObjectNode> map(List<T> items, Function<T, ObjectNode> render) {
    return view(items.size(), i -> render.apply(items.get(i)));
  }

  private static List<ObjectNode> view(int size, IntFunction<ObjectNode> render) {
    return new RenderedList(size, render);
  }

  private static final class RenderedList extends AbstractList<ObjectNode>
      implements RandomAccess {
    private final int size;
    private final IntFunction<ObjectNode> render;

    RenderedList(int size, IntFunction<ObjectNode> render) {
      this.size = size;
      this.render = render;
    }

    @Override
    public ObjectNode get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      return render.apply(index);
    }

    @Override
    public int size() {
      return size;
    }
  }
}
