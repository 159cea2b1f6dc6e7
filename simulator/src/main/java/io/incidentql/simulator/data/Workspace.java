package io.incidentql.simulator.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated objects of the account around its incidents and alerts, each as the JSON its endpoint
 * serves: follow-ups, actions, escalations, escalation paths, schedules and their entries, catalog
 * types and entries, teams, workflows, incident attachments and workflow runs.
 *
 * <p>They point only at objects the other endpoints list: follow-ups, actions, attachments and
 * workflow runs at incidents; escalations at alerts and incidents; teams at the catalog entries
 * of the team type alerts' {@code teams} attribute uses; workflows are those incidents name as
 * creators. Schedule entries cover every day, one user a week per schedule, the rotation running
 * without end either way. Lists are in their endpoint's order: escalations and workflow runs newest first,
 * the rest as generated. Alerts are newest first, so the escalated ones are the newest. Objects
 * are never handed out: callers get copies.
 *
 * <p>It is over 400 lines because it generates every object of the workspace endpoints from one random
 * stream, in one order that keeps earlier objects stable when later ones are added.
 */
public final class Workspace {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final long HOUR = 3_600_000_000L;
  private static final long WEEK = 7 * Timestamps.MICROS_PER_DAY;
  private static final int MAX_ALERT_ESCALATIONS = 2_000;
  private static final String[] TASK_STATUSES = {"outstanding", "completed", "deleted", "not_doing"};
  private static final String[] ESCALATION_STATUSES =
      {"triggered", "acked", "resolved", "expired", "cancelled"};

  private final List<ObjectNode> followUps;
  private final List<ObjectNode> actions;
  private final List<ObjectNode> escalations;
  private final List<ObjectNode> escalationPaths;
  private final List<ObjectNode> schedules;
  private final List<Rotation> rotations;
  private final List<ObjectNode> catalogTypes;
  private final List<ObjectNode> catalogEntries;
  private final List<ObjectNode> teams;
  private final List<ObjectNode> workflows;
  private final List<ObjectNode> attachments;
  private final List<ObjectNode> workflowRuns;

  private Workspace(Builder b) {
    this.followUps = List.copyOf(b.followUps);
    this.actions = List.copyOf(b.actions);
    this.escalations = List.copyOf(b.escalations);
    this.escalationPaths = List.copyOf(b.escalationPaths);
    this.schedules = List.copyOf(b.schedules);
    this.rotations = List.copyOf(b.rotations);
    this.catalogTypes = List.copyOf(b.catalogTypes);
    this.catalogEntries = List.copyOf(b.catalogEntries);
    this.teams = List.copyOf(b.teams);
    this.workflows = List.copyOf(b.workflows);
    this.attachments = List.copyOf(b.attachments);
    this.workflowRuns = List.copyOf(b.workflowRuns);
  }

  /** {@code GET /v2/follow_ups}, of incidents of every mode. */
  public List<ObjectNode> followUps() {
    return followUps;
  }

  /** {@code GET /v2/actions}, of incidents of every mode. */
  public List<ObjectNode> actions() {
    return actions;
  }

  /** {@code GET /v2/escalations}, newest first. */
  public List<ObjectNode> escalations() {
    return escalations;
  }

  /** {@code GET /v2/escalation_paths}. */
  public List<ObjectNode> escalationPaths() {
    return escalationPaths;
  }

  /** {@code GET /v2/schedules}. */
  public List<ObjectNode> schedules() {
    return schedules;
  }

  /**
   * The entries of schedule {@code schedule} (its position in {@link #schedules()}) that overlap
   * the window: they start before {@code toMicros} and end after {@code fromMicros}, in time
   * order. A schedule's weekly rotation runs without end either way, as a configured one does.
   */
  public List<ObjectNode> scheduleEntries(int schedule, long fromMicros, long toMicros) {
    return rotations.get(schedule).entries(fromMicros, toMicros);
  }

  /**
   * A weekly rotation: shift {@code n} starts {@code n} weeks after the anchor (n may be
   * negative) and goes to the next user in turn. Entry ids are drawn from a stream seeded by the
   * shift's number, so each shift always has the same id.
   */
  private record Rotation(long anchor, List<ObjectNode> users, String layerId, String rotationId,
      long seed) {
    List<ObjectNode> entries(long from, long to) {
      List<ObjectNode> out = new ArrayList<>();
      for (long n = Math.floorDiv(from - anchor, WEEK); anchor + n * WEEK < to; n++) {
        long at = anchor + n * WEEK;
        if (at + WEEK <= from) {
          continue;
        }
        String entryId = Ulid.next(at / 1000, new SplittableRandom(seed * 31 + n));
        ObjectNode e = JSON.objectNode();
        e.put("end_at", Timestamps.format(at + WEEK));
        e.put("entry_id", entryId).put("fingerprint", entryId).put("layer_id", layerId)
            .put("rotation_id", rotationId).put("start_at", Timestamps.format(at));
        e.set("user", users.get((int) Math.floorMod(n, users.size())).deepCopy());
        out.add(e);
      }
      return out;
    }
  }

