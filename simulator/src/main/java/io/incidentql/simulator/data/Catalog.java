package io.incidentql.simulator.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Reference objects of one simulated account (users, severities, statuses, incident types,
 * custom fields, roles, alert sources and attributes) that rows point at by index.
 *
 * <p>Each record renders itself as the JSON object the API documentation shows for it; the
 * lists are immutable, built by {@link CatalogFactory}, and each is in the order its lookup
 * endpoint serves it.
 *
 * @param alertSources the alert sources of {@code GET /v2/alert_sources}
 * @param attributes the alert attributes of {@code GET /v2/alert_attributes}, with the values
 *     alerts pick from
 * @param users every user of {@code GET /v2/users?include_inactive=true}, deactivated ones
 *     included ({@link User#active()} false)
 * @param severities the severities of {@code GET /v1/severities}, lowest rank first
 * @param statuses the statuses of {@code GET /v1/incident_statuses}
 * @param incidentTypes the types of {@code GET /v1/incident_types}
 * @param customFields the fields of {@code GET /v2/custom_fields}; the options of each select
 *     field are those of {@code GET /v1/custom_field_options?custom_field_id=ID}
 * @param roles the roles of {@code GET /v2/incident_roles}
 * @param timestamps the timestamps of {@code GET /v2/incident_timestamps}
 * @param durationMetrics duration metrics incidents show (no endpoint of their own here)
 * @param workflows workflows that create and update incidents (no endpoint of their own here)
 * @param apiKeys API keys that create and update incidents (no endpoint of their own here)
 * @param alertRouteIds ids of the alert routes incident alerts name
 */
public record Catalog(
    List<AlertSource> alertSources,
    List<AttributeDef> attributes,
    List<User> users,
    List<Severity> severities,
    List<IncidentStatus> statuses,
    List<IncidentType> incidentTypes,
    List<CustomField> customFields,
    List<IncidentRole> roles,
    List<TimestampDef> timestamps,
    List<NamedRef> durationMetrics,
    List<NamedRef> workflows,
    List<NamedRef> apiKeys,
    List<String> alertRouteIds) {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Ids of the alert sources, in list order (alerts point at a source by its position). */
  public List<String> alertSourceIds() {
    return alertSources.stream().map(AlertSource::id).toList();
  }

  /** Every option of every select field, field by field, each field's in its list order. */
  public List<CustomFieldOption> customFieldOptions() {
    return customFields.stream().flatMap(f -> f.options().stream()).toList();
  }

  /** Returns the index of the status with the given id, or -1. */
  public int statusIndex(String id) {
    for (int i = 0; i < statuses.size(); i++) {
      if (statuses.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the index of the severity with the given id, or -1. */
  public int severityIndex(String id) {
    for (int i = 0; i < severities.size(); i++) {
      if (severities.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the index of the role with the given id, or -1. */
  public int roleIndex(String id) {
    for (int i = 0; i < roles.size(); i++) {
      if (roles.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the index of the custom field with the given id, or -1. */
  public int customFieldIndex(String id) {
    for (int i = 0; i < customFields.size(); i++) {
      if (customFields.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** A role of the account's access control, as {@code RBACRoleV2}. */
  public record RbacRole(String id, String name, String slug, String description) {
    public ObjectNode toJson() {
      return JSON.objectNode()
          .put("description", description)
          .put("id", id)
          .put("name", name)
          .put("slug", slug);
    }
  }

  /**
   * A user; {@code email} and {@code slackUserId} may be null (absent). A user who is not
   * {@code active} has been deactivated: {@code GET /v2/users} leaves them out unless asked for
   * them, but incidents still show them where they took part. Seats are the contract's
   * {@code full_access}, {@code viewer_only} or {@code none}.
   */
  public record User(String id, String name, String email, String role, String slackUserId,
      boolean active, RbacRole baseRole, List<RbacRole> customRoles, String onCallSeat,
      String responseSeat) {
    /** The user as {@code UserV2}, as incidents show assignees, creators and updaters. */
    public ObjectNode toJson() {
      ObjectNode node = JSON.objectNode();
      if (email != null) {
        node.put("email", email);
      }
      node.put("id", id).put("name", name).put("role", role);
      if (slackUserId != null) {
        node.put("slack_user_id", slackUserId);
      }
      return node;
    }

    /** The user as {@code UserWithRolesV2}, as {@code GET /v2/users} serves it. */
    public ObjectNode toJsonWithRoles() {
      ObjectNode node = JSON.objectNode();
      node.set("base_role", baseRole.toJson());
      ArrayNode roles = node.putArray("custom_roles");
      customRoles.forEach(r -> roles.add(r.toJson()));
      if (email != null) {
        node.put("email", email);
      }
      node.put("id", id).put("is_active", active).put("name", name).put("role", role);
      node.putObject("seats").put("on_call", onCallSeat).put("response", responseSeat);
      if (slackUserId != null) {
        node.put("slack_user_id", slackUserId);
      }
      return node;
    }
  }

  /** A severity, as {@code SeverityV2}; a higher rank is more severe. */
  public record Severity(String id, String name, String description, int rank, long createdMicros,
      long updatedMicros) {
    public ObjectNode toJson() {
      return JSON.objectNode()
          .put("created_at", Timestamps.format(createdMicros))
          .put("description", description)
          .put("id", id)
          .put("name", name)
          .put("rank", rank)
          .put("updated_at", Timestamps.format(updatedMicros));
    }
  }

  /** An incident status, as {@code IncidentStatusV2}. */
  public record IncidentStatus(String id, String name, String description, int rank, String category,
      long createdMicros, long updatedMicros) {
    public ObjectNode toJson() {
      return JSON.objectNode()
          .put("category", category)
          .put("created_at", Timestamps.format(createdMicros))
          .put("description", description)
          .put("id", id)
          .put("name", name)
          .put("rank", rank)
          .put("updated_at", Timestamps.format(updatedMicros));
    }
  }

  /** An incident type, as the {@code incident_type} object of an incident. */
  public record IncidentType(String id, String name, String description, String createInTriage,
      boolean isDefault, boolean privateIncidentsOnly, long createdMicros, long updatedMicros) {
    public ObjectNode toJson() {
      return JSON.objectNode()
          .put("create_in_triage", createInTriage)
          .put("created_at", Timestamps.format(createdMicros))
          .put("description", description)
          .put("id", id)
          .put("is_default", isDefault)
          .put("name", name)
          .put("private_incidents_only", privateIncidentsOnly)
          .put("updated_at", Timestamps.format(updatedMicros));
    }
  }

  /** An option of a select custom field. */
  public record CustomFieldOption(String id, String customFieldId, String value, int sortKey) {
    public ObjectNode toJson() {
      return JSON.objectNode()
          .put("custom_field_id", customFieldId)
          .put("id", id)
          .put("sort_key", sortKey)
          .put("value", value);
    }
  }

  /** A catalog entry; {@code externalId} may be null (absent) and {@code aliases} empty. */
  public record CatalogEntry(String id, String catalogTypeId, String name, String externalId,
      List<String> aliases) {
    /** The entry as a custom field's {@code value_catalog_entry}. */
    public ObjectNode toFieldValueJson() {
      ObjectNode node = JSON.objectNode();
      ArrayNode list = node.putArray("aliases");
      aliases.forEach(list::add);
      if (externalId != null) {
        node.put("external_id", externalId);
      }
      return node.put("id", id).put("name", name);
    }

    /** The entry as an alert attribute value's {@code catalog_entry}. */
    public ObjectNode toAttributeJson() {
      return JSON.objectNode().put("catalog_type_id", catalogTypeId).put("id", id).put("name", name);
    }
  }

  /**
   * A custom field. Select fields ({@code single_select}, {@code multi_select}) have options;
   * a catalog-backed field has entries instead; text, numeric and link fields have neither.
   */
  public record CustomField(String id, String name, String description, String fieldType,
      List<CustomFieldOption> options, List<CatalogEntry> catalogEntries, long createdMicros,
      long updatedMicros) {
    /** Tells whether values of this field are option or catalog entry ids ({@code one_of} works). */
    public boolean isSelectable() {
      return !options.isEmpty() || !catalogEntries.isEmpty();
    }

    /** The id of the value at {@code index}: an option id, or a catalog entry id. */
    public String valueId(int index) {
      return options.isEmpty() ? catalogEntries.get(index).id() : options.get(index).id();
    }

    /** Number of distinct values this field can take, 0 for free-form fields. */
    public int valueCount() {
      return options.isEmpty() ? catalogEntries.size() : options.size();
    }

    /** The catalog type a catalog-backed field's values belong to, or null. */
    public String catalogTypeId() {
      return catalogEntries.isEmpty() ? null : catalogEntries.get(0).catalogTypeId();
    }

    CustomField withTimes(long created, long updated) {
      return new CustomField(id, name, description, fieldType, options, catalogEntries, created,
          updated);
    }

    /** The field as {@code CustomFieldTypeInfoV2}, with its options, as incidents show it. */
    public ObjectNode toJson() {
      ObjectNode node = JSON.objectNode()
          .put("description", description)
          .put("field_type", fieldType)
          .put("id", id)
          .put("name", name);
      ArrayNode list = node.putArray("options");
      options.forEach(o -> list.add(o.toJson()));
      return node;
    }

    /** The field as {@code CustomFieldV2}, as {@code GET /v2/custom_fields} serves it. */
    public ObjectNode toDefinitionJson() {
      ObjectNode node = JSON.objectNode();
      if (catalogTypeId() != null) {
        node.put("catalog_type_id", catalogTypeId());
      }
      return node.put("created_at", Timestamps.format(createdMicros))
          .put("description", description)
          .put("field_type", fieldType)
          .put("id", id)
          .put("name", name)
          .put("updated_at", Timestamps.format(updatedMicros));
    }
  }

  /** An incident role. */
  public record IncidentRole(String id, String name, String description, String instructions,
      String shortform, String roleType, boolean required, long createdMicros, long updatedMicros) {
    /**
     * The role as {@code EmbeddedIncidentRoleV2}, the {@code role} of an incident role
     * assignment: the listed role and whether it is {@code required}.
     */
    public ObjectNode toJson() {
      return render(true);
    }

    /** The role as {@code IncidentRoleV2}, as {@code GET /v2/incident_roles} serves it. */
    public ObjectNode toDefinitionJson() {
      return render(false);
    }

    private ObjectNode render(boolean withRequired) {
      ObjectNode node = JSON.objectNode()
          .put("created_at", Timestamps.format(createdMicros))
          .put("description", description)
          .put("id", id)
          .put("instructions", instructions)
          .put("name", name);
      if (withRequired) {
        node.put("required", required);
      }
      return node.put("role_type", roleType)
          .put("shortform", shortform)
          .put("updated_at", Timestamps.format(updatedMicros));
    }
  }

  /** An incident timestamp definition ({@code incident_timestamp}). */
  public record TimestampDef(String id, String name, int rank) {
    public ObjectNode toJson() {
      return JSON.objectNode().put("id", id).put("name", name).put("rank", rank);
    }
  }

  /** Anything shown as just an id and a name: workflows, API keys, duration metrics. */
  public record NamedRef(String id, String name) {
    public ObjectNode toJson() {
      return JSON.objectNode().put("id", id).put("name", name);
    }
  }

  /**
   * An alert source, as {@code AlertSourceV2}. Its {@code secret_token} is an obviously fake
   * value: the contract shows the field, and IncidentQL must never expose it. Email and heartbeat
   * sources carry their options object; HTTP-like sources their {@code alert_events_url}.
   */
  public record AlertSource(String id, String name, String sourceType, String secretToken,
      boolean autoResolve, boolean privateAlerts) {
    public ObjectNode toJson() {
      ObjectNode node = JSON.objectNode();
      if (!sourceType.equals("email") && !sourceType.equals("heartbeat")) {
        node.put("alert_events_url",
            "https://api.incident.io/v2/alert_events/" + sourceType + "/" + id);
      }
      node.put("auto_resolve_incident_alerts", autoResolve);
      if (sourceType.equals("email")) {
        node.putObject("email_options")
            .put("email_address", "alerts-" + id.toLowerCase() + "@example.com")
            .putArray("redactions").add("credit_card_numbers");
      }
      if (sourceType.equals("heartbeat")) {
        node.putObject("heartbeat_options")
            .put("failure_threshold", 2)
            .put("grace_period_seconds", 300)
            .put("interval_seconds", 3600)
            .put("ping_url", "https://api.incident.io/v2/heartbeat/" + id + "/ping");
      }
      node.put("id", id).put("name", name).put("secret_token", secretToken)
          .put("source_type", sourceType);
      ObjectNode template = node.putObject("template");
      template.putArray("attributes");
      template.putObject("description").put("label", "Alert description")
          .put("reference", "alert.description");
      template.putArray("expressions");
      template.put("is_private", privateAlerts);
      template.putObject("title").put("label", "Alert title").put("reference", "alert.title");
      return node;
    }
  }

  /** A value an alert attribute can take: a catalog entry, or a literal; never both. */
  public record AttributeValue(CatalogEntry entry, String literal) {
    public ObjectNode toJson() {
      ObjectNode node = JSON.objectNode();
      if (entry != null) {
        node.set("catalog_entry", entry.toAttributeJson());
        node.put("label", entry.name());
      } else {
        node.put("label", literal).put("literal", literal);
      }
      return node;
    }
  }

  /** An alert attribute ({@code AlertAttributeV2}) with the values rows pick from. */
  public record AttributeDef(String id, String name, String type, boolean array, boolean required,
      String emoji, List<AttributeValue> values) {
    public ObjectNode toJson() {
      ObjectNode node = JSON.objectNode().put("array", array);
      if (emoji != null) {
        node.put("emoji", emoji);
      }
      return node.put("id", id).put("name", name).put("required", required).put("type", type);
    }
  }
}
