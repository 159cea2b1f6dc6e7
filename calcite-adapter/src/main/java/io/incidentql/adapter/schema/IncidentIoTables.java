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

  /** The columns of an incident ({@code IncidentV2}), as list and show requests return it. */
  private static final Fields INCIDENT_COLUMNS =
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
                  "Minutes of responder workload on the incident that fell in working hours");

  // Objects that only the lookup tables list, generated from the contract's schemas.

  /** {@code IncidentTypeV1}. */
  private static final Fields INCIDENT_TYPE_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for this Incident Type")
          .col("create_in_triage", VARCHAR, REQUIRED, "Whether incidents of this must always, or can optionally, be created in triage")
          .col("created_at", TIMESTAMP, REQUIRED, "When this resource was created")
          .col("description", VARCHAR, REQUIRED, "What is this incident type for?")
          .col("is_default", BOOLEAN, REQUIRED, "The default Incident Type is used when no other type is explicitly specified")
          .col("name", VARCHAR, REQUIRED, "The name of this Incident Type")
          .col("owning_team_ids", JSON, OPTIONAL, "IDs of the teams that own this incident type")
          .col("private_incidents_only", BOOLEAN, REQUIRED, "Should all incidents created with this Incident Type be private?")
          .col("updated_at", TIMESTAMP, REQUIRED, "When this resource was last updated");

  /** {@code IncidentRoleV2}. */
  private static final Fields INCIDENT_ROLE_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for the role")
          .col("created_at", TIMESTAMP, REQUIRED, "When the role was created")
          .col("description", VARCHAR, REQUIRED, "Describes the purpose of the role")
          .col("instructions", VARCHAR, REQUIRED, "Provided to whoever is nominated for the role. Note that this will be empty for the 'reporter' role.")
          .col("name", VARCHAR, REQUIRED, "Human readable name of the incident role")
          .col("role_type", VARCHAR, REQUIRED, "Type of incident role")
          .col("shortform", VARCHAR, REQUIRED, "Short human readable name for Slack. Note that this will be empty for the 'reporter' role.")
          .col("updated_at", TIMESTAMP, REQUIRED, "When the role was last updated");

  /** {@code IncidentTimestampV2}. */
  private static final Fields INCIDENT_TIMESTAMP_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique ID of this incident timestamp")
          .col("name", VARCHAR, REQUIRED, "Unique name of this timestamp")
          .col("rank", BIGINT, REQUIRED, "Order in which this timestamp should be shown");

  /** {@code CustomFieldV2}. */
  private static final Fields CUSTOM_FIELD_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for the custom field")
          .col("catalog_type_id", VARCHAR, OPTIONAL, "For catalog fields, the ID of the associated catalog type")
          .col("created_at", TIMESTAMP, REQUIRED, "When the action was created")
          .col("description", VARCHAR, REQUIRED, "Description of the custom field")
          .col("field_type", VARCHAR, REQUIRED, "Type of custom field")
          .col("filter_by.catalog_attribute_id", VARCHAR, OPTIONAL, "This must be an attribute of the catalog type of this custom field. It must be an attribute that points to another catalog type (so not a plain string, number, or boolean attribute).")
          .col("filter_by.custom_field_id", VARCHAR, OPTIONAL, "This must be the ID of a custom field, which must have values of the same type as the attribute you are filtering by.\n\nWhen this filtering field is set on an incident, the options for this custom field will be filtered to only those with the attribute value that matches the value of the filtering field.")
          .col("fixed_filter.catalog_attribute_id", VARCHAR, OPTIONAL, "This must be an attribute of the catalog type of this custom field. It must be an attribute that points to another catalog type (so not a plain string, number, or boolean attribute).")
          .col("fixed_filter.values", JSON, OPTIONAL, "The catalog entry IDs (of the type the attribute points at) that the attribute must reference. The options for this custom field are restricted to entries matching one of these values.")
          .col("group_by_catalog_attribute_id", VARCHAR, OPTIONAL, "For catalog fields, the ID of the attribute used to group catalog entries (if applicable)")
          .col("helptext_catalog_attribute_id", VARCHAR, OPTIONAL, "Which catalog attribute provides helptext for the options")
          .col("name", VARCHAR, REQUIRED, "Human readable name for the custom field")
          .col("updated_at", TIMESTAMP, REQUIRED, "When the action was last updated");

  /** {@code CustomFieldOptionV1}. */
  private static final Fields CUSTOM_FIELD_OPTION_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for the custom field option")
          .col("custom_field_id", VARCHAR, REQUIRED, "ID of the custom field this option belongs to")
          .col("sort_key", BIGINT, REQUIRED, "Sort key used to order the custom field options correctly")
          .col("value", VARCHAR, REQUIRED, "Human readable name for the custom field option. Values must not start or end with whitespace, or contain tabs or newlines.");

  /** {@code UserWithRolesV2}. */
  private static final Fields USER_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier of the user")
          .col("base_role.description", VARCHAR, OPTIONAL, "Description of the purpose for the RBAC role")
          .col("base_role.id", VARCHAR, REQUIRED, "Unique identifier of the RBAC role")
          .col("base_role.name", VARCHAR, REQUIRED, "Name of the RBAC role")
          .col("base_role.slug", VARCHAR, REQUIRED, "Unique human-readable slug for the RBAC role")
          .col("custom_roles", JSON, REQUIRED, "The custom RBAC roles the user holds")
          .col("email", VARCHAR, OPTIONAL, "Email address of the user.")
          .col("is_active", BOOLEAN, REQUIRED, "Whether the user is active. False if the user has been deactivated (e.g. offboarded) or is not yet active.")
          .col("name", VARCHAR, REQUIRED, "Name of the user")
          .col("role", VARCHAR, REQUIRED, "DEPRECATED: Role of the user as of March 9th 2023, this value is no longer updated.")
          .col("seats.on_call", VARCHAR, REQUIRED, "On-call seat access level")
          .col("seats.response", VARCHAR, REQUIRED, "Response seat access level")
          .col("slack_user_id", VARCHAR, OPTIONAL, "Slack ID of the user");

  /** {@code AlertSourceV2}. */
  private static final Fields ALERT_SOURCE_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "The ID of this alert source")
          .col("alert_events_url", VARCHAR, OPTIONAL, "URL that can be used to send alert events to this source. This is only set for sources that accept webhook/HTTP events; email sources use the email_address field, and integration-based sources (like Jira) receive events through their native integrations.")
          .col("auto_resolve_incident_alerts", BOOLEAN, OPTIONAL, "Whether to auto-resolve incident alerts when the alert auto-resolves. Defaults to true. Only use in conjunction with auto_resolve_timeout_minutes.")
          .col("auto_resolve_timeout_minutes", BIGINT, OPTIONAL, "When set, alerts from this source will automatically resolve after this many minutes.")
          .col("email_options.email_address", VARCHAR, OPTIONAL, "Email address this alert source receives alerts to")
          .col("email_options.redactions", JSON, OPTIONAL, "Which PII types to automatically redact from incoming email content before storage")
          .col("email_options.transform_expression", VARCHAR, OPTIONAL, "JavaScript expression to transform email fields into structured alert fields")
          .col("heartbeat_options.failure_threshold", BIGINT, OPTIONAL, "Number of consecutive missed pings before an alert fires.")
          .col("heartbeat_options.grace_period_seconds", BIGINT, OPTIONAL, "How long after a missed ping before the heartbeat is considered late, in seconds. If zero, it transitions directly to failing.")
          .col("heartbeat_options.interval_seconds", BIGINT, OPTIONAL, "How often a ping is expected, in seconds.")
          .col("heartbeat_options.ping_url", VARCHAR, OPTIONAL, "The URL to POST to in order to send a heartbeat ping.")
          .col("http_custom_options.deduplication_key_path", VARCHAR, OPTIONAL, "JSON path to extract the deduplication key from the payload")
          .col("http_custom_options.transform_expression", VARCHAR, OPTIONAL, "JavaScript expression that returns an object with all alert fields")
          .col("jira_options.project_ids", JSON, OPTIONAL, "Which projects in Jira should this alert source watch for new issues? IDs can either be IDs of the projects in Jira, or ID of catalog entries in the 'Jira Project' catalog type.")
          .col("name", VARCHAR, REQUIRED, "Unique name of the alert source")
          .col("owning_team_ids", JSON, OPTIONAL, "IDs of teams that own this alert source")
          .col("source_type", VARCHAR, REQUIRED, "Type of alert source")
          .col("template.attributes", JSON, REQUIRED, "Attributes to set on alerts coming from this source, with a binding describing how to set them.")
          .col("template.description.label", VARCHAR, REQUIRED, "Human readable label to be displayed for user to select")
          .col("template.description.literal", VARCHAR, OPTIONAL, "If set, this is the literal value of the step parameter")
          .col("template.description.reference", VARCHAR, OPTIONAL, "If set, this is the reference into the trigger scope that is the value of this parameter")
          .col("template.expressions", JSON, REQUIRED, "Expressions available for use in bindings within this template")
          .col("template.is_private", BOOLEAN, REQUIRED, "Whether or not alerts produced by this source should be private")
          .col("template.title.label", VARCHAR, REQUIRED, "Human readable label to be displayed for user to select")
          .col("template.title.literal", VARCHAR, OPTIONAL, "If set, this is the literal value of the step parameter")
          .col("template.title.reference", VARCHAR, OPTIONAL, "If set, this is the reference into the trigger scope that is the value of this parameter")
          .col("template.visible_to_teams.array_value", JSON, OPTIONAL, "If array_value is set, this helps render the values")
          .col("template.visible_to_teams.value.label", VARCHAR, OPTIONAL, "Human readable label to be displayed for user to select")
          .col("template.visible_to_teams.value.literal", VARCHAR, OPTIONAL, "If set, this is the literal value of the step parameter")
          .col("template.visible_to_teams.value.reference", VARCHAR, OPTIONAL, "If set, this is the reference into the trigger scope that is the value of this parameter");

  /** {@code AlertAttributeV2}. */
  private static final Fields ALERT_ATTRIBUTE_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "The ID of this attribute")
          .col("array", BOOLEAN, REQUIRED, "Whether this attribute is an array")
          .col("emoji", VARCHAR, OPTIONAL, "The emoji to display alongside this attribute in chat messages, stored without colons")
          .col("name", VARCHAR, REQUIRED, "Unique name of this attribute")
          .col("required", BOOLEAN, REQUIRED, "Whether this attribute is required. If this field is not set, the existing setting will be preserved.")
          .col("type", VARCHAR, REQUIRED, "Engine resource name for this attribute");

  // Tables.

  private static final TableDef ALERTS =
      TableDef.builder("alerts", "/v2/alerts", "alerts")
          .pages(50, true)
          .remarks("Alerts: events ingested from third parties by alert sources. They can trigger"
              + " incidents and escalations, as configured in alert routes (GET /v2/alerts).")
          .columns(fields()
              .nest(null, REQUIRED, ALERT_SLIM)
              .col("attributes", JSON, REQUIRED, "Attribute values parsed from the alerts payload")
              .list)
          .primaryKey("id")
          .show("/v2/alerts", "alert")
          .windows("created_at")
          .filter("id", ColumnFilter.lookup(ColumnFilter.KeyForm.VERBATIM))
          .filter("status", ColumnFilter.list("status", true))
          .filter("alert_source_id", ColumnFilter.list("alert_source", true))
          .filter("deduplication_key", ColumnFilter.is("deduplication_key"))
          .filter("created_at", ColumnFilter.dates("created_at"))
          .references("alert_source_id", "alert_sources")
          .build();

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

  /** Looks a severity up by name or rank. */
  private static ColumnFilter.Via severity(String column) {
    return new ColumnFilter.Via("severities", column, "id");
  }

  /**
   * {@code /v2/incidents}, documented only by an example. {@code IncidentSlimV2} calls itself "a
   * subset of the full incident object", so the fields it requires are taken as required here
   * too; nested objects get no such guarantee.
   */
  private static final TableDef INCIDENTS =
      TableDef.builder("incidents", "/v2/incidents", "incidents")
          .pages(250, false)
          .remarks("Incidents of the organization (GET /v2/incidents): every incident of the four"
              + " documented modes (standard, retrospective, test, tutorial) and the eight"
              + " status categories (triage, live, learning, paused, closed, declined, canceled,"
              + " merged). The API leaves test and tutorial incidents, and declined, canceled and"
              + " merged ones, out unless asked, so every request asks for all of them. Both"
              + " lists are fixed in the driver: a mode or category the API adds later is not in"
              + " the table until the driver names it.")
          .columns(INCIDENT_COLUMNS.list)
          .scope(MODES)
          .scope(STATUS_CATEGORIES)
          .primaryKey("id")
          .show("/v2/incidents", "incident")
          .sort("created_at", "created_at_oldest_first", "created_at_newest_first")
          .countable()
          .windows("created_at")
          .anyFilterMode()
          .filter("id", ColumnFilter.lookup(ColumnFilter.KeyForm.VERBATIM))
          .filter("reference", ColumnFilter.lookup(ColumnFilter.KeyForm.NUMERIC_SUFFIX))
          .filter("incident_status_id", ColumnFilter.list("status", false))
          .filter("incident_status_category", ColumnFilter.scope("status_category"))
          .filter("incident_status_name", ColumnFilter.byName("status",
              new ColumnFilter.Via("incident_statuses", "name", "id")))
          .filter("severity_id", ColumnFilter.list("severity", false))
          .filter("severity_name", ColumnFilter.byName("severity", severity("name")))
          .filter("severity_rank", ColumnFilter.byRank("severity", severity("rank")))
          .filter("incident_type_id", ColumnFilter.list("incident_type", false))
          .filter("incident_type_name", ColumnFilter.byName("incident_type",
              new ColumnFilter.Via("incident_types", "name", "id")))
          .filter("created_at", ColumnFilter.dates("created_at"))
          .filter("updated_at", ColumnFilter.dates("updated_at"))
          .filter("mode", ColumnFilter.scope("mode"))
          .references("incident_status_id", "incident_statuses")
          .references("severity_id", "severities")
          .references("incident_type_id", "incident_types")
          .references("creator_user_id", "users")
          .build();

  private static final TableDef INCIDENT_ALERTS =
      TableDef.builder("incident_alerts", "/v2/incident_alerts", "incident_alerts")
          .pages(50, true)
          .remarks("The connections between incidents and alerts (GET /v2/incident_alerts).")
          .columns(fields()
              .col("id", VARCHAR, REQUIRED, "The ID of this alert")
              .col("alert_route_id", VARCHAR, OPTIONAL,
                  "The ID of the alert route that created this incident alert")
              .nest("alert", REQUIRED, ALERT_SLIM)
              .nest("incident", REQUIRED, INCIDENT_SLIM)
              .list)
          .primaryKey("id")
          .filter("incident_id", ColumnFilter.equalsParam("incident_id"))
          .filter("alert_id", ColumnFilter.equalsParam("alert_id"))
          .references("alert_id", "alerts")
          .references("incident_id", "incidents")
          .references("alert_alert_source_id", "alert_sources")
          .build();

  private static final TableDef INCIDENT_UPDATES =
      TableDef.builder("incident_updates", "/v2/incident_updates", "incident_updates")
          .pages(250, false)
          .remarks("Updates shared against incidents, including each change of an incident's"
              + " severity or status (GET /v2/incident_updates).")
          .columns(fields()
              .col("id", VARCHAR, REQUIRED, "Unique identifier for this incident update")
              .col("created_at", TIMESTAMP, REQUIRED, "When the update was created")
              .col("incident_id", VARCHAR, REQUIRED, "The incident this update relates to")
              .col("merged_into_incident_id", VARCHAR, OPTIONAL, "The ID of the incident this"
                  + " incident was merged into, if the to state of this update is 'merged'.")
              .col("message", VARCHAR, OPTIONAL, "Message that explains the context behind the update")
              .nest("new_incident_status", REQUIRED, INCIDENT_STATUS)
              .nest("new_severity", OPTIONAL, SEVERITY)
              .nest("updater", REQUIRED, ACTOR)
              .list)
          .primaryKey("id")
          .filter("incident_id", ColumnFilter.equalsParam("incident_id"))
          .references("incident_id", "incidents")
          .references("merged_into_incident_id", "incidents")
          .references("new_incident_status_id", "incident_statuses")
          .references("new_severity_id", "severities")
          .references("updater_user_id", "users")
          .build();

  /** A lookup table: one unpaged list of an account's configuration, keyed by id. */
  private static TableDef lookup(String name, String path, String remarks, Fields columns) {
    return TableDef.builder(name, path, name)
        .remarks(remarks + " (GET " + path + "). The endpoint returns every row in one response.")
        .columns(columns.list)
        .primaryKey("id")
        .build();
  }

  private static final TableDef SEVERITIES = lookup("severities", "/v1/severities",
      "The severities incidents can have, ranked from least to most severe", SEVERITY);

  private static final TableDef INCIDENT_STATUSES = lookup("incident_statuses",
      "/v1/incident_statuses", "The statuses an incident moves through, each in a category",
      INCIDENT_STATUS);

  private static final TableDef INCIDENT_TYPES = lookup("incident_types", "/v1/incident_types",
      "The types of incident the organization declares", INCIDENT_TYPE_COLUMNS);

  private static final TableDef INCIDENT_ROLES = lookup("incident_roles", "/v2/incident_roles",
      "The roles people hold in an incident, such as the incident lead", INCIDENT_ROLE_COLUMNS);

  private static final TableDef INCIDENT_TIMESTAMPS = lookup("incident_timestamps",
      "/v2/incident_timestamps", "The timestamps recorded on each incident, such as when impact"
          + " started", INCIDENT_TIMESTAMP_COLUMNS);

  private static final TableDef CUSTOM_FIELDS = lookup("custom_fields", "/v2/custom_fields",
      "The custom fields incidents carry", CUSTOM_FIELD_COLUMNS);

  private static final TableDef CUSTOM_FIELD_OPTIONS =
      TableDef.builder("custom_field_options", "/v1/custom_field_options", "custom_field_options")
          .pages(250, false)
          .remarks("The options of the custom fields that have them (GET /v1/custom_field_options)."
              + " The endpoint lists the options of one custom field per request, so without a"
              + " custom_field_id in WHERE the custom fields are listed first and each one is read.")
          .columns(CUSTOM_FIELD_OPTION_COLUMNS.list)
          .primaryKey("id")
          .parent("custom_field_id", "custom_fields")
          .build();

  private static final TableDef USERS =
      TableDef.builder("users", "/v2/users", "users")
          .pages(10_000, false)
          .remarks("The users of the organization (GET /v2/users), deactivated ones included: the"
              + " API leaves them out unless asked, so every request asks for them"
              + " (include_inactive=true).")
          .columns(USER_COLUMNS.list)
          .always("include_inactive", "true")
          .primaryKey("id")
          .filter("email", ColumnFilter.equalsParam("email"))
          .filter("slack_user_id", ColumnFilter.equalsParam("slack_user_id"))
          .build();

  private static final TableDef ALERT_SOURCES = lookup("alert_sources", "/v2/alert_sources",
      "The sources alerts come from, such as an HTTP endpoint or a monitoring tool; their"
          + " secret tokens are not columns", ALERT_SOURCE_COLUMNS);

  private static final TableDef ALERT_ATTRIBUTES = lookup("alert_attributes",
      "/v2/alert_attributes", "The attributes alerts carry, parsed from their payloads",
      ALERT_ATTRIBUTE_COLUMNS);

  private static final List<TableDef> ALL = List.of(ALERTS, INCIDENTS, INCIDENT_ALERTS,
      INCIDENT_UPDATES, SEVERITIES, INCIDENT_STATUSES, INCIDENT_TYPES, INCIDENT_ROLES,
      INCIDENT_TIMESTAMPS, CUSTOM_FIELDS, CUSTOM_FIELD_OPTIONS, USERS, ALERT_SOURCES,
      ALERT_ATTRIBUTES);

  private IncidentIoTables() {}

  /** Returns the names of the columns, in any table, whose predicates can reach the API. */
  public static java.util.Set<String> pushableColumnNames() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (TableDef t : ALL) {
      for (ColumnDef c : t.columns()) {
        if (c.filter() != null) {
          names.add(c.name());
        }
      }
    }
    return names;
  }

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
