package io.incidentql.simulator.data;

import io.incidentql.simulator.data.Catalog.AlertSource;
import io.incidentql.simulator.data.Catalog.AttributeDef;
import io.incidentql.simulator.data.Catalog.AttributeValue;
import io.incidentql.simulator.data.Catalog.CatalogEntry;
import io.incidentql.simulator.data.Catalog.CustomField;
import io.incidentql.simulator.data.Catalog.CustomFieldOption;
import io.incidentql.simulator.data.Catalog.IncidentRole;
import io.incidentql.simulator.data.Catalog.IncidentStatus;
import io.incidentql.simulator.data.Catalog.IncidentType;
import io.incidentql.simulator.data.Catalog.NamedRef;
import io.incidentql.simulator.data.Catalog.RbacRole;
import io.incidentql.simulator.data.Catalog.Severity;
import io.incidentql.simulator.data.Catalog.TimestampDef;
import io.incidentql.simulator.data.Catalog.User;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Factory of the {@link Catalog} of a simulated account: fixed names, seeded ids and times.
 *
 * <p>Among the documented values it also plants a few the documentation does not list (a user
 * role {@code guest}, a status category {@code waiting}), because the API promises to add enum
 * values and readers must cope.
 */
final class CatalogFactory {
  /** Category of the one status whose category the documentation does not list. */
  static final String UNDOCUMENTED_CATEGORY = "waiting";

  /**
   * Users: name, email, role, Slack id, and whether they are still active. Three have been
   * deactivated since they took part in incidents; one has a role the documentation does not
   * list ({@code guest}).
   */
  private static final String[][] USERS = {
    {"Lisa Karlin Curtis", "lisa@incident.io", "owner", "U02AYNF2XJM", "active"},
    {"Zoë Ångström", "zoe.angstrom@example.com", "administrator", "U03ZOE0001", "active"},
    {"José Núñez", "jose.nunez@example.com", "responder", "U03JOSE002", "deactivated"},
    {"田中 太郎", "tanaka@example.jp", "responder", "U03TANAKA3", "active"},
    {"Siobhán O'Connor", "siobhan@example.ie", "viewer", null, "deactivated"},
    {"Ольга Иванова", "olga@example.ru", "responder", "U03OLGA005", "active"},
    {"Ahmed \"Rocky\" Saleh", "ahmed@example.com", "responder", "U03AHMED06", "active"},
    {"Back\\slash Bot", null, "unset", null, "active"},
    {"Chloé 🚀 Martin", "chloe@example.fr", "responder", "U03CHLOE08", "active"},
    {"李雷", "li.lei@example.cn", "viewer", null, "deactivated"},
    {"Priya Raman", "priya@example.com", "administrator", "U03PRIYA10", "active"},
    {"Guest Auditor", "auditor@example.com", "guest", null, "active"},
  };
  /** Alert sources: name and source type. */
  private static final String[][] ALERT_SOURCES = {
    {"Datadog — production", "datadog"},
    {"Grafana alerts 📈", "grafana"},
    {"Prometheus Alertmanager", "alertmanager"},
    {"Billing webhook (\"custom\" HTTP)", "http"},
    {"Support inbox", "email"},
    {"Nightly backup heartbeat", "heartbeat"},
  };

  private final SplittableRandom random;
  private final long base = Timestamps.startOfDay(LocalDate.of(2021, 6, 1));

  private CatalogFactory(SplittableRandom random) {
    this.random = random;
  }

  static Catalog create(SplittableRandom random) {
    return new CatalogFactory(random).build();
  }

  private Catalog build() {
    // The draws below keep the order they had before users had roles and fields had times, so
    // that every id of a seed stays what it was; what came later is drawn last.
    List<String> alertSourceIds = ids(ALERT_SOURCES.length);
    List<String> routes = ids(4);
    List<AttributeDef> attributes = attributes();
    List<String> userIds = ids(USERS.length);
    List<Severity> severities = severities();
    List<IncidentStatus> statuses = statuses();
    List<IncidentType> types = incidentTypes();
    List<CustomField> fields = customFields();
    List<IncidentRole> roles = roles();
    List<TimestampDef> timestamps = timestamps();
    List<NamedRef> metrics = List.of(ref("Lasted"), ref("Time to identify"), ref("Time to fix"));
    List<NamedRef> workflows = List.of(ref("My little workflow"), ref("Auto-escalate → SEV1"),
        ref("Nudge: \"update the status page\""));
    List<NamedRef> apiKeys = List.of(ref("My test API key"), ref("Terraform 🤖"));
    List<User> users = users(userIds);
    List<CustomField> timedFields = new ArrayList<>();
    for (CustomField field : fields) {
      long created = created();
      timedFields.add(field.withTimes(created, updated(created)));
    }
    return new Catalog(alertSources(alertSourceIds), attributes, users, severities, statuses,
        types, List.copyOf(timedFields), roles, timestamps, metrics, workflows, apiKeys, routes);
  }

