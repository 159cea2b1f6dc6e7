package io.incidentql.simulator.data;

import static io.incidentql.simulator.data.Catalog.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renderer of incident rows as the full incident of {@code GET /v2/incidents} and as
 * {@code IncidentSlimV2} (inside incident alerts), properties in alphabetical order.
 *
 * <p>The incidents page documents no list of required properties, so the simulator takes these
 * as always present: {@code id}, {@code name}, {@code reference}, {@code incident_status},
 * {@code mode}, {@code visibility}, {@code creator}, {@code has_debrief}, {@code created_at},
 * {@code updated_at}, {@code slack_channel_id}, {@code slack_team_id} and the arrays
 * ({@code custom_field_entries}, {@code duration_metrics}, {@code incident_role_assignments},
 * {@code incident_timestamp_values}, {@code postmortem_document_ids}), which may be empty. The
 * rest ({@code call_url}, {@code external_issue_reference}, {@code incident_type},
 * {@code permalink}, {@code postmortem_document_url}, {@code severity}, {@code slack_channel_name},
 * {@code summary}, {@code workload_minutes_*}) is absent on some rows. Workload minutes are
 * written as integers when whole ({@code 0}, {@code 20}) and as decimals otherwise
 * ({@code 40.7}), like the documentation's example. About one row in twenty-five carries an
 * {@code sla_breached} property the documentation does not list.
 *
 * <p>In the slim form, {@code status_category} uses the slim schema's names: the full status's
 * {@code live} and {@code learning} become {@code active} and {@code post-incident}.
 */
public final class IncidentJson {
  private static final String[] PROVIDERS = {"asana", "linear", "jira", "github", "shortcut"};
  private static final String[] RUNBOOKS = {
    "https://google.com/",
    "https://wiki.example.com/runbooks/db-failover?section=2&lang=fr",
    "https://notion.example.so/Runbook-Zahlungen-{n}",
  };

  private IncidentJson() {}

  private record Names(String name, String summary, SplittableRandom rest) {}

  private static Names derive(IncidentRow row) {
    SplittableRandom r = new SplittableRandom(row.renderSeed());
    String name = Texts.pick(r, Texts.INCIDENT_NAMES);
    String summary = r.nextInt(100) < 80 ? Texts.pick(r, Texts.INCIDENT_SUMMARIES) : null;
    return new Names(name, summary, r);
  }

  /** The slim schema's name for a status category. */
  public static String slimCategory(String category) {
    switch (category) {
      case "live":
        return "active";
      case "learning":
        return "post-incident";
      default:
        return category;
    }
  }

  /** The incident as {@code IncidentSlimV2}. */
  public static ObjectNode slim(Tables tables, IncidentRow row) {
    Names names = derive(row);
    ObjectNode node = JSON.objectNode()
        .put("external_id", row.externalId())
        .put("id", row.id())
        .put("name", names.name())
        .put("reference", "INC-" + row.externalId())
        .put("status_category",
            slimCategory(tables.catalog().statuses().get(row.statusIndex()).category()));
    if (names.summary() != null) {
      node.put("summary", names.summary());
    }
    return node.put("visibility", row.visibility());
  }

  /** The incident as listed by {@code GET /v2/incidents}. */
  public static ObjectNode full(Tables tables, IncidentRow row) {
    Names names = derive(row);
    SplittableRandom r = names.rest();
    Catalog catalog = tables.catalog();
    ObjectNode node = JSON.objectNode();
    if (r.nextInt(100) < 40) {
      node.put("call_url", r.nextBoolean()
          ? "https://zoom.us/j/" + (1_000_000_000L + r.nextLong(9_000_000_000L))
          : "https://meet.google.com/abc-defg-" + (100 + r.nextInt(900)));
    }
    node.put("created_at", Timestamps.format(row.createdMicros()));
    node.set("creator", creator(tables, row));
    node.set("custom_field_entries", customFieldEntries(catalog, row, r));
    ArrayNode metrics = node.putArray("duration_metrics");
    if (r.nextInt(100) >= 30) {
      for (Catalog.NamedRef metric : catalog.durationMetrics()) {
        if (r.nextInt(100) < 70) {
          ObjectNode m = metrics.addObject();
          m.set("duration_metric", metric.toJson());
          m.put("value_seconds", r.nextInt(5) == 0 ? 10_800 : r.nextInt(200_000));
        }
      }
    }
    if (r.nextInt(100) < 25) {
      int issue = 100 + r.nextInt(5000);
      String provider = PROVIDERS[r.nextInt(PROVIDERS.length)];
      node.putObject("external_issue_reference")
          .put("issue_name", "INC-" + issue)
          .put("issue_permalink", "https://" + provider + ".example.com/issue/INC-" + issue
              + "/find-copywriter-to-write-up")
          .put("provider", provider);
    }
    node.put("has_debrief", r.nextInt(100) < 20);
    node.put("id", row.id());
    ArrayNode assignments = node.putArray("incident_role_assignments");
    if (row.hasRoleAssignments()) {
      for (int role = 0; role < catalog.roles().size(); role++) {
        ObjectNode a = assignments.addObject();
        int user = row.assigneeOf(role);
        if (user >= 0) {
          a.set("assignee", catalog.users().get(user).toJson());
        }
        a.set("role", catalog.roles().get(role).toJson());
      }
    }
    Catalog.IncidentStatus status = catalog.statuses().get(row.statusIndex());
    node.set("incident_status", status.toJson());
    node.set("incident_timestamp_values", timestampValues(catalog, row, r));
    if (row.typeIndex() >= 0) {
      node.set("incident_type", catalog.incidentTypes().get(row.typeIndex()).toJson());
    }
    node.put("mode", row.mode());
    node.put("name", names.name());
    if (r.nextInt(100) < 97) {
      node.put("permalink", "https://app.incident.io/incidents/" + row.externalId());
    }
    ArrayNode documents = node.putArray("postmortem_document_ids");
    if (r.nextInt(100) < 25) {
      int count = 1 + r.nextInt(2);
      for (int k = 0; k < count; k++) {
        documents.add(Ulid.next(row.updatedMicros() / 1000, r));
      }
    }
    boolean learned = status.category().equals("learning") || status.category().equals("closed");
    if (learned && r.nextInt(100) < 40) {
      node.put("postmortem_document_url", "https://docs.google.com/document/d/doc_"
          + Long.toString(r.nextLong() & Long.MAX_VALUE, 36));
    }
    node.put("reference", "INC-" + row.externalId());
    if (row.severityIndex() >= 0) {
      node.set("severity", catalog.severities().get(row.severityIndex()).toJson());
    }
    if (r.nextInt(25) == 0) {
      node.put("sla_breached", r.nextBoolean());
    }
    node.put("slack_channel_id", "C0" + Long.toString(r.nextLong(1L << 45), 36).toUpperCase());
    if (r.nextInt(100) < 95) {
      node.put("slack_channel_name", "inc-" + row.externalId() + "-"
          + Texts.INCIDENT_SLUGS[r.nextInt(Texts.INCIDENT_SLUGS.length)]);
    }
    node.put("slack_team_id", r.nextInt(10) == 0 ? "T05B2ZXQK9P" : "T02A1FSLE8J");
    if (names.summary() != null) {
      node.put("summary", names.summary());
    }
    node.put("updated_at", Timestamps.format(row.updatedMicros()));
    node.put("visibility", row.visibility());
    if (r.nextInt(100) < 70) {
      int late = r.nextInt(3) == 0 ? 0 : r.nextInt(3000);
      int sleeping = r.nextInt(2) == 0 ? 0 : r.nextInt(1000);
      int working = r.nextInt(4) == 0 ? 10 * r.nextInt(100) : r.nextInt(5000);
      putTenths(node, "workload_minutes_late", late);
      putTenths(node, "workload_minutes_sleeping", sleeping);
      putTenths(node, "workload_minutes_total", late + sleeping + working);
      putTenths(node, "workload_minutes_working", working);
    }
    return node;
  }

