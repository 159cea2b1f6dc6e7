package io.incidentql.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.data.DataGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests of the default data set against the documentation: every field, shape and variety. */
class DataVarietyTest {
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{0,5}[1-9])?Z");
  private static final Set<String> ALERT_PROPERTIES = Set.of("alert_source_id", "attributes",
      "created_at", "deduplication_key", "description", "id", "resolved_at", "source_url",
      "status", "title", "updated_at");
  private static final Set<String> INCIDENT_ALERT_PROPERTIES =
      Set.of("alert", "alert_route_id", "id", "incident");
  private static final Set<String> UPDATE_PROPERTIES = Set.of("created_at", "id", "incident_id",
      "merged_into_incident_id", "message", "new_incident_status", "new_severity", "updater");

  private static Map<String, List<ObjectNode>> rows;

  @BeforeAll
  static void generate() {
    Dataset data = new Dataset(DataGenerator.generate(1, 2000, 1000, 1500, 4000));
    rows = Map.of(
        "alerts", List.copyOf(data.alerts()),
        "incidents", List.copyOf(data.incidents()),
        "incident_alerts", List.copyOf(data.incidentAlerts()),
        "incident_updates", List.copyOf(data.incidentUpdates()));
  }

  private static JsonNode example(String name) throws IOException {
    try (InputStream in = DataVarietyTest.class.getResourceAsStream("/docs-examples/" + name)) {
      return TestApi.JSON.readTree(in);
    }
  }

  private static void paths(JsonNode node, String at, Map<String, Set<JsonNodeType>> out) {
    out.computeIfAbsent(at, k -> EnumSet.noneOf(JsonNodeType.class)).add(node.getNodeType());
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> paths(e.getValue(), at + "." + e.getKey(), out));
    } else if (node.isArray()) {
      node.forEach(item -> paths(item, at + "[]", out));
    }
  }

  private static Map<String, Set<JsonNodeType>> paths(Iterable<? extends JsonNode> nodes) {
    Map<String, Set<JsonNodeType>> out = new TreeMap<>();
    nodes.forEach(n -> paths(n, "", out));
    return out;
  }

  @ParameterizedTest
  @CsvSource({"alerts.json, alerts, alerts", "incidents.json, incidents, incidents",
      "incident_alerts.json, incident_alerts, incident_alerts",
      "incident_updates.json, incident_updates, incident_updates"})
  void coversEveryFieldOfTheDocumentationExample(String file, String items, String table)
      throws IOException {
    Map<String, Set<JsonNodeType>> documented = paths(example(file).get(items));
    Map<String, Set<JsonNodeType>> generated = paths(rows.get(table));
    assertTrue(documented.size() > 20, documented.keySet().toString());
    for (Map.Entry<String, Set<JsonNodeType>> e : documented.entrySet()) {
      assertTrue(generated.containsKey(e.getKey()), table + " lacks " + e.getKey());
      assertTrue(generated.get(e.getKey()).containsAll(e.getValue()),
          table + e.getKey() + " is " + generated.get(e.getKey()) + ", documented " + e.getValue());
    }
  }

  @Test
  void showsAnAlertInTheDocumentedEnvelope() throws IOException {
    assertEquals(Set.of("alert"), fieldNames(example("alert.json")));
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> out = new HashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "alerts, 'id,alert_source_id,deduplication_key,status,title,attributes,created_at,updated_at'",
    "incident_alerts, 'id,alert,incident,alert.id,alert.title,alert.deduplication_key,"
        + "alert.alert_source_id,alert.status,alert.created_at,alert.updated_at,incident.id,"
        + "incident.external_id,incident.name,incident.reference,incident.visibility,"
        + "incident.status_category'",
    "incident_updates, 'id,incident_id,new_incident_status,updater,created_at'",
    "incidents, 'id,name,reference,incident_status,mode,visibility,creator,has_debrief,"
        + "created_at,updated_at,slack_channel_id,slack_team_id,custom_field_entries,"
        + "duration_metrics,incident_role_assignments,incident_timestamp_values,"
        + "postmortem_document_ids'"})
  void alwaysHasTheRequiredProperties(String table, String required) {
    for (ObjectNode row : rows.get(table)) {
      for (String path : required.split(",")) {
        assertFalse(row.at("/" + path.replace('.', '/')).isMissingNode(), table + " " + path);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "alerts, 'description,resolved_at,source_url'",
    "incident_alerts, 'alert_route_id,alert.description,alert.resolved_at,alert.source_url,"
        + "incident.summary'",
    "incident_updates, 'merged_into_incident_id,message,new_severity,updater.user,"
        + "updater.workflow,updater.api_key,updater.alert'",
    "incidents, 'call_url,external_issue_reference,incident_type,permalink,"
        + "postmortem_document_url,severity,slack_channel_name,summary,workload_minutes_late,"
        + "workload_minutes_sleeping,workload_minutes_total,workload_minutes_working'"})
  void leavesOptionalPropertiesOutOfSomeRowsAndInOthers(String table, String optional) {
    for (String path : optional.split(",")) {
      String pointer = "/" + path.replace('.', '/');
      long present = rows.get(table).stream().filter(r -> !r.at(pointer).isMissingNode()).count();
      assertTrue(present > 0, table + " never has " + path);
      assertTrue(present < rows.get(table).size(), table + " always has " + path);
    }
  }

  @Test
  void neverWritesNull() {
    rows.forEach((table, list) -> list.forEach(row -> walk(row, node ->
        assertFalse(node.isNull(), table + " " + row.get("id")))));
  }

  private static void walk(JsonNode node, Consumer<JsonNode> visit) {
    visit.accept(node);
    node.elements().forEachRemaining(child -> walk(child, visit));
  }

  @ParameterizedTest
  @CsvSource({"alerts, attributes", "incidents, custom_field_entries",
      "incidents, incident_role_assignments", "incidents, duration_metrics",
      "incidents, incident_timestamp_values", "incidents, postmortem_document_ids"})
  void leavesArraysEmptyInSomeRowsAndFilledInOthers(String table, String array) {
    List<ObjectNode> list = rows.get(table);
    assertTrue(list.stream().allMatch(r -> r.get(array).isArray()));
    assertTrue(list.stream().anyMatch(r -> r.get(array).isEmpty()), array + " never empty");
    assertTrue(list.stream().anyMatch(r -> !r.get(array).isEmpty()), array + " always empty");
  }

  @Test
  void addsPropertiesTheDocumentationDoesNotList() throws IOException {
    Set<String> incidentProperties = fieldNames(example("incidents.json").get("incidents").get(0));
    assertTrue(hasExtra("alerts", ALERT_PROPERTIES));
    assertTrue(hasExtra("incidents", incidentProperties));
    assertTrue(hasExtra("incident_alerts", INCIDENT_ALERT_PROPERTIES));
    assertTrue(hasExtra("incident_updates", UPDATE_PROPERTIES));
  }

  private static boolean hasExtra(String table, Set<String> documented) {
    return rows.get(table).stream().anyMatch(r -> !documented.containsAll(fieldNames(r)));
  }

  private static Set<String> values(String table, String pointer) {
    return rows.get(table).stream().map(r -> r.at(pointer)).filter(n -> !n.isMissingNode())
        .map(JsonNode::asText).collect(Collectors.toSet());
  }

  @Test
  void usesEveryDocumentedEnumValueAndSomeUndocumentedOnes() {
    assertEquals(Set.of("firing", "resolved", "acknowledged"), values("alerts", "/status"));
    assertEquals(Set.of("standard", "retrospective", "test", "tutorial", "drill"),
        values("incidents", "/mode"));
    assertEquals(Set.of("triage", "declined", "merged", "canceled", "live", "learning", "closed",
        "paused", "waiting"), values("incidents", "/incident_status/category"));
    assertEquals(Set.of("triage", "declined", "merged", "canceled", "active", "post-incident",
        "closed", "paused", "waiting"), values("incident_alerts", "/incident/status_category"));
    assertEquals(Set.of("public", "private"), values("incidents", "/visibility"));
    Set<String> roles = new HashSet<>();
    rows.get("incidents").forEach(i -> i.get("incident_role_assignments")
        .forEach(a -> roles.add(a.path("assignee").path("role").asText("-"))));
    assertTrue(roles.containsAll(Set.of("viewer", "responder", "administrator", "owner", "unset",
        "guest")), roles.toString());
  }

  @Test
  void mixesScriptsEmojiQuotesBackslashesAndNewlinesInText() {
    List<String> texts = new ArrayList<>();
    rows.forEach((table, list) -> list.forEach(row -> walk(row, node -> {
      if (node.isTextual()) {
        texts.add(node.asText());
      }
    })));
    assertTrue(texts.stream().anyMatch(t -> t.codePoints().anyMatch(c -> c > 0xFFFF)), "emoji");
    assertTrue(texts.stream().anyMatch(t -> t.contains("é") || t.contains("ö")), "accents");
    assertTrue(texts.stream().anyMatch(t -> t.codePoints().anyMatch(c -> c >= 0x3040 && c <= 0x9FFF)),
        "CJK");
    assertTrue(texts.stream().anyMatch(t -> t.contains("\"")), "double quote");
    assertTrue(texts.stream().anyMatch(t -> t.contains("\\")), "backslash");
    assertTrue(texts.stream().anyMatch(t -> t.contains("\n")), "newline");
    assertTrue(texts.stream().anyMatch(String::isEmpty), "empty string");
  }

  @Test
  void writesTimestampsAsRfc3339InUtcOverAboutTwoYears() {
    List<String> created = new ArrayList<>();
    rows.forEach((table, list) -> list.forEach(row -> row.fields().forEachRemaining(e -> {
      if (e.getKey().endsWith("_at")) {
        assertTrue(TIMESTAMP.matcher(e.getValue().asText()).matches(), e.getValue().asText());
      }
    })));
    rows.get("alerts").forEach(a -> created.add(a.get("created_at").asText()));
    assertTrue(created.stream().anyMatch(t -> t.endsWith("T00:00:00Z")), "midnight");
    assertTrue(created.stream().anyMatch(t -> t.endsWith("T23:59:59.999999Z")), "last microsecond");
    assertTrue(created.stream().anyMatch(t -> t.endsWith("T00:00:00.000001Z")), "first microsecond");
    assertTrue(created.stream().anyMatch(t -> t.matches(".*\\.\\d{6}Z")), "six fraction digits");
    assertTrue(created.size() > new HashSet<>(created).size(), "shared timestamps");
    List<Instant> instants = created.stream().map(Instant::parse).sorted().toList();
    Duration span = Duration.between(instants.get(0), instants.get(instants.size() - 1));
    assertTrue(span.toDays() > 700, "span " + span);
  }

  @Test
  void writesWholeWorkloadMinutesAsIntegersAndOthersAsDecimals() {
    List<JsonNode> values = rows.get("incidents").stream().map(i -> i.get("workload_minutes_total"))
        .filter(n -> n != null).toList();
    assertTrue(values.stream().anyMatch(JsonNode::isIntegralNumber));
    assertTrue(values.stream().anyMatch(JsonNode::isFloatingPointNumber));
  }
}