  /** {@code GET /v3/catalog_types}. */
  public List<ObjectNode> catalogTypes() {
    return catalogTypes;
  }

  /** Every entry of every catalog type, type by type. */
  public List<ObjectNode> catalogEntries() {
    return catalogEntries;
  }

  /** {@code GET /v3/teams}. */
  public List<ObjectNode> teams() {
    return teams;
  }

  /** {@code GET /v2/workflows}. */
  public List<ObjectNode> workflows() {
    return workflows;
  }

  /** {@code GET /v1/incident_attachments}. */
  public List<ObjectNode> attachments() {
    return attachments;
  }

  /** {@code GET /v2/workflow_runs}, newest first. */
  public List<ObjectNode> workflowRuns() {
    return workflowRuns;
  }

  /**
   * Generates the objects from their own random stream, so that the rows of the other endpoints
   * stay what they were.
   *
   * @param start the first microsecond of the generated time span
   */
  static Workspace generate(SplittableRandom r, Catalog catalog, List<AlertRow> alerts,
      List<IncidentRow> incidents, long start) {
    return new Builder(r, catalog, start).build(alerts, incidents);
  }

  /** Generation state. */
  private static final class Builder {
    private final SplittableRandom r;
    private final Catalog catalog;
    private final long start;
    private final List<Catalog.User> active = new ArrayList<>();
    final List<ObjectNode> followUps = new ArrayList<>();
    final List<ObjectNode> actions = new ArrayList<>();
    final List<ObjectNode> escalations = new ArrayList<>();
    final List<ObjectNode> escalationPaths = new ArrayList<>();
    final List<ObjectNode> schedules = new ArrayList<>();
    final List<Rotation> rotations = new ArrayList<>();
    final List<ObjectNode> catalogTypes = new ArrayList<>();
    final List<ObjectNode> catalogEntries = new ArrayList<>();
    final List<ObjectNode> teams = new ArrayList<>();
    final List<ObjectNode> workflows = new ArrayList<>();
    final List<ObjectNode> attachments = new ArrayList<>();
    final List<ObjectNode> workflowRuns = new ArrayList<>();

    Builder(SplittableRandom r, Catalog catalog, long start) {
      this.r = r;
      this.catalog = catalog;
      this.start = start;
      catalog.users().stream().filter(Catalog.User::active).forEach(active::add);
    }

    Workspace build(List<AlertRow> alerts, List<IncidentRow> incidents) {
      catalog();
      workflows();
      escalationPaths();
      schedules();
      for (IncidentRow incident : incidents) {
        tasks(incident);
      }
      escalations(alerts, incidents);
      workflowRuns(incidents);
      return new Workspace(this);
    }

    private String id(long micros) {
      return Ulid.next(micros / 1000, r);
    }

    private Catalog.User user() {
      return active.get(r.nextInt(active.size()));
    }

    private long between(long from, long to) {
      return to <= from ? from : from + r.nextLong(to - from);
    }

