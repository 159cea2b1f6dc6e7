package io.incidentql.adapter.schema;

import static io.incidentql.adapter.schema.ColumnType.BIGINT;
import static io.incidentql.adapter.schema.ColumnType.BOOLEAN;
import static io.incidentql.adapter.schema.ColumnType.DOUBLE;
import static io.incidentql.adapter.schema.ColumnType.JSON;
import static io.incidentql.adapter.schema.ColumnType.TIMESTAMP;
import static io.incidentql.adapter.schema.ColumnType.VARCHAR;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Catalog of the tables: one {@link TableDef} per list endpoint, written as data.
 *
 * <p>Each response field is a column; a nested object is flattened into
 * {@code <object>_<field>}, and an array is kept whole as JSON text. Remarks quote the API
 * reference's description of the field. The incidents page documents its fields only by example,
 * so its remarks are written from that page's prose and example, except for the objects other
 * pages document (status, severity, actor), whose descriptions are reused.
 *
 * <p>A column is required (NOT NULL in metadata) only when the reference's {@code required} lists
 * guarantee the value along its whole path: a required field of an optional object is optional.
 */
public final class IncidentIoTables {
  private static final boolean REQUIRED = true;
  private static final boolean OPTIONAL = false;

  // Shared objects, each documented once in the reference and written once here.

  /** {@code AlertSlimV2} (incident_alerts), also the scalar part of {@code AlertV2} (alerts). */
  private static final Fields ALERT_SLIM =
      fields()
          .col("id", VARCHAR, REQUIRED, "The ID of this alert")
          .col("alert_source_id", VARCHAR, REQUIRED, "The ID of the alert source this alert fired on")
          .col("created_at", TIMESTAMP, REQUIRED, "When this entry was created")
          .col("deduplication_key", VARCHAR, REQUIRED, "A deduplication key which uniquely references"
              + " this alert from your alert source. For newly created HTTP sources, this field is"
              + " required.\nIf you send an event with the same deduplication_key multiple times,"
              + " only one alert will be created in incident.io for this alert source config.\nYou"
              + " can filter on this field to find the alert created by an event you've sent us.")
          .col("description", VARCHAR, OPTIONAL, "The description of the alert")
          .col("resolved_at", TIMESTAMP, OPTIONAL, "When this alert was resolved")
          .col("source_url", VARCHAR, OPTIONAL, "If applicable, a link to the alert in the upstream system")
          .col("status", VARCHAR, REQUIRED, "Statuses of an alert")
          .col("title", VARCHAR, REQUIRED, "The title of the alert, parsed from the alert payload"
              + " according to the alert source configuration")
          .col("updated_at", TIMESTAMP, REQUIRED, "When this alert was last updated");

  /** {@code IncidentSlimV2} (incident_alerts). */
  private static final Fields INCIDENT_SLIM =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for the incident")
          .col("external_id", BIGINT, REQUIRED,
              "External identifier for the incident - often displayed with an INC- prefix")
          .col("name", VARCHAR, REQUIRED, "Explanation of the incident")
          .col("reference", VARCHAR, REQUIRED, "Reference to this incident, as displayed across the product")
          .col("status_category", VARCHAR, REQUIRED, "The category of the incidents status")
          .col("summary", VARCHAR, OPTIONAL, "Detailed description of the incident")
          .col("visibility", VARCHAR, REQUIRED, "Whether the incident should be open to anyone in your"
              + " Slack workspace (public), or invite-only (private). For more information on Private"
              + " Incidents see our [docs](https://docs.incident.io/incidents/sensitive-incidents).");

  /** {@code IncidentStatusV2}; the reference gives its timestamps no description. */
  private static final Fields INCIDENT_STATUS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique ID of this incident status")
          .col("category", VARCHAR, REQUIRED, "What category of status it is. All statuses apart from"
              + " live (renamed in the app to Active) and learning (renamed in the app to"
              + " Post-incident) are managed by incident.io and cannot be configured")
          .col("created_at", TIMESTAMP, REQUIRED, "When this incident status was created")
          .col("description", VARCHAR, REQUIRED, "Rich text description of the incident status")
          .col("name", VARCHAR, REQUIRED, "Unique name of this status")
          .col("rank", BIGINT, REQUIRED, "Order of this incident status")
          .col("updated_at", TIMESTAMP, REQUIRED, "When this incident status was last updated");

