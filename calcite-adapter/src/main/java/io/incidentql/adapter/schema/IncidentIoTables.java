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
 *
 * <p>It is long because it is data: one entry per table, each column with the contract's description;
 * splitting it would scatter the catalog that every other part reads.
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

  // Objects of the tables around incidents and alerts, generated from the contract's schemas.

  /** {@code FollowUpV2}. */
  private static final Fields FOLLOW_UP_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for the follow-up")
          .nest("assignee", OPTIONAL, USER)
          .col("assignee_team.id", VARCHAR, OPTIONAL, "Unique ID of the team")
          .col("assignee_team.name", VARCHAR, OPTIONAL, "Name of the team")
          .col("completed_at", TIMESTAMP, OPTIONAL, "When the follow-up was completed")
          .col("created_at", TIMESTAMP, REQUIRED, "When the follow-up was created")
          .nest("creator", REQUIRED, ACTOR)
          .col("description", VARCHAR, OPTIONAL, "Description of the follow-up")
          .col("external_issue_reference.issue_name", VARCHAR, OPTIONAL, "Human readable ID for the issue")
          .col("external_issue_reference.issue_permalink", VARCHAR, OPTIONAL, "URL linking directly to the action in the issue tracker")
          .col("external_issue_reference.provider", VARCHAR, OPTIONAL, "ID of the issue tracker provider")
          .col("incident_id", VARCHAR, REQUIRED, "Unique identifier of the incident the follow-up belongs to")
          .col("labels", JSON, REQUIRED, "Labels associated with this follow-up")
          .col("priority.description", VARCHAR, OPTIONAL, "Description of the follow-up priority option")
          .col("priority.id", VARCHAR, OPTIONAL, "Unique identifier for the follow-up priority option")
          .col("priority.name", VARCHAR, OPTIONAL, "Name of the follow-up priority option")
          .col("priority.rank", BIGINT, OPTIONAL, "Rank is used to order the follow-up priority options correctly")
          .col("status", VARCHAR, REQUIRED, "Status of the follow-up")
          .col("title", VARCHAR, REQUIRED, "Title of the follow-up")
          .col("updated_at", TIMESTAMP, REQUIRED, "When the follow-up was last updated");

  /** {@code ActionV2}. */
  private static final Fields ACTION_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for the action")
          .nest("assignee", OPTIONAL, USER)
          .col("completed_at", TIMESTAMP, OPTIONAL, "When the action was completed")
          .col("created_at", TIMESTAMP, REQUIRED, "When the action was created")
          .nest("creator", REQUIRED, ACTOR)
          .col("description", VARCHAR, REQUIRED, "Description of the action")
          .col("incident_id", VARCHAR, REQUIRED, "Unique identifier of the incident the action belongs to")
          .col("status", VARCHAR, REQUIRED, "Status of the action")
          .col("updated_at", TIMESTAMP, REQUIRED, "When the action was last updated");

  /** {@code EscalationV2}. */
  private static final Fields ESCALATION_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique ID of the escalation")
          .col("created_at", TIMESTAMP, REQUIRED, "When this escalation was created")
          .col("creator.alert.id", VARCHAR, OPTIONAL, "The ID of this alert")
          .col("creator.alert.title", VARCHAR, OPTIONAL, "The title of the alert, parsed from the alert payload according to the alert source configuration")
          .col("creator.user.id", VARCHAR, OPTIONAL, "Unique identifier of the user")
          .col("creator.user.email", VARCHAR, OPTIONAL, "Email address of the user.")
          .col("creator.user.name", VARCHAR, OPTIONAL, "Name of the user")
          .col("creator.user.role", VARCHAR, OPTIONAL, "DEPRECATED: Role of the user as of March 9th 2023, this value is no longer updated.")
          .col("creator.user.slack_user_id", VARCHAR, OPTIONAL, "Slack ID of the user")
          .col("creator.workflow.id", VARCHAR, OPTIONAL, "Unique identifier for the workflow")
          .col("creator.workflow.name", VARCHAR, OPTIONAL, "Name provided by the user when creating the workflow")
          .col("description", VARCHAR, REQUIRED, "Additional detail provided with this escalation. When it isn't set explicitly, this is taken from the alert description or the incident summary, and is empty when neither applies.")
          .col("escalation_path_id", VARCHAR, OPTIONAL, "Unique identifier of the escalation path that the escalation was created from")
          .col("events", JSON, REQUIRED, "Events which describe the history of this escalation. Events include information about what users or channels were notified and what users acked.")
          .col("priority.name", VARCHAR, REQUIRED, "The human readable label for this priority")
          .col("related_alerts", JSON, REQUIRED, "Alerts related to this escalation")
          .col("related_incidents", JSON, REQUIRED, "Incidents related to this escalation")
          .col("status", VARCHAR, REQUIRED, "Status of the escalation")
          .col("title", VARCHAR, REQUIRED, "The title of this escalation")
          .col("updated_at", TIMESTAMP, REQUIRED, "When this escalation was last updated");

  /** {@code EscalationPathV2}. */
  private static final Fields ESCALATION_PATH_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for this escalation path.")
          .col("current_responders", JSON, OPTIONAL, "Users who are currently on-call for this escalation path")
          .col("name", VARCHAR, REQUIRED, "The name of this escalation path, for the user's reference.")
          .col("path", JSON, REQUIRED, "The nodes that form the levels and branches of this escalation path.")
          .col("repeat_config.delay_repeat_on_activity", BOOLEAN, OPTIONAL, "When true, incident activity resets the repeat timer.")
          .col("repeat_config.repeat_after_seconds", BIGINT, OPTIONAL, "Number of seconds we'll wait before repeating an escalation.")
          .col("team_ids", JSON, REQUIRED, "IDs of the teams that own this escalation path. This will automatically sync escalation paths with the right teams in Catalog. If you have an escalation paths attribute on your Teams, this attribute is required.")
          .col("working_hours", JSON, OPTIONAL, "The working hours for this escalation path.");

  /** {@code ScheduleV2}. */
  private static final Fields SCHEDULE_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique internal ID of the schedule")
          .col("annotations", JSON, REQUIRED, "Annotations that track metadata about this resource")
          .col("config.rotations", JSON, OPTIONAL, "Rotas in this schedule")
          .col("created_at", TIMESTAMP, REQUIRED, "When the schedule was created")
          .col("current_shifts", JSON, OPTIONAL, "Shifts that are ongoing for this schedule")
          .col("holidays_public_config.country_codes", JSON, OPTIONAL, "ISO 3166-1 alpha-2 country codes for the countries that this schedule is configured to view holidays for")
          .col("name", VARCHAR, REQUIRED, "Human readable name synced from external provider")
          .col("next_shifts", JSON, OPTIONAL, "The shifts after the next changeover. Note that on the list schedules endpoint, this will always be empty if the page size requested is greater than 25.")
          .col("permalink", VARCHAR, REQUIRED, "A permanent link to this schedule in the incident.io dashboard")
          .col("team_ids", JSON, REQUIRED, "IDs of teams that own this schedule")
          .col("timezone", VARCHAR, REQUIRED, "Timezone of the schedule, as interpreted at the point of generating the report")
          .col("updated_at", TIMESTAMP, REQUIRED, "When the schedule was last updated");

  /** {@code CatalogTypeV3}. */
  private static final Fields CATALOG_TYPE_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "ID of this catalog type")
          .col("annotations", JSON, REQUIRED, "Annotations that can track metadata about this type")
          .col("categories", JSON, REQUIRED, "What categories is this type considered part of")
          .col("color", VARCHAR, REQUIRED, "Sets the display color of this type in the dashboard")
          .col("created_at", TIMESTAMP, REQUIRED, "When this type was created")
          .col("description", VARCHAR, REQUIRED, "Human readble description of this type")
          .col("dynamic_resource_parameter", VARCHAR, OPTIONAL, "If this is a dynamic catalog type, this will be the unique parameter for identitfying this resource externally.")
          .col("engine_resource_type", VARCHAR, REQUIRED, "The way this resource type is referenced in the engine, as used when setting the type of an alert attribute")
          .col("estimated_count", BIGINT, OPTIONAL, "If populated, gives an estimated count of entries for this type")
          .col("icon", VARCHAR, REQUIRED, "Sets the display icon of this type in the dashboard")
          .col("is_editable", BOOLEAN, REQUIRED, "Catalog types that are synced with external resources can't be edited")
          .col("is_team_type", BOOLEAN, OPTIONAL, "Whether this catalog type is the designated team type in team settings")
          .col("last_synced_at", TIMESTAMP, OPTIONAL, "When this type was last synced (if it's ever been sync'd)")
          .col("name", VARCHAR, REQUIRED, "Name is the human readable name of this type")
          .col("owning_team_ids", JSON, OPTIONAL, "IDs of the teams that own this catalog type")
          .col("ranked", BOOLEAN, REQUIRED, "If this type should be ranked")
          .col("registry_type", VARCHAR, OPTIONAL, "The registry resource this type is synced from, if any")
          .col("required_integrations", JSON, OPTIONAL, "If populated, the integrations required for this type")
          .col("schema.attributes", JSON, REQUIRED, "Attributes of this catalog type")
          .col("schema.version", BIGINT, REQUIRED, "The version number of this schema")
          .col("source_repo_url", VARCHAR, OPTIONAL, "The url of the external repository where this type is managed")
          .col("type_name", VARCHAR, REQUIRED, "The type name of this catalog type, to be used when defining attributes. This is immutable once a CatalogType has been created. For non-externally sync types, it must follow the pattern Custom[\"SomeName\"]")
          .col("updated_at", TIMESTAMP, REQUIRED, "When this type was last updated")
          .col("use_name_as_identifier", BOOLEAN, REQUIRED, "If enabled, you can refer to entries of this type by their name, as well as their external ID and any aliases.");

  /** {@code CatalogEntryV3}. */
  private static final Fields CATALOG_ENTRY_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "ID of this catalog entry")
          .col("aliases", JSON, REQUIRED, "Optional aliases that can be used to reference this entry")
          .col("archived_at", TIMESTAMP, OPTIONAL, "When this entry was archived")
          .col("attribute_values", JSON, REQUIRED, "Values of this entry")
          .col("catalog_type_id", VARCHAR, REQUIRED, "ID of this catalog type")
          .col("created_at", TIMESTAMP, REQUIRED, "When this entry was created")
          .col("external_id", VARCHAR, OPTIONAL, "An optional alternative ID for this entry, which is ensured to be unique for the type")
          .col("name", VARCHAR, REQUIRED, "Name is the human readable name of this entry")
          .col("rank", BIGINT, REQUIRED, "When catalog type is ranked, this is used to help order things")
          .col("updated_at", TIMESTAMP, REQUIRED, "When this entry was last updated");

  /** {@code TeamV3}. */
  private static final Fields TEAM_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique ID of the team")
          .col("catalog_entry.id", VARCHAR, REQUIRED, "ID of this catalog entry")
          .col("catalog_entry.external_id", VARCHAR, OPTIONAL, "An optional alternative ID for this entry, which is ensured to be unique for the type")
          .col("catalog_entry.name", VARCHAR, REQUIRED, "Name is the human readable name of this entry")
          .col("members", JSON, REQUIRED, "Members of the team")
          .col("name", VARCHAR, REQUIRED, "Name of the team");

  /** {@code WorkflowSlimV2}. */
  private static final Fields WORKFLOW_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for the workflow")
          .col("condition_groups", JSON, REQUIRED, "Conditions that apply to the workflow trigger")
          .col("continue_on_step_error", BOOLEAN, REQUIRED, "Whether to continue executing the workflow if a step fails")
          .col("delay.conditions_apply_over_delay", BOOLEAN, OPTIONAL, "If this workflow is delayed, whether the conditions should be rechecked between trigger firing and execution")
          .col("delay.for_seconds", BIGINT, OPTIONAL, "Delay in seconds between trigger firing and running the workflow")
          .col("expressions", JSON, REQUIRED, "Expressions that make variables available in the scope")
          .col("folder", VARCHAR, OPTIONAL, "Folder to display the workflow in")
          .col("include_private_escalations", BOOLEAN, REQUIRED, "Whether to include private escalations")
          .col("include_private_incidents", BOOLEAN, REQUIRED, "DEPRECATED: use `private_incident_scope` instead. `true` when the workflow runs on private incidents (a `private_incident_scope` of `all` or `owning_teams`), `false` when the scope is `none`.")
          .col("name", VARCHAR, REQUIRED, "Name provided by the user when creating the workflow")
          .col("once_for", JSON, REQUIRED, "This workflow will run 'once for' a list of references")
          .col("owning_team_ids", JSON, OPTIONAL, "IDs of the teams that own this workflow")
          .col("private_incident_scope", VARCHAR, REQUIRED, "Which private incidents this workflow acts on: every private incident (all), those an owning team can see (owning_teams), or none")
          .col("runs_from", TIMESTAMP, OPTIONAL, "The time from which this workflow will run on incidents")
          .col("runs_on_incident_modes", JSON, REQUIRED, "Which incident modes should this workflow run on? By default, workflows only run on standard incidents, but can also be configured to run on test and retrospective incidents.")
          .col("runs_on_incidents", VARCHAR, REQUIRED, "Which incidents should the workflow be applied to?")
          .col("shortform", VARCHAR, OPTIONAL, "The shortform used to trigger this workflow (only applicable for manual triggers)")
          .col("state", VARCHAR, REQUIRED, "What state this workflow is in")
          .col("steps", JSON, REQUIRED, "Steps that are executed as part of the workflow")
          .col("trigger.label", VARCHAR, REQUIRED, "Human readable identifier for this trigger")
          .col("trigger.name", VARCHAR, REQUIRED, "Unique name of the trigger")
          .col("version", BIGINT, REQUIRED, "Revision of the workflow, uniquely identifying it's version");

  /** {@code IncidentAttachmentV1}. */
  private static final Fields INCIDENT_ATTACHMENT_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier of this incident membership")
          .col("incident_id", VARCHAR, REQUIRED, "Unique identifier of the incident")
          .col("resource.external_id", VARCHAR, REQUIRED, "ID of the resource in the external system")
          .col("resource.permalink", VARCHAR, REQUIRED, "URL of the resource")
          .col("resource.resource_type", VARCHAR, REQUIRED, "E.g. PagerDuty: the external system that holds the resource")
          .col("resource.title", VARCHAR, REQUIRED, "Title of resource");

  /** {@code WorkflowRunSlimV2}. */
  private static final Fields WORKFLOW_RUN_COLUMNS =
      fields()
          .col("id", VARCHAR, REQUIRED, "Unique identifier for the workflow run")
          .col("cancelled_at", TIMESTAMP, OPTIONAL, "If the run was cancelled, this is when")
          .col("created_at", TIMESTAMP, REQUIRED, "When the resource was created")
          .col("enqueued_at", TIMESTAMP, OPTIONAL, "When the run was enqueued for execution")
          .col("error", VARCHAR, OPTIONAL, "Error produced by the workflow, if it failed")
          .col("incident_id", VARCHAR, OPTIONAL, "If this run was against a specific incident, this is the ID of that incident")
          .col("incident_reference", VARCHAR, OPTIONAL, "If this run was against a specific incident, this is the reference of that incident")
          .col("progress", JSON, REQUIRED, "Status of each step as it is worked")
          .col("scheduled_at", TIMESTAMP, REQUIRED, "When the run was scheduled for")
          .col("updated_at", TIMESTAMP, REQUIRED, "When the resource was last updated")
          .col("workflow_id", VARCHAR, REQUIRED, "Unique identifier for the underlying workflow")
          .col("workflow_name", VARCHAR, OPTIONAL, "Name of the underlying workflow")
          .col("workflow_version_id", VARCHAR, REQUIRED, "Unique identifier of the workflow version")
          .col("workflow_version_number", BIGINT, REQUIRED, "Monotonically incrementing version number for the version that ran");

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

  /** The modes of incident whose records follow-ups and actions are asked for, one at a time. */
  private static final String[] INCIDENT_MODES = {"standard", "retrospective", "test", "tutorial"};

  private static final TableDef FOLLOW_UPS =
      TableDef.builder("follow_ups", "/v2/follow_ups", "follow_ups")
          .remarks("Follow-ups: work to do after an incident (GET /v2/follow_ups), of incidents of"
              + " every mode. The API returns those of standard and retrospective incidents"
              + " unless asked for one mode, and takes one incident_mode a request, so the table"
              + " sends one request per mode. The endpoint returns every row in one response.")
          .columns(FOLLOW_UP_COLUMNS.list)
          .always("incident_mode", INCIDENT_MODES)
          .primaryKey("id")
          .filter("incident_id", ColumnFilter.equalsParam("incident_id"))
          .filter("assignee_team_id", ColumnFilter.equalsParam("assignee_team_id"))
          .references("incident_id", "incidents")
          .references("assignee_id", "users")
          .references("assignee_team_id", "teams")
          .references("creator_user_id", "users")
          .references("creator_alert_id", "alerts")
          .references("creator_workflow_id", "workflows")
          .build();

  private static final TableDef ACTIONS =
      TableDef.builder("actions", "/v2/actions", "actions")
          .remarks("Actions: work done during an incident (GET /v2/actions), of incidents of every"
              + " mode. The API returns those of standard and retrospective incidents unless"
              + " asked for one mode, and takes one incident_mode a request, so the table sends"
              + " one request per mode. The endpoint returns every row in one response.")
          .columns(ACTION_COLUMNS.list)
          .always("incident_mode", INCIDENT_MODES)
          .primaryKey("id")
          .filter("incident_id", ColumnFilter.equalsParam("incident_id"))
          .references("incident_id", "incidents")
          .references("assignee_id", "users")
          .references("creator_user_id", "users")
          .references("creator_alert_id", "alerts")
          .references("creator_workflow_id", "workflows")
          .build();

  private static final TableDef ESCALATIONS =
      TableDef.builder("escalations", "/v2/escalations", "escalations")
          .pages(50, false)
          .remarks("Escalations: pages sent to responders for alerts and incidents"
              + " (GET /v2/escalations). The alerts and incidents each concerns are JSON lists.")
          .columns(ESCALATION_COLUMNS.list)
          .primaryKey("id")
          .filter("escalation_path_id", ColumnFilter.list("escalation_path", false))
          .filter("status", ColumnFilter.list("status", true))
          .filter("created_at", ColumnFilter.dates("created_at"))
          .filter("updated_at", ColumnFilter.dates("updated_at"))
          .references("escalation_path_id", "escalation_paths")
          .references("creator_user_id", "users")
          .references("creator_alert_id", "alerts")
          .references("creator_workflow_id", "workflows")
          .build();

  /** A paged table with no filter of its own, keyed by id. */
  private static TableDef listed(String name, String path, int maxPageSize, String remarks,
      Fields columns) {
    return TableDef.builder(name, path, name)
        .pages(maxPageSize, false)
        .remarks(remarks + " (GET " + path + ").")
        .columns(columns.list)
        .primaryKey("id")
        .build();
  }

  private static final TableDef ESCALATION_PATHS = listed("escalation_paths",
      "/v2/escalation_paths", 25, "Escalation paths: who is paged, in which order, when an"
          + " escalation fires", ESCALATION_PATH_COLUMNS);

  private static final TableDef SCHEDULES = listed("schedules", "/v2/schedules", 10_000,
      "On-call schedules; who is on call when is in schedule_entries", SCHEDULE_COLUMNS);

  private static final TableDef SCHEDULE_ENTRIES =
      TableDef.builder("schedule_entries", "/v2/schedule_entries", "schedule_entries.final")
          .remarks("Who is on call when: the final entries of each schedule, after overrides"
              + " (GET /v2/schedule_entries). The endpoint reads one schedule per request, so"
              + " without a schedule_id in WHERE the schedules are listed first and each one is"
              + " read. It returns the entries that overlap a window of time: bounds on start_at"
              + " and end_at in WHERE set the window (a day wider, checked again locally);"
              + " without them it is the 365 days before today to the 30 days after it (UTC).")
          .columns(fields()
              .col("entry_id", VARCHAR, OPTIONAL, "Unique identifier of the schedule entry")
              .col("schedule_id", VARCHAR, REQUIRED, "The schedule the entry belongs to: the"
                  + " schedule_id its request sent (the API's entries do not carry it)")
              .col("start_at", TIMESTAMP, REQUIRED, "When the entry starts")
              .col("end_at", TIMESTAMP, REQUIRED, "When the entry ends")
              .col("fingerprint", VARCHAR, OPTIONAL,
                  "A unique identifier for this entry, used to determine a unique shift")
              .col("layer_id", VARCHAR, OPTIONAL,
                  "If present, the layer this entry applies to on the rotation")
              .col("rotation_id", VARCHAR, OPTIONAL,
                  "If present, the rotation this entry applies to on the schedule")
              .nest("user", OPTIONAL, USER)
              .list)
          .primaryKey("entry_id")
          .parentInRequest("schedule_id", "schedules")
          .entryWindow(new TableDef.EntryWindow("entry_window_start", "entry_window_end", 365, 30))
          .filter("start_at", ColumnFilter.dates("start_at"))
          .filter("end_at", ColumnFilter.dates("end_at"))
          .references("user_id", "users")
          .build();

  private static final TableDef CATALOG_TYPES = lookup("catalog_types", "/v3/catalog_types",
      "The types of the catalog, such as services and teams", CATALOG_TYPE_COLUMNS);

  private static final TableDef CATALOG_ENTRIES =
      TableDef.builder("catalog_entries", "/v3/catalog_entries", "catalog_entries")
          .pages(250, true)
          .remarks("The entries of the catalog (GET /v3/catalog_entries). The endpoint lists the"
              + " entries of one catalog type per request, so without a catalog_type_id in WHERE"
              + " the catalog types are listed first and each one is read.")
          .columns(CATALOG_ENTRY_COLUMNS.list)
          .primaryKey("id")
          .parent("catalog_type_id", "catalog_types")
          .build();

  private static final TableDef TEAMS =
      TableDef.builder("teams", "/v3/teams", "teams")
          .pages(250, false)
          .remarks("The teams of the organization, each backed by a catalog entry (GET /v3/teams).")
          .columns(TEAM_COLUMNS.list)
          .primaryKey("id")
          .references("catalog_entry_id", "catalog_entries")
          .build();

  private static final TableDef WORKFLOWS = lookup("workflows", "/v2/workflows",
      "Workflows: automations that run when incidents are created or change", WORKFLOW_COLUMNS);

  private static final TableDef INCIDENT_ATTACHMENTS =
      TableDef.builder("incident_attachments", "/v1/incident_attachments", "incident_attachments")
          .remarks("Resources of other systems attached to incidents, such as a PagerDuty incident"
              + " or a pull request (GET /v1/incident_attachments). The endpoint returns every"
              + " row in one response.")
          .columns(INCIDENT_ATTACHMENT_COLUMNS.list)
          .primaryKey("id")
          .filter("incident_id", ColumnFilter.equalsParam("incident_id"))
          .filter("resource_external_id", ColumnFilter.equalsParam("external_id"))
          .filter("resource_resource_type", ColumnFilter.equalsParam("resource_type"))
          .references("incident_id", "incidents")
          .build();

  private static final TableDef WORKFLOW_RUNS =
      TableDef.builder("workflow_runs", "/v2/workflow_runs", "workflow_runs")
          .pages(50, false)
          .remarks("Runs of workflows, most against an incident (GET /v2/workflow_runs).")
          .columns(WORKFLOW_RUN_COLUMNS.list)
          .primaryKey("id")
          .filter("workflow_id", ColumnFilter.equalsParam("workflow_id"))
          .filter("incident_id", ColumnFilter.equalsParam("incident_id"))
          .filter("created_at", ColumnFilter.dates("created_at"))
          .references("workflow_id", "workflows")
          .references("incident_id", "incidents")
          .build();

  // Child tables: the arrays of incidents and alerts, one row per element.

  /** Starts a child table of incidents, carrying the incident's id and the columns it filters on. */
  private static TableDef.Builder incidentChild(String name, String array, String inner, String remarks) {
    TableDef.Builder b = TableDef.builder(name, INCIDENTS.path(), INCIDENTS.itemsField())
        .remarks(remarks + " Read from the incidents' own requests (GET /v2/incidents): filters on"
            + " the incident columns carried here (reference, severity, status, type, mode,"
            + " created_at, updated_at) reach those requests.")
        .childOf(INCIDENTS, array, inner, null)
        .carry(INCIDENTS, "id", "incident_id");
    for (String c : List.of("reference", "created_at", "updated_at", "mode", "incident_status_id",
        "incident_status_category", "incident_status_name", "severity_id", "severity_name",
        "severity_rank", "incident_type_id", "incident_type_name")) {
      b.carry(INCIDENTS, c, c);
    }
    return b;
  }

  private static final TableDef INCIDENT_CUSTOM_FIELD_VALUES =
      incidentChild("incident_custom_field_values", "custom_field_entries", "values",
          "The values of the incidents' custom fields: one row per value (a multi-select field"
              + " with two options chosen gives two rows; a field without a value, none).")
          .element("custom_field_id", "custom_field.id", false, VARCHAR, true, "Unique identifier for the custom field")
          .element("custom_field_name", "custom_field.name", false, VARCHAR, true, "Human readable name for the custom field")
          .element("custom_field_type", "custom_field.field_type", false, VARCHAR, true, "Type of custom field")
          .element("value_text", "value_text", true, VARCHAR, false, "Text value")
          .element("value_option_id", "value_option.id", true, VARCHAR, false, "Unique identifier for the custom field option")
          .element("value_option_value", "value_option.value", true, VARCHAR, false, "Human readable name for the custom field option")
          .element("value_numeric", "value_numeric", true, VARCHAR, false, "Numeric value, as the API sends it: text (CAST(value_numeric AS DOUBLE) for arithmetic)")
          .element("value_link", "value_link", true, VARCHAR, false, "Link value")
          .element("value_catalog_entry_id", "value_catalog_entry.id", true, VARCHAR, false, "ID of the catalog entry")
          .element("value_catalog_entry_name", "value_catalog_entry.name", true, VARCHAR, false, "Name of the catalog entry")
          .references("custom_field_id", "custom_fields")
          .filter("value_option_id", ColumnFilter.keyed("custom_field", "custom_field_id"))
          .filter("value_catalog_entry_id", ColumnFilter.keyed("custom_field", "custom_field_id"))
          .build();

  private static final TableDef INCIDENT_ROLE_ASSIGNMENTS =
      incidentChild("incident_role_assignments", "incident_role_assignments", null,
          "Who holds each role of each incident: one row per role, the assignee NULL while nobody holds it.")
          .element("role_id", "role.id", false, VARCHAR, true, "Unique identifier for the role")
          .element("role_name", "role.name", false, VARCHAR, true, "Human readable name of the incident role")
          .element("role_type", "role.role_type", false, VARCHAR, true, "Type of incident role")
          .element("assignee_id", "assignee.id", false, VARCHAR, false, "Unique identifier of the user")
          .element("assignee_name", "assignee.name", false, VARCHAR, false, "Name of the user")
          .element("assignee_email", "assignee.email", false, VARCHAR, false, "Email address of the user.")
          .references("role_id", "incident_roles")
          .references("assignee_id", "users")
          .filter("assignee_id", ColumnFilter.keyed("incident_role", "role_id"))
          .build();

  private static final TableDef INCIDENT_TIMESTAMP_VALUES =
      incidentChild("incident_timestamp_values", "incident_timestamp_values", null,
          "The timestamps of each incident: one row per incident timestamp, its value NULL while unset.")
          .element("timestamp_id", "incident_timestamp.id", false, VARCHAR, true, "Unique ID of this incident timestamp")
          .element("timestamp_name", "incident_timestamp.name", false, VARCHAR, true, "Unique name of this timestamp")
          .element("timestamp_rank", "incident_timestamp.rank", false, BIGINT, true, "Order in which this timestamp should be shown")
          .element("timestamp_value", "value.value", false, TIMESTAMP, false, "When it happened")
          .references("timestamp_id", "incident_timestamps")
          .build();

  private static final TableDef INCIDENT_DURATION_METRICS =
      incidentChild("incident_duration_metrics", "duration_metrics", null,
          "The durations measured for each incident: one row per duration metric.")
          .element("metric_id", "duration_metric.id", false, VARCHAR, true, "Unique identifier of the duration metric")
          .element("metric_name", "duration_metric.name", false, VARCHAR, true, "Name of the duration metric")
          .element("status", "status", false, VARCHAR, false, "Whether the metric has a value yet")
          .element("value_seconds", "value_seconds", false, BIGINT, false, "The duration, in seconds")
          .build();

  private static final TableDef ALERT_ATTRIBUTE_VALUES =
      TableDef.builder("alert_attribute_values", ALERTS.path(), ALERTS.itemsField())
          .remarks("The attribute values of the alerts: one row per value, so an array attribute"
              + " gives one row per item. Read from the alerts' own requests (GET /v2/alerts):"
              + " filters on the alert columns carried here reach those requests.")
          .childOf(ALERTS, "attributes", "array_value", "value")
          .carry(ALERTS, "id", "alert_id")
          .carry(ALERTS, "status", "status")
          .carry(ALERTS, "alert_source_id", "alert_source_id")
          .carry(ALERTS, "deduplication_key", "deduplication_key")
          .carry(ALERTS, "created_at", "created_at")
          .element("attribute_id", "attribute.id", false, VARCHAR, true, "The ID of this attribute")
          .element("attribute_name", "attribute.name", false, VARCHAR, true, "Unique name of this attribute")
          .element("attribute_type", "attribute.type", false, VARCHAR, true, "Engine resource name for this attribute")
          .element("attribute_array", "attribute.array", false, BOOLEAN, true, "Whether this attribute is an array")
          .element("value_label", "label", true, VARCHAR, false, "Human readable label of the value")
          .element("value_literal", "literal", true, VARCHAR, false, "The literal value")
          .element("value_catalog_entry_id", "catalog_entry.id", true, VARCHAR, false, "ID of the catalog entry")
          .element("value_catalog_entry_name", "catalog_entry.name", true, VARCHAR, false, "Name of the catalog entry")
          .references("attribute_id", "alert_attributes")
          .build();

  private static final List<TableDef> ALL = List.of(ALERTS, INCIDENTS, INCIDENT_ALERTS,
      INCIDENT_UPDATES, SEVERITIES, INCIDENT_STATUSES, INCIDENT_TYPES, INCIDENT_ROLES,
      INCIDENT_TIMESTAMPS, CUSTOM_FIELDS, CUSTOM_FIELD_OPTIONS, USERS, ALERT_SOURCES,
      ALERT_ATTRIBUTES, FOLLOW_UPS, ACTIONS, ESCALATIONS, ESCALATION_PATHS, SCHEDULES,
      SCHEDULE_ENTRIES, CATALOG_TYPES, CATALOG_ENTRIES, TEAMS, WORKFLOWS, INCIDENT_ATTACHMENTS,
      WORKFLOW_RUNS, INCIDENT_CUSTOM_FIELD_VALUES, INCIDENT_ROLE_ASSIGNMENTS,
      INCIDENT_TIMESTAMP_VALUES, INCIDENT_DURATION_METRICS, ALERT_ATTRIBUTE_VALUES);

  private IncidentIoTables() {}

  /**
   * Returns the names of the columns, in any table, whose predicates can reach the API, or whose
   * values complete the name of a filter that can: a literal compared with one of them shapes
   * the requests, so a plan cannot be shared across its values.
   */
  public static java.util.Set<String> pushableColumnNames() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (TableDef t : ALL) {
      for (ColumnDef c : t.columns()) {
        if (c.filter() != null) {
          names.add(c.name());
          if (c.filter().keyColumn() != null) {
            names.add(c.filter().keyColumn()); // its literal completes the filter's name
          }
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