    /**
     * Catalog types: those the alert attributes and the catalog-backed custom field name, with
     * their entries; the team type's entries are the teams.
     */
    private void catalog() {
      List<Catalog.CatalogEntry> entries = new ArrayList<>();
      for (Catalog.AttributeDef a : catalog.attributes()) {
        for (Catalog.AttributeValue v : a.values()) {
          if (v.entry() != null) {
            entries.add(v.entry());
          }
        }
      }
      for (Catalog.CustomField f : catalog.customFields()) {
        entries.addAll(f.catalogEntries());
      }
      String[][] types = {
        {"Service", "Services we run in production", "server", "blue"},
        {"Team", "The teams of the organisation", "users", "violet"},
        {"Affected service", "Services incidents name, synced from Backstage", "components", "cyan"},
      };
      List<String> typeIds = entries.stream().map(Catalog.CatalogEntry::catalogTypeId)
          .distinct().toList();
      for (int t = 0; t < typeIds.size(); t++) {
        String typeId = typeIds.get(t);
        String[] def = types[Math.min(t, types.length - 1)];
        long created = between(start - 90 * Timestamps.MICROS_PER_DAY, start);
        ObjectNode type = JSON.objectNode();
        type.putObject("annotations").put("incident.io/catalog-importer/id", "importer-" + t);
        type.putArray("categories").add(t == 1 ? "team" : "service");
        type.put("color", def[3]).put("created_at", Timestamps.format(created))
            .put("description", def[1])
            .put("engine_resource_type", "CatalogEntry[\"" + typeId + "\"]")
            .put("estimated_count", entries.stream().filter(e -> e.catalogTypeId().equals(typeId))
                .count())
            .put("icon", def[2]).put("id", typeId).put("is_editable", t != 2)
            .put("is_team_type", t == 1).put("name", def[0]).put("ranked", t == 0);
        ObjectNode schema = type.putObject("schema");
        schema.putArray("attributes");
        schema.put("version", 1);
        type.put("type_name", "Custom[\"" + def[0].replace(" ", "") + "\"]")
            .put("updated_at", Timestamps.format(created + HOUR))
            .put("use_name_as_identifier", t == 1);
        catalogTypes.add(type);
        int rank = 0;
        for (Catalog.CatalogEntry e : entries) {
          if (!e.catalogTypeId().equals(typeId)) {
            continue;
          }
          ObjectNode entry = JSON.objectNode();
          ArrayNode aliases = entry.putArray("aliases");
          e.aliases().forEach(aliases::add);
          entry.putObject("attribute_values");
          entry.put("catalog_type_id", typeId).put("created_at", Timestamps.format(created));
          if (e.externalId() != null) {
            entry.put("external_id", e.externalId());
          }
          entry.put("id", e.id()).put("name", e.name()).put("rank", rank++)
              .put("updated_at", Timestamps.format(created + 2 * HOUR));
          catalogEntries.add(entry);
          if (t == 1) {
            team(e);
          }
        }
      }
    }

    private void team(Catalog.CatalogEntry entry) {
      ObjectNode team = JSON.objectNode();
      team.putObject("catalog_entry").put("id", entry.id()).put("name", entry.name());
      team.put("id", id(start));
      ArrayNode members = team.putArray("members");
      int first = r.nextInt(active.size());
      for (int i = 0; i < 3; i++) {
        members.add(active.get((first + i) % active.size()).toJson());
      }
      team.put("name", entry.name());
      teams.add(team);
    }

    private String teamId(int i) {
      return teams.get(i % teams.size()).get("id").asText();
    }

    private void workflows() {
      String[][] triggers = {
        {"incident.updated", "Incident updated"},
        {"incident.created", "Incident created"},
        {"incident.status_changed", "Incident status changed"},
      };
      for (int i = 0; i < catalog.workflows().size(); i++) {
        Catalog.NamedRef ref = catalog.workflows().get(i);
        ObjectNode w = JSON.objectNode();
        w.putArray("condition_groups");
        w.put("continue_on_step_error", i == 1);
        w.putArray("expressions");
        if (i != 0) {
          w.put("folder", i == 1 ? "Escalation" : "Nudges");
        }
        w.put("id", ref.id()).put("include_private_escalations", false)
            .put("include_private_incidents", i == 1).put("name", ref.name());
        w.putArray("once_for").add("incident.url");
        w.putArray("owning_team_ids").add(teamId(i));
        w.put("private_incident_scope", i == 1 ? "all" : "none");
        ArrayNode modes = w.putArray("runs_on_incident_modes").add("standard");
        if (i == 2) {
          modes.add("retrospective");
        }
        w.put("runs_on_incidents", i == 0 ? "newly_created" : "newly_created_and_active");
        w.put("state", i == 2 ? "disabled" : "active");
        w.putArray("steps");
        w.putObject("trigger").put("label", triggers[i % 3][1]).put("name", triggers[i % 3][0]);
        w.put("version", 1 + i);
        workflows.add(w);
      }
    }

    private void escalationPaths() {
      String[] names = {"Urgent Support", "Payments on-call", "Platform — business hours"};
      for (int i = 0; i < names.length; i++) {
        ObjectNode p = JSON.objectNode();
        ArrayNode responders = p.putArray("current_responders");
        responders.add(user().toJson());
        p.put("id", id(start)).put("name", names[i]);
        p.putArray("path").addObject().put("id", "level-1").put("type", "level");
        if (i != 2) {
          p.putObject("repeat_config").put("delay_repeat_on_activity", i == 0)
              .put("repeat_after_seconds", 600 * (i + 1));
        }
        p.putArray("team_ids").add(teamId(i));
        escalationPaths.add(p);
      }
    }