  /** {@code SeverityV2}. */
  private static final Fields SEVERITY =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier of the severity")
          .col("created_at", TIMESTAMP, REQUIRED, "When the action was created")
          .col("description", VARCHAR, REQUIRED, "Description of the severity")
          .col("name", VARCHAR, REQUIRED, "Human readable name of the severity")
          .col("rank", BIGINT, REQUIRED, "Rank to help sort severities (lower numbers are less severe)")
          .col("updated_at", TIMESTAMP, REQUIRED, "When the action was last updated");

  /** {@code UserV2}. */
  private static final Fields USER =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier of the user")
          .col("email", VARCHAR, OPTIONAL, "Email address of the user.")
          .col("name", VARCHAR, REQUIRED, "Name of the user")
          .col("role", VARCHAR, REQUIRED,
              "DEPRECATED: Role of the user as of March 9th 2023, this value is no longer updated.")
          .col("slack_user_id", VARCHAR, OPTIONAL, "Slack ID of the user");

  /** {@code ActorV2}: who or what did something; every part is optional. */
  private static final Fields ACTOR =
      fields()
          .nest("alert", OPTIONAL, fields()
              .col("id", VARCHAR, REQUIRED, "The ID of this alert")
              .col("title", VARCHAR, REQUIRED, "The title of the alert, parsed from the alert payload"
                  + " according to the alert source configuration"))
          .nest("api_key", OPTIONAL, fields()
              .col("id", VARCHAR, REQUIRED, "Unique identifier for this API key")
              .col("name", VARCHAR, REQUIRED, "The name of the API key, for the user's reference"))
          .nest("user", OPTIONAL, USER)
          .nest("workflow", OPTIONAL, fields()
              .col("id", VARCHAR, REQUIRED, "Unique identifier for the workflow")
              .col("name", VARCHAR, REQUIRED, "Name provided by the user when creating the workflow"));

  // Tables.

  private static final TableDef ALERTS =
      table("alerts", "/v2/alerts", "alerts", 50, true, List.of(),
          "Alerts: events ingested from third parties by alert sources. They can trigger incidents"
              + " and escalations, as configured in alert routes (GET /v2/alerts).",
          fields()
              .nest(null, REQUIRED, ALERT_SLIM)
              .col("attributes", JSON, REQUIRED, "Attribute values parsed from the alerts payload"));

  /**
   * {@code /v2/incidents}, documented only by an example. {@code IncidentSlimV2} calls itself "a
   * subset of the full incident object", so the fields it requires are taken as required here
   * too; nested objects get no such guarantee.
   */
  /**
   * The documented modes of incident. The API hides test and tutorial incidents unless asked, so
   * the table asks for all four.
   */
  private static final TableDef.Scope MODES =
      new TableDef.Scope("mode", "mode", List.of("standard", "retrospective", "test", "tutorial"));

  /**
   * The status categories the contract names. The API leaves declined, canceled and merged
   * incidents out unless {@code status_category} is sent (LIVE-API-NOTES, Incidents 1), so the
   * table asks for all eight. The list is fixed here: a category the API adds later is not asked
   * for, and its incidents are not rows of the table, until it is named here.
   */
  private static final TableDef.Scope STATUS_CATEGORIES = new TableDef.Scope("status_category",
      "incident_status_category", List.of("triage", "live", "learning", "paused", "closed",
          "declined", "canceled", "merged"));