  private static void putTenths(ObjectNode node, String name, int tenths) {
    if (tenths % 10 == 0) {
      node.put(name, tenths / 10);
    } else {
      node.put(name, tenths / 10.0);
    }
  }

  private static ObjectNode creator(Tables tables, IncidentRow row) {
    Catalog catalog = tables.catalog();
    ObjectNode actor = JSON.objectNode();
    switch (row.creatorKind()) {
      case IncidentRow.CREATOR_ALERT:
        AlertRow alert = tables.alerts().get(row.creatorIndex());
        actor.putObject("alert").put("id", alert.id()).put("title", AlertJson.title(alert));
        break;
      case IncidentRow.CREATOR_API_KEY:
        actor.set("api_key", catalog.apiKeys().get(row.creatorIndex()).toJson());
        break;
      case IncidentRow.CREATOR_WORKFLOW:
        actor.set("workflow", catalog.workflows().get(row.creatorIndex()).toJson());
        break;
      default:
        actor.set("user", catalog.users().get(row.creatorIndex()).toJson());
    }
    return actor;
  }

  private static ArrayNode customFieldEntries(Catalog catalog, IncidentRow row,
      SplittableRandom r) {
    ArrayNode entries = JSON.arrayNode();
    if (!row.hasCustomFieldEntries()) {
      return entries;
    }
    List<Catalog.CustomField> fields = catalog.customFields();
    for (int f = 0; f < fields.size(); f++) {
      Catalog.CustomField field = fields.get(f);
      ObjectNode entry = entries.addObject();
      entry.set("custom_field", field.toJson());
      ArrayNode values = entry.putArray("values");
      for (int k = 0; k < row.valueCount(f); k++) {
        int index = row.valueAt(f, k);
        if (field.options().isEmpty()) {
          values.addObject().set("value_catalog_entry",
              field.catalogEntries().get(index).toFieldValueJson());
        } else {
          values.addObject().set("value_option", field.options().get(index).toJson());
        }
      }
      switch (field.fieldType()) {
        case "text":
          if (r.nextBoolean()) {
            values.addObject().put("value_text", Texts.pick(r, Texts.CUSTOM_TEXT_VALUES));
          }
          break;
        case "numeric":
          if (r.nextInt(100) < 40) {
            values.addObject().put("value_numeric",
                r.nextInt(5) == 0 ? "123.456" : r.nextInt(100_000) + "." + r.nextInt(100));
          }
          break;
        case "link":
          if (r.nextInt(100) < 30) {
            values.addObject().put("value_link", Texts.pick(r, RUNBOOKS));
          }
          break;
        default:
          break;
      }
    }
    return entries;
  }

  private static ArrayNode timestampValues(Catalog catalog, IncidentRow row, SplittableRandom r) {
    ArrayNode list = JSON.arrayNode();
    if (r.nextInt(100) < 20) {
      return list;
    }
    long span = row.updatedMicros() - row.createdMicros() + 1;
    for (Catalog.TimestampDef def : catalog.timestamps()) {
      ObjectNode entry = list.addObject();
      entry.set("incident_timestamp", def.toJson());
      int roll = r.nextInt(100);
      if (roll < 85) {
        entry.putObject("value")
            .put("value", Timestamps.format(row.createdMicros() + r.nextLong(span)));
      } else if (roll < 92) {
        entry.putObject("value");
      }
    }
    return list;
  }
}