    /** Two schedules with a weekly rotation each, anchored a week before the span. */
    private void schedules() {
      String[][] defs = {{"Primary on-call", "Europe/London"}, {"Payments 支払い", "Asia/Tokyo"}};
      for (int i = 0; i < defs.length; i++) {
        String scheduleId = id(start);
        long created = start - 30 * Timestamps.MICROS_PER_DAY;
        ObjectNode s = JSON.objectNode();
        s.putObject("annotations").put("incident.io/terraform/version", "3.0.0");
        s.put("created_at", Timestamps.format(created)).put("id", scheduleId)
            .put("name", defs[i][0])
            .put("permalink", "https://app.incident.io/on-call/schedules/" + scheduleId);
        s.putArray("team_ids").add(teamId(i));
        s.put("timezone", defs[i][1]).put("updated_at", Timestamps.format(created + HOUR));
        schedules.add(s);
        String rotation = id(start);
        String layer = id(start);
        int first = r.nextInt(active.size());
        List<ObjectNode> users = new ArrayList<>();
        for (int u = 0; u < active.size(); u++) {
          users.add(active.get((first + u) % active.size()).toJson());
        }
        rotations.add(new Rotation(start - WEEK + i * HOUR * 9, List.copyOf(users), layer,
            rotation, r.nextLong()));
      }
    }

    /** Up to three follow-ups and two actions for most incidents. */
    private void tasks(IncidentRow incident) {
      int followUpCount = r.nextInt(4);
      for (int i = 0; i < followUpCount; i++) {
        long created = incident.createdMicros() + r.nextLong(72 * HOUR);
        String status = TASK_STATUSES[r.nextInt(5) % TASK_STATUSES.length];
        ObjectNode f = JSON.objectNode();
        if (r.nextInt(4) != 0) {
          f.set("assignee", user().toJson());
        }
        if (!teams.isEmpty() && r.nextInt(5) != 0) {
          ObjectNode team = teams.get(r.nextInt(teams.size()));
          f.putObject("assignee_team").put("id", team.get("id").asText())
              .put("name", team.get("name").asText());
        }
        long updated = created + r.nextLong(240 * HOUR);
        if (status.equals("completed")) {
          f.put("completed_at", Timestamps.format(updated));
        }
        f.put("created_at", Timestamps.format(created));
        f.putObject("creator").set("user", user().toJson());
        f.put("description", "Make sure this cannot happen again (" + (i + 1) + ")");
        if (r.nextInt(3) == 0) {
          int number = 100 + r.nextInt(900);
          f.putObject("external_issue_reference").put("issue_name", "ENG-" + number)
              .put("issue_permalink", "https://linear.app/example/issue/ENG-" + number)
              .put("provider", "linear");
        }
        f.put("id", id(created)).put("incident_id", incident.id());
        ArrayNode labels = f.putArray("labels");
        if (i == 0) {
          labels.add("postmortem");
        }
        if (r.nextInt(2) == 0) {
          int rank = r.nextInt(3);
          f.putObject("priority").put("description", "Priority " + (rank + 1))
              .put("id", "priority-" + rank).put("name", new String[] {"Low", "Medium", "High"}[rank])
              .put("rank", rank);
        }
        f.put("status", status)
            .put("title", new String[] {"Add an alert for \"disk full\"", "Write the runbook",
                "Fix the retry storm", "Upgrade the database 🐘"}[r.nextInt(4)])
            .put("updated_at", Timestamps.format(updated));
        followUps.add(f);
      }
      int actionCount = r.nextInt(3);
      for (int i = 0; i < actionCount; i++) {
        long created = incident.createdMicros() + r.nextLong(12 * HOUR);
        String status = TASK_STATUSES[r.nextInt(5) % TASK_STATUSES.length];
        long updated = created + r.nextLong(24 * HOUR);
        ObjectNode a = JSON.objectNode();
        if (r.nextInt(3) != 0) {
          a.set("assignee", user().toJson());
        }
        if (status.equals("completed")) {
          a.put("completed_at", Timestamps.format(updated));
        }
        a.put("created_at", Timestamps.format(created));
        a.putObject("creator").set("user", user().toJson());
        a.put("description", new String[] {"Roll back the deploy", "Page the database team",
            "Post in #status", "Restart the \"worker\" pods"}[r.nextInt(4)])
            .put("id", id(created)).put("incident_id", incident.id()).put("status", status)
            .put("updated_at", Timestamps.format(updated));
        actions.add(a);
      }
      if (r.nextInt(4) == 0) {
        ObjectNode at = JSON.objectNode();
        String[] types = {"pager_duty_incident", "github_pull_request", "jira_issue",
            "datadog_monitor_alert"};
        int t = r.nextInt(types.length);
        String external = Integer.toString(1000 + r.nextInt(9000));
        at.put("id", id(incident.createdMicros())).put("incident_id", incident.id());
        at.putObject("resource").put("external_id", external)
            .put("permalink", "https://example.com/" + types[t] + "/" + external)
            .put("resource_type", types[t]).put("title", "Linked " + types[t].replace('_', ' '));
        attachments.add(at);
      }
    }