  private static final TableDef INCIDENTS =
      table("incidents", "/v2/incidents", "incidents", 250, false, List.of(MODES, STATUS_CATEGORIES),
          "Incidents of the organization (GET /v2/incidents): every incident of the four"
              + " documented modes (standard, retrospective, test, tutorial) and the eight"
              + " status categories (triage, live, learning, paused, closed, declined, canceled,"
              + " merged). The API leaves test and tutorial incidents, and declined, canceled and"
              + " merged ones, out unless asked, so every request asks for all of them. Both"
              + " lists are fixed in the driver: a mode or category the API adds later is not in"
              + " the table until the driver names it.",
          fields()
              .col("id", VARCHAR, REQUIRED, "Unique identifier for the incident")
              .col("call_url", VARCHAR, OPTIONAL, "Link to the incident's video call, such as a Zoom meeting")
              .col("created_at", TIMESTAMP, OPTIONAL, "When the incident was created")
              .nest("creator", OPTIONAL, ACTOR)
              .col("custom_field_entries", JSON, OPTIONAL, "The incident's custom field values: one entry"
                  + " per custom field, holding the field (id, name, description, field_type, options)"
                  + " and its values (value_text, value_numeric, value_link, value_option,"
                  + " value_catalog_entry)")
              .col("duration_metrics", JSON, OPTIONAL, "Durations measured for the incident: one entry"
                  + " per duration metric (id, name) with its value_seconds")
              .col("external_issue_reference.issue_name", VARCHAR, OPTIONAL,
                  "Name of the issue linked in an external issue tracker, such as INC-123")
              .col("external_issue_reference.issue_permalink", VARCHAR, OPTIONAL,
                  "Link to the issue in the external issue tracker")
              .col("external_issue_reference.provider", VARCHAR, OPTIONAL,
                  "The external issue tracker that holds the issue, such as asana")
              .col("has_debrief", BOOLEAN, OPTIONAL, "Whether the incident has a debrief")
              .col("incident_role_assignments", JSON, OPTIONAL, "Roles of the incident and who holds them:"
                  + " one entry per role (id, name, role_type, shortform, description, instructions,"
                  + " required, created_at, updated_at) with its assignee (a user: id, name, email, role,"
                  + " slack_user_id)")
              .nest("incident_status", OPTIONAL, INCIDENT_STATUS)
              .col("incident_timestamp_values", JSON, OPTIONAL, "The incident's timestamps: one entry per"
                  + " incident timestamp (id, name, rank) with its value (value.value, a date-time)")
              .col("incident_type.id", VARCHAR, OPTIONAL, "Unique identifier of the incident type")
              .col("incident_type.create_in_triage", VARCHAR, OPTIONAL,
                  "Whether incidents of this type start in triage, such as always")
              .col("incident_type.created_at", TIMESTAMP, OPTIONAL, "When the incident type was created")
              .col("incident_type.description", VARCHAR, OPTIONAL, "Description of the incident type")
              .col("incident_type.is_default", BOOLEAN, OPTIONAL, "Whether this is the default incident type")
              .col("incident_type.name", VARCHAR, OPTIONAL, "Name of the incident type")
              .col("incident_type.private_incidents_only", BOOLEAN, OPTIONAL,
                  "Whether incidents of this type are always private")
              .col("incident_type.updated_at", TIMESTAMP, OPTIONAL, "When the incident type was last updated")
              .col("mode", VARCHAR, OPTIONAL, "Mode of the incident: standard, retrospective, test or tutorial")
              .col("name", VARCHAR, REQUIRED, "Explanation of the incident")
              .col("permalink", VARCHAR, OPTIONAL, "Link to the incident in the incident.io dashboard")
              .col("postmortem_document_ids", JSON, OPTIONAL, "IDs of the incident's postmortem documents")
              .col("postmortem_document_url", VARCHAR, OPTIONAL, "Link to the incident's postmortem document")
              .col("reference", VARCHAR, REQUIRED, "Reference to this incident, as displayed across the product")
              .nest("severity", OPTIONAL, SEVERITY)
              .col("slack_channel_id", VARCHAR, OPTIONAL, "ID of the incident's Slack channel")
              .col("slack_channel_name", VARCHAR, OPTIONAL, "Name of the incident's Slack channel")
              .col("slack_team_id", VARCHAR, OPTIONAL, "ID of the Slack workspace that holds the incident's channel")
              .col("summary", VARCHAR, OPTIONAL, "Detailed description of the incident")
              .col("updated_at", TIMESTAMP, OPTIONAL, "When the incident was last updated")
              .col("visibility", VARCHAR, REQUIRED, "Whether the incident should be open to anyone in your"
                  + " Slack workspace (public), or invite-only (private). For more information on Private"
                  + " Incidents see our [docs](https://docs.incident.io/incidents/sensitive-incidents).")
              .col("workload_minutes_late", DOUBLE, OPTIONAL,
                  "Minutes of responder workload on the incident that fell late in the day")
              .col("workload_minutes_sleeping", DOUBLE, OPTIONAL,
                  "Minutes of responder workload on the incident that fell in sleeping hours")
              .col("workload_minutes_total", DOUBLE, OPTIONAL,
                  "Total minutes of responder workload on the incident: working, late and sleeping")
              .col("workload_minutes_working", DOUBLE, OPTIONAL,
                  "Minutes of responder workload on the incident that fell in working hours"));