  private List<String> ids(int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(id());
    }
    return List.copyOf(out);
  }

  private String id() {
    return Ulid.next((base + random.nextLong(180 * Timestamps.MICROS_PER_DAY)) / 1000, random);
  }

  private long created() {
    return base + random.nextLong(180 * Timestamps.MICROS_PER_DAY);
  }

  private NamedRef ref(String name) {
    return new NamedRef(id(), name);
  }

  private List<AttributeDef> attributes() {
    String serviceType = id();
    String teamType = id();
    List<AttributeValue> services = new ArrayList<>();
    for (String name : new String[] {"Payments", "Checkout 🛒", "Search", "Auth — SSO", "データ基盤"}) {
      CatalogEntry entry = new CatalogEntry(id(), serviceType, name, null, List.of());
      services.add(new AttributeValue(entry, null));
    }
    List<AttributeValue> teams = new ArrayList<>();
    for (String name : new String[] {"Payments Team", "Platform", "Équipe Données", "SRE"}) {
      teams.add(new AttributeValue(new CatalogEntry(id(), teamType, name, null, List.of()), null));
    }
    return List.of(
        new AttributeDef(id(), "service", "CatalogEntry[\"" + serviceType + "\"]", false, false,
            "fire", List.copyOf(services)),
        new AttributeDef(id(), "teams", "CatalogEntry[\"" + teamType + "\"]", true, false, null,
            List.copyOf(teams)),
        new AttributeDef(id(), "priority", "String", false, true, "rotating_light",
            literals("SEV123", "P1", "P2", "P3")),
        new AttributeDef(id(), "region", "String", false, false, null,
            literals("eu-west-1", "us-east-1", "ap-northeast-1 (東京)")),
        new AttributeDef(id(), "tags", "String", true, false, "label",
            literals("db", "payments", "customer-facing", "needs \"triage\"")));
  }

  private static List<AttributeValue> literals(String... values) {
    List<AttributeValue> out = new ArrayList<>();
    for (String v : values) {
      out.add(new AttributeValue(null, v));
    }
    return List.copyOf(out);
  }

  private static List<AlertSource> alertSources(List<String> ids) {
    List<AlertSource> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String[] s = ALERT_SOURCES[i];
      out.add(new AlertSource(ids.get(i), s[0], s[1], "fake-secret-token-" + (i + 1), i % 2 == 0,
          i == 4));
    }
    return List.copyOf(out);
  }

  private List<User> users(List<String> ids) {
    RbacRole owner = rbac("Owner", "owner", "Full access, including billing and API keys.");
    RbacRole admin = rbac("Admin", "admin", "Configures the account.");
    RbacRole responder = rbac("Responder", "responder", "Declares and runs incidents.");
    RbacRole viewer = rbac("Viewer", "viewer", "Reads incidents.");
    RbacRole support = rbac("Customer Success", "customer-success",
        "Elevated permissions for the customer success team.");
    RbacRole security = rbac("Sécurité 🔒", "securite", "Sees private security incidents.");
    List<User> out = new ArrayList<>();
    for (int i = 0; i < USERS.length; i++) {
      String[] u = USERS[i];
      String role = u[2];
      RbacRole base = role.equals("owner") ? owner : role.equals("administrator") ? admin
          : role.equals("responder") ? responder : viewer;
      List<RbacRole> custom = i % 5 == 1 ? List.of(support, security)
          : i % 5 == 3 ? List.of(support) : List.of();
      boolean active = !u[4].equals("deactivated");
      String onCall = !active ? "none" : base == viewer ? "viewer_only" : "full_access";
      String response = !active ? "none" : base == viewer ? "viewer_only" : "full_access";
      out.add(new User(ids.get(i), u[0], u[1], role, u[3], active, base, custom, onCall,
          response));
    }
    return List.copyOf(out);
  }

  private RbacRole rbac(String name, String slug, String description) {
    return new RbacRole(id(), name, slug, description);
  }

  private List<Severity> severities() {
    String[][] rows = {
      {"Minor", "Issues with **low impact**."},
      {"Major", "Issues causing **significant impact**, e.g. a feature is unavailable."},
      {"Critical", "Issues causing **very high impact** to customers: \"all hands\"."},
      {"SEV0 — 全面停止 🔥", "Complete outage.\nDeclare publicly."},
    };
    List<Severity> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      long created = created();
      out.add(new Severity(id(), rows[i][0], rows[i][1], i + 1, created, updated(created)));
    }
    return List.copyOf(out);
  }

  private List<IncidentStatus> statuses() {
    String[][] rows = {
      {"Triage", "triage", "We're not yet sure whether this is an incident."},
      {"Declined", "declined", "Not an incident after all."},
      {"Merged", "merged", "Merged into another incident."},
      {"Canceled", "canceled", "Opened by mistake."},
      {"Investigating", "live", "We're trying to work out **what's wrong**."},
      {"Fixing", "live", "We know what's wrong and we're fixing it."},
      {"Monitoring", "live", "A fix is out; we're watching the \"error rate\"."},
      {"Paused", "paused", "Work is paused until further notice."},
      {"Waiting on customer", UNDOCUMENTED_CATEGORY, "Waiting for the customer to reply."},
      {"Documenting", "learning",
          "Impact has been **fully mitigated**, and we're ready to learn from this incident."},
      {"Closed", "closed", "The incident is over.\nNo further updates."},
    };
    List<IncidentStatus> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      long created = created();
      out.add(new IncidentStatus(id(), rows[i][0], rows[i][2], i, rows[i][1], created,
          updated(created)));
    }
    return List.copyOf(out);
  }

  private List<IncidentType> incidentTypes() {
    long c1 = created();
    long c2 = created();
    long c3 = created();
    long c4 = created();
    return List.of(
        new IncidentType(id(), "Production Outage", "Customer facing production outages", "always",
            false, false, c1, updated(c1)),
        new IncidentType(id(), "Security 🔒", "Anything that might be a **breach**", "optional",
            false, true, c2, updated(c2)),
        new IncidentType(id(), "Customer Issue", "Default type for customer reports", "never",
            true, false, c3, updated(c3)),
        new IncidentType(id(), "Données personnelles", "Incidents touchant aux \"données\" RGPD",
            "always", false, false, c4, c4));
  }

  private List<CustomField> customFields() {
    List<CustomField> out = new ArrayList<>();
    out.add(selectField("Affected Team", "Which team is impacted by this issue", "single_select",
        "Product", "Platform", "Payments", "Équipe Données", "サポート"));
    out.add(selectField("Affected Products", "Products with customer impact", "multi_select",
        "Checkout", "Search", "Mobile app 📱", "Public \"API\""));
    String catalogFieldId = id();
    String catalogType = id();
    List<CatalogEntry> entries = new ArrayList<>();
    String[][] services = {
      {"Primary On-call", "761722cd-d1d7-477b-ac7e-90f9e079dc33", "lawrence@incident.io", "lawrence"},
      {"Payments API", null, "payments", null},
      {"Search cluster 検索", "a7f3b2c1-0000-4000-8000-00000000beef", null, null},
    };
    for (String[] s : services) {
      List<String> aliases = new ArrayList<>();
      if (s[2] != null) {
        aliases.add(s[2]);
      }
      if (s[3] != null) {
        aliases.add(s[3]);
      }
      entries.add(new CatalogEntry(id(), catalogType, s[0], s[1], List.copyOf(aliases)));
    }
    out.add(new CustomField(catalogFieldId, "Affected Service", "Service from the catalog",
        "single_select", List.of(), List.copyOf(entries), 0, 0));
    out.add(new CustomField(id(), "Customer impact notes", "Free text for the support team", "text",
        List.of(), List.of(), 0, 0));
    out.add(new CustomField(id(), "Revenue impact", "Estimated revenue lost, in EUR", "numeric",
        List.of(), List.of(), 0, 0));
    out.add(new CustomField(id(), "Runbook", "Link to the runbook used", "link", List.of(),
        List.of(), 0, 0));
    return List.copyOf(out);
  }

  private CustomField selectField(String name, String description, String type, String... values) {
    String fieldId = id();
    List<CustomFieldOption> options = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      options.add(new CustomFieldOption(id(), fieldId, values[i], (i + 1) * 10));
    }
    return new CustomField(fieldId, name, description, type, List.copyOf(options), List.of(), 0, 0);
  }

  private List<IncidentRole> roles() {
    long c1 = created();
    long c2 = created();
    long c3 = created();
    long c4 = created();
    return List.of(
        new IncidentRole(id(), "Incident Lead", "The person currently coordinating the incident",
            "Take point on the incident; Make sure people are clear on responsibilities", "lead",
            "lead", true, c1, updated(c1)),
        new IncidentRole(id(), "Communications Lead", "Keeps customers and the company informed",
            "Post an update every 30 minutes;\nKeep the \"status page\" current", "comms", "custom",
            false, c2, updated(c2)),
        new IncidentRole(id(), "Scribe 📝", "Writes down what happens", "Keep the timeline tidy",
            "scribe", "custom", false, c3, c3),
        new IncidentRole(id(), "Reporter", "Whoever declared the incident", "Answer questions",
            "reporter", "reporter", false, c4, updated(c4)));
  }

  private List<TimestampDef> timestamps() {
    return List.of(new TimestampDef(id(), "Impact started", 1),
        new TimestampDef(id(), "Reported at", 2),
        new TimestampDef(id(), "Identified", 3),
        new TimestampDef(id(), "Fixed at", 4));
  }

  private long updated(long created) {
    return created + random.nextLong(90 * Timestamps.MICROS_PER_DAY);
  }
}