    /**
     * An escalation for about one alert in five, the newest {@link #MAX_ALERT_ESCALATIONS} at
     * most (so that a benchmark's 200,000 alerts do not hold 40,000 more objects), and for one
     * incident in ten.
     */
    private void escalations(List<AlertRow> alerts, List<IncidentRow> incidents) {
      for (AlertRow alert : alerts) {
        if (escalations.size() >= MAX_ALERT_ESCALATIONS) {
          break;
        }
        if (r.nextInt(5) == 0) {
          ObjectNode e = escalation(alert.createdMicros(), "Alert escalated");
          e.putArray("related_alerts").addObject().put("id", alert.id())
              .put("title", "Alert " + alert.id());
          e.putArray("related_incidents");
          e.putObject("creator").putObject("alert").put("id", alert.id())
              .put("title", "Alert " + alert.id());
          escalations.add(e);
        }
      }
      for (IncidentRow incident : incidents) {
        if (r.nextInt(10) == 0) {
          ObjectNode e = escalation(incident.createdMicros() + HOUR, "Incident escalated");
          e.putArray("related_alerts");
          e.putArray("related_incidents").addObject().put("id", incident.id())
              .put("name", "Incident " + incident.externalId())
              .put("reference", "INC-" + incident.externalId());
          e.putObject("creator").set("user", user().toJson());
          escalations.add(e);
        }
      }
      newestFirst(escalations);
    }

    private ObjectNode escalation(long created, String title) {
      ObjectNode e = JSON.objectNode();
      e.put("created_at", Timestamps.format(created)).put("description", "");
      if (r.nextInt(6) != 0) {
        e.put("escalation_path_id",
            escalationPaths.get(r.nextInt(escalationPaths.size())).get("id").asText());
      }
      e.putArray("events").addObject().put("event", "notified");
      e.put("id", id(created));
      e.putObject("priority").put("name", r.nextInt(3) == 0 ? "High" : "Low");
      e.put("status", ESCALATION_STATUSES[r.nextInt(ESCALATION_STATUSES.length)])
          .put("title", title)
          .put("updated_at", Timestamps.format(created + r.nextLong(2 * HOUR)));
      return e;
    }

    private void workflowRuns(List<IncidentRow> incidents) {
      for (IncidentRow incident : incidents) {
        if (r.nextInt(3) != 0) {
          continue;
        }
        int w = r.nextInt(workflows.size());
        ObjectNode workflow = workflows.get(w);
        long created = incident.createdMicros() + r.nextLong(HOUR);
        ObjectNode run = JSON.objectNode();
        if (r.nextInt(10) == 0) {
          run.put("cancelled_at", Timestamps.format(created + 1_000_000));
        }
        run.put("created_at", Timestamps.format(created))
            .put("enqueued_at", Timestamps.format(created));
        if (r.nextInt(12) == 0) {
          run.put("error", "step 1: Slack said \"channel_not_found\"");
        }
        run.put("id", id(created)).put("incident_id", incident.id())
            .put("incident_reference", "INC-" + incident.externalId());
        run.putArray("progress").addObject().put("status", "completed");
        run.put("scheduled_at", Timestamps.format(created))
            .put("updated_at", Timestamps.format(created + 5_000_000))
            .put("workflow_id", workflow.get("id").asText())
            .put("workflow_name", workflow.get("name").asText())
            .put("workflow_version_id", "version-" + workflow.get("id").asText())
            .put("workflow_version_number", workflow.get("version").asInt());
        workflowRuns.add(run);
      }
      newestFirst(workflowRuns);
    }
  }

  /** Sorts newest {@code created_at} first, ties by descending id, parsing each time once. */
  private static void newestFirst(List<ObjectNode> nodes) {
    record Keyed(Instant created, String id, ObjectNode node) {}
    List<Keyed> keyed = new ArrayList<>(nodes.size());
    for (ObjectNode n : nodes) {
      keyed.add(new Keyed(Instant.parse(n.get("created_at").asText()), n.get("id").asText(), n));
    }
    keyed.sort(Comparator.comparing(Keyed::created).thenComparing(Keyed::id).reversed());
    nodes.clear();
    keyed.forEach(k -> nodes.add(k.node()));
  }
}