  private static final TableDef INCIDENT_ALERTS =
      table("incident_alerts", "/v2/incident_alerts", "incident_alerts", 50, true, List.of(),
          "The connections between incidents and alerts (GET /v2/incident_alerts).",
          fields()
              .col("id", VARCHAR, REQUIRED, "The ID of this alert")
              .col("alert_route_id", VARCHAR, OPTIONAL, "The ID of the alert route that created this incident alert")
              .nest("alert", REQUIRED, ALERT_SLIM)
              .nest("incident", REQUIRED, INCIDENT_SLIM));

  private static final TableDef INCIDENT_UPDATES =
      table("incident_updates", "/v2/incident_updates", "incident_updates", 250, false, List.of(),
          "Updates shared against incidents, including each change of an incident's severity or"
              + " status (GET /v2/incident_updates).",
          fields()
              .col("id", VARCHAR, REQUIRED, "Unique identifier for this incident update")
              .col("created_at", TIMESTAMP, REQUIRED, "When the update was created")
              .col("incident_id", VARCHAR, REQUIRED, "The incident this update relates to")
              .col("merged_into_incident_id", VARCHAR, OPTIONAL, "The ID of the incident this incident was"
                  + " merged into, if the to state of this update is 'merged'.")
              .col("message", VARCHAR, OPTIONAL, "Message that explains the context behind the update")
              .nest("new_incident_status", REQUIRED, INCIDENT_STATUS)
              .nest("new_severity", OPTIONAL, SEVERITY)
              .nest("updater", REQUIRED, ACTOR));

  private static final List<TableDef> ALL = List.of(ALERTS, INCIDENTS, INCIDENT_ALERTS, INCIDENT_UPDATES);

  private IncidentIoTables() {}

  /** Returns every table, in a fixed order. */
  public static List<TableDef> all() {
    return ALL;
  }

  /**
   * Returns the table of the given name, matched without regard to case.
   *
   * @throws IllegalArgumentException if there is no such table
   */
  public static TableDef byName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (TableDef t : ALL) {
      if (t.name().equals(wanted)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "no table named '"
            + name
            + "'; the tables are "
            + ALL.stream().map(TableDef::name).collect(Collectors.joining(", ")));
  }

  private static TableDef table(
      String name,
      String path,
      String itemsField,
      int maxPageSize,
      boolean pageSizeRequired,
      List<TableDef.Scope> scopes,
      String remarks,
      Fields columns) {
    return new TableDef(
        name, path, itemsField, maxPageSize, pageSizeRequired, remarks, columns.list, scopes);
  }

  private static Fields fields() {
    return new Fields();
  }

  /** Builder of a list of columns, for a table or for an object that several tables share. */
  private static final class Fields {
    private final List<ColumnDef> list = new ArrayList<>();

    /** Adds a column for the field at a dotted path, e.g. {@code incident_type.name}. */
    Fields col(String path, ColumnType type, boolean required, String remarks) {
      list.add(ColumnDef.of(path, type, required, remarks));
      return this;
    }

    /**
     * Adds the columns of an object found under {@code object} (or at the row's top level when
     * null); a column is required only if the object is too.
     */
    Fields nest(String object, boolean required, Fields inner) {
      for (ColumnDef c : inner.list) {
        String path = String.join(".", c.path());
        list.add(
            ColumnDef.of(
                object == null ? path : object + "." + path,
                c.type(),
                required && c.required(),
                c.remarks()));
      }
      return this;
    }
  }
}
