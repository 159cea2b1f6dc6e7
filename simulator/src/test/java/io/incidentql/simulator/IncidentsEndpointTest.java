package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertValidationError;
import static io.incidentql.simulator.TestApi.expectedIds;
import static io.incidentql.simulator.TestApi.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests of {@code GET /v2/incidents}: every filter and operator, modes, filter_mode, sort_by,
 * counts and pagination.
 */
class IncidentsEndpointTest {
  private static final Set<String> DEFAULT_MODES = Set.of("standard", "retrospective");
  private static final Set<String> HIDDEN_CATEGORIES = Set.of("declined", "canceled", "merged");

  private static Simulator sim;
  private static TestApi api;
  private static List<ObjectNode> all;

  @BeforeAll
  static void start() {
    // Fewer incidents than the default keep full scans quick; every mode and category still occurs.
    sim = Simulator.start(SimulatorConfig.builder().incidents(500).unlimitedRate().build());
    api = new TestApi(sim);
    all = List.copyOf(sim.dataset().incidents());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static List<String> fetch(String query) {
    return api.walk("/v2/incidents", "incidents", query, 250).ids();
  }

  /**
   * Rows in default scope (standard and retrospective, no declined, canceled or merged ones) that
   * also pass {@code keep}.
   */
  private static List<String> expected(Predicate<JsonNode> keep) {
    return anyCategory(i -> !HIDDEN_CATEGORIES.contains(category(i)) && keep.test(i));
  }

  /** Rows of the default modes that pass {@code keep}: a request with a category filter. */
  private static List<String> anyCategory(Predicate<JsonNode> keep) {
    return expectedIds(all, i -> DEFAULT_MODES.contains(i.get("mode").asText()) && keep.test(i));
  }

  /** Whether a request without a category filter shows the incident. */
  private static boolean shown(JsonNode i) {
    return !HIDDEN_CATEGORIES.contains(category(i));
  }

  private static String category(JsonNode i) {
    return i.get("incident_status").get("category").asText();
  }

  private static String severityId(JsonNode i) {
    return i.path("severity").path("id").asText("");
  }

  private static Instant time(JsonNode i, String field) {
    return Instant.parse(i.get(field).asText());
  }

  private static String assignee(JsonNode i, String roleId) {
    for (JsonNode a : i.get("incident_role_assignments")) {
      if (a.get("role").get("id").asText().equals(roleId)) {
        return a.path("assignee").path("id").asText("");
      }
    }
    return "";
  }

  private static List<String> valueIds(JsonNode i, String fieldId) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : i.get("custom_field_entries")) {
      if (e.get("custom_field").get("id").asText().equals(fieldId)) {
        for (JsonNode v : e.get("values")) {
          JsonNode chosen = v.has("value_option") ? v.get("value_option") : v.get("value_catalog_entry");
          if (chosen != null) {
            out.add(chosen.get("id").asText());
          }
        }
      }
    }
    return out;
  }

  private static String statusId(String name) {
    return sim.dataset().incidentStatuses().stream().filter(s -> s.get("name").asText().equals(name))
        .findFirst().orElseThrow().get("id").asText();
  }

  private static JsonNode severity(String name) {
    return sim.dataset().severities().stream().filter(s -> s.get("name").asText().equals(name))
        .findFirst().orElseThrow();
  }

  /** The custom field as incidents show it, with its options. */
  private static JsonNode field(String name) {
    return sim.dataset().catalog().customFields().stream().filter(f -> f.name().equals(name))
        .findFirst().orElseThrow().toJson();
  }

  private static String roleId(String name) {
    return sim.dataset().incidentRoles().stream().filter(r -> r.get("name").asText().equals(name))
        .findFirst().orElseThrow().get("id").asText();
  }

  @Test
  void hidesTestAndTutorialIncidentsUnlessAskedFor() {
    List<String> got = fetch("");
    assertEquals(expected(i -> true), got);
    assertTrue(got.size() < all.size());
  }

  @Test
  void returnsEveryDocumentedModeWhenAllFourAreAsked() {
    Set<String> four = Set.of("standard", "retrospective", "test", "tutorial");
    assertEquals(expectedIds(all, i -> four.contains(i.get("mode").asText()) && shown(i)),
        fetch(q("mode[one_of]", "standard", "mode[one_of]", "retrospective",
            "mode[one_of]", "test", "mode[one_of]", "tutorial")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"standard", "retrospective", "test", "tutorial", "drill"})
  void filtersByOneMode(String mode) {
    List<String> want = expectedIds(all, i -> i.get("mode").asText().equals(mode) && shown(i));
    assertFalse(want.isEmpty());
    assertEquals(want, fetch(q("mode[one_of]", mode)));
  }

  @Test
  void filtersByStatusOneOfAndNotIn() {
    String closed = statusId("Closed");
    String fixing = statusId("Fixing");
    Set<String> both = Set.of(closed, fixing);
    assertEquals(expected(i -> both.contains(i.get("incident_status").get("id").asText())),
        fetch(q("status[one_of]", closed + "," + fixing)));
    assertEquals(expected(i -> !i.get("incident_status").get("id").asText().equals(closed)),
        fetch(q("status[not_in]", closed)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"triage", "declined", "merged", "canceled", "live", "learning", "closed",
      "paused", "waiting"})
  void filtersByEveryStatusCategory(String category) {
    List<String> want = anyCategory(i -> category(i).equals(category));
    assertFalse(want.isEmpty(), category);
    assertEquals(want, fetch(q("status_category[one_of]", category)));
    assertEquals(anyCategory(i -> !category(i).equals(category)),
        fetch(q("status_category[not_in]", category)));
  }

  @Test
  void hidesDeclinedCanceledAndMergedIncidentsUnlessACategoryIsAsked() {
    List<String> shown = fetch("");
    assertEquals(expected(i -> true), shown);
    for (String hidden : HIDDEN_CATEGORIES) {
      List<String> those = anyCategory(i -> category(i).equals(hidden));
      assertFalse(those.isEmpty(), hidden);
      assertTrue(those.stream().noneMatch(shown::contains), hidden);
    }
    List<String> eight = List.of("triage", "live", "learning", "paused", "closed", "declined",
        "canceled", "merged");
    assertEquals(anyCategory(i -> eight.contains(category(i))),
        fetch(q("status_category[one_of]", String.join(",", eight))));
    assertEquals(anyCategory(i -> true).size(),
        shown.size() + anyCategory(i -> HIDDEN_CATEGORIES.contains(category(i))).size());
  }

  @Test
  void acceptsTheSlimNamesOfStatusCategories() {
    assertEquals(anyCategory(i -> category(i).equals("live")),
        fetch(q("status_category[one_of]", "active")));
    assertEquals(anyCategory(i -> category(i).equals("learning")),
        fetch(q("status_category[one_of]", "post-incident")));
  }

  @Test
  void filtersBySeverityOneOfAndNotIn() {
    String minor = severity("Minor").get("id").asText();
    assertEquals(expected(i -> severityId(i).equals(minor)), fetch(q("severity[one_of]", minor)));
    List<String> notMinor = expected(i -> !severityId(i).equals(minor));
    assertTrue(expected(i -> severityId(i).isEmpty()).stream().allMatch(notMinor::contains),
        "incidents without severity are not in any set");
    assertEquals(notMinor, fetch(q("severity[not_in]", minor)));
  }

  @Test
  void comparesSeverityRanksWithGteAndLte() {
    JsonNode major = severity("Major");
    int rank = major.get("rank").asInt();
    String id = major.get("id").asText();
    assertEquals(expected(i -> i.has("severity") && i.get("severity").get("rank").asInt() >= rank),
        fetch(q("severity[gte]", id)));
    assertEquals(expected(i -> i.has("severity") && i.get("severity").get("rank").asInt() <= rank),
        fetch(q("severity[lte]", id)));
  }

  @Test
  void combinesBothSeverityBoundsWithAnd() {
    JsonNode major = severity("Major");
    JsonNode critical = severity("Critical");
    List<String> between = expected(i -> i.has("severity")
        && i.get("severity").get("rank").asInt() >= major.get("rank").asInt()
        && i.get("severity").get("rank").asInt() <= critical.get("rank").asInt());
    assertFalse(between.isEmpty());
    assertEquals(between, fetch(q("severity[gte]", major.get("id").asText(),
        "severity[lte]", critical.get("id").asText())));
    List<ObjectNode> ranked = sim.dataset().severities();
    String highest = ranked.get(ranked.size() - 1).get("id").asText();
    assertEquals(expected(i -> severityId(i).equals(highest)), fetch(q("severity[gte]", highest)));
  }

  @Test
  void showsAnIncidentOfAnyModeAndCategoryById() {
    Set<String> seen = new java.util.HashSet<>();
    for (ObjectNode incident : all) {
      String kind = incident.get("mode").asText() + "/" + category(incident);
      if (seen.add(kind)) {
        JsonNode body = api.ok("/v2/incidents/" + incident.get("id").asText());
        assertEquals(Set.of("incident"), TestApi.fieldNames(body));
        assertEquals(incident, body.get("incident"), kind);
      }
    }
    assertTrue(seen.contains("test/closed") && seen.contains("standard/declined"), seen::toString);
  }

  @Test
  void showsAnIncidentByTheNumberOfItsReference() {
    for (int i : new int[] {0, 1, 17, all.size() / 2, all.size() - 1}) {
      ObjectNode incident = all.get(i);
      String number = incident.get("reference").asText().substring("INC-".length());
      assertEquals(incident, api.ok("/v2/incidents/" + number).get("incident"), number);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"01ARZ3NDEKTSV4RRFFQ69G5FAV", "0", "501", "INC-5", "05", "-5", "+5",
      "99999999999999999999", "5.0"})
  void answersResourceNotFoundForNoIncidentIdOrReferenceNumber(String id) {
    assertEquals(500, all.size());
    JsonNode error = TestApi.assertError(api.get("/v2/incidents/" + id), 404, "not_found");
    assertEquals("resource_not_found", error.get("code").asText());
  }

  @Test
  void rejectsQueryParametersWhenShowingAnIncident() {
    assertValidationError(api.get("/v2/incidents/5?mode[one_of]=test"), "mode[one_of]");
  }

  @Test
  void filtersByIncidentTypeOneOfAndNotIn() {
    String type = sim.dataset().incidentTypes().get(1).get("id").asText();
    assertEquals(expected(i -> i.path("incident_type").path("id").asText("").equals(type)),
        fetch(q("incident_type[one_of]", type)));
    assertEquals(expected(i -> !i.path("incident_type").path("id").asText("").equals(type)),
        fetch(q("incident_type[not_in]", type)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"created_at", "updated_at"})
  void filtersByTimestampsWithGteLteAndDateRange(String field) {
    Instant from = Instant.parse("2024-02-01T00:00:00Z");
    Instant to = Instant.parse("2024-04-01T00:00:00Z");
    assertEquals(expected(i -> !time(i, field).isBefore(from)),
        fetch(q(field + "[gte]", "2024-02-01")));
    assertEquals(expected(i -> !time(i, field).isAfter(to)),
        fetch(q(field + "[lte]", "2024-04-01")));
    // date_range matches by date, both ends inclusive: the whole of its last day is in. The
    // last day is one on which some incident falls after midnight.
    Instant last = all.stream().map(i -> time(i, field)).filter(t -> t.isAfter(to))
        .filter(t -> t.getEpochSecond() % 86_400 != 0).min(Instant::compareTo).orElseThrow();
    LocalDate lastDay = LocalDate.ofInstant(last, ZoneOffset.UTC);
    Instant afterLastDay = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<String> range =
        anyCategory(i -> !time(i, field).isBefore(from) && time(i, field).isBefore(afterLastDay));
    assertTrue(range.contains(all.stream().filter(i -> time(i, field).equals(last)).findFirst()
        .orElseThrow().get("id").asText()) || expected(i -> time(i, field).equals(last)).isEmpty());
    assertEquals(expected(i -> !time(i, field).isBefore(from)
            && time(i, field).isBefore(afterLastDay)),
        fetch(q(field + "[date_range]", "2024-02-01~" + lastDay)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"created_at", "updated_at"})
  void refusesGteAndLteOnOneField(String field) {
    assertValidationError(api.get("/v2/incidents" + q(field + "[gte]", "2024-02-01",
        field + "[lte]", "2024-04-01")), field + "[lte]");
    // Bounds on two different fields are fine.
    assertEquals(200, api.get("/v2/incidents" + q("created_at[gte]", "2024-02-01",
        "updated_at[lte]", "2024-04-01")).status());
  }

  @Test
  void filtersByIncidentRoleAssignee() {
    String lead = roleId("Incident Lead");
    String user0 = sim.dataset().users().get(0).get("id").asText();
    String user1 = sim.dataset().users().get(1).get("id").asText();
    List<String> want = expected(i -> Set.of(user0, user1).contains(assignee(i, lead)));
    assertFalse(want.isEmpty());
    assertEquals(want, fetch(q("incident_role[" + lead + "][one_of]", user0,
        "incident_role[" + lead + "][one_of]", user1)));
  }

  @Test
  void filtersByIncidentRoleBeingBlank() {
    String scribe = roleId("Scribe 📝");
    List<String> blank = expected(i -> assignee(i, scribe).isEmpty());
    List<String> set = expected(i -> !assignee(i, scribe).isEmpty());
    assertFalse(blank.isEmpty());
    assertFalse(set.isEmpty());
    assertEquals(blank, fetch(q("incident_role[" + scribe + "][is_blank]", "true")));
    assertEquals(set, fetch(q("incident_role[" + scribe + "][is_blank]", "false")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Affected Team", "Affected Products", "Affected Service"})
  void filtersBySelectCustomFieldsWithOneOfAndNotIn(String name) {
    JsonNode field = field(name);
    String fieldId = field.get("id").asText();
    List<String> candidates = new ArrayList<>();
    field.get("options").forEach(o -> candidates.add(o.get("id").asText()));
    if (candidates.isEmpty()) {
      all.forEach(i -> candidates.addAll(valueIds(i, fieldId)));
    }
    Set<String> chosen = Set.of(candidates.get(0), candidates.get(candidates.size() - 1));
    String param = "custom_field[" + fieldId + "]";
    List<String> in = expected(i -> !Collections.disjoint(valueIds(i, fieldId), chosen));
    assertFalse(in.isEmpty(), name);
    assertEquals(in, fetch(q(param + "[one_of]", String.join(",", chosen))));
    assertEquals(expected(i -> Collections.disjoint(valueIds(i, fieldId), chosen)),
        fetch(q(param + "[not_in]", String.join(",", chosen))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Customer impact notes", "Revenue impact", "Runbook"})
  void rejectsOneOfOnFreeFormCustomFields(String name) {
    String param = "custom_field[" + field(name).get("id").asText() + "][one_of]";
    assertEquals("invalid_operator", assertValidationError(api.get("/v2/incidents" + q(param, "x")), param));
  }

  @Test
  void rejectsUnknownRoleAndCustomFieldIds() {
    assertValidationError(api.get("/v2/incidents" + q("incident_role[NOPE][is_blank]", "true")),
        "incident_role[NOPE][is_blank]");
    assertValidationError(api.get("/v2/incidents" + q("custom_field[NOPE][one_of]", "x")),
        "custom_field[NOPE][one_of]");
  }

  @Test
  void rejectsKeyedFiltersWithoutKeyOrWithAnotherOperator() {
    String lead = roleId("Incident Lead");
    assertEquals("invalid_parameter",
        assertValidationError(api.get("/v2/incidents" + q("incident_role[one_of]", "x")),
            "incident_role[one_of]"));
    String isSet = "incident_role[" + lead + "][is_set]";
    assertEquals("invalid_operator",
        assertValidationError(api.get("/v2/incidents" + q(isSet, "true")), isSet));
    assertEquals("invalid_operator",
        assertValidationError(api.get("/v2/incidents" + q("mode[not_in]", "test")), "mode[not_in]"));
  }

  @Test
  void rejectsSeverityRankComparisonWithAnUnknownSeverity() {
    assertValidationError(api.get("/v2/incidents" + q("severity[gte]", "NOPE")), "severity[gte]");
  }

  @Test
  void filterModeAnyOrsTheFiltersWithinTheDefaultModes() {
    String critical = severity("Critical").get("id").asText();
    String query = q("filter_mode", "any", "status_category[one_of]", "triage",
        "severity[one_of]", critical);
    List<String> want =
        anyCategory(i -> category(i).equals("triage") || severityId(i).equals(critical));
    assertEquals(want, fetch(query));
    assertTrue(want.size() > expected(i -> category(i).equals("triage")).size());
    assertEquals(anyCategory(i -> category(i).equals("triage") && severityId(i).equals(critical)),
        fetch(q("filter_mode", "all", "status_category[one_of]", "triage",
            "severity[one_of]", critical)));
  }

  @Test
  void filterModeAnyKeepsAnExplicitModeAsAScope() {
    String query = q("filter_mode", "any", "mode[one_of]", "test",
        "status_category[one_of]", "closed", "status_category[one_of]", "triage",
        "created_at[gte]", "2024-10-01");
    Instant bound = Instant.parse("2024-10-01T00:00:00Z");
    assertEquals(expectedIds(all, i -> i.get("mode").asText().equals("test")
            && (Set.of("closed", "triage").contains(category(i))
                || !time(i, "created_at").isBefore(bound))),
        fetch(query));
  }

  @Test
  void sortsOldestFirstWhenAsked() {
    List<String> newest = expected(i -> true);
    List<String> oldest = new ArrayList<>(newest);
    Collections.reverse(oldest);
    assertEquals(oldest, fetch(q("sort_by", "created_at_oldest_first")));
    assertEquals(newest, fetch(q("sort_by", "created_at_newest_first")));
  }

  @Test
  void paginatesOldestFirstAtSmallPageSizes() {
    String query = q("sort_by", "created_at_oldest_first", "mode[one_of]", "tutorial");
    List<String> want = new ArrayList<>(
        expectedIds(all, i -> i.get("mode").asText().equals("tutorial") && shown(i)));
    Collections.reverse(want);
    int n = want.size();
    assertTrue(n > 3, "tutorial incidents: " + n);
    for (int size : new int[] {1, 2, n - 1, n, n + 1, 2 * n}) {
      TestApi.Walk walk = api.walk("/v2/incidents", "incidents", query, size);
      assertEquals(want, walk.ids(), "page size " + size);
      assertEquals((n + size - 1) / size, walk.pages().size());
    }
  }

  @Test
  void paginatesNewestFirstAtSmallPageSizes() {
    String query = q("status_category[one_of]", "paused");
    List<String> want = expected(i -> category(i).equals("paused"));
    int n = want.size();
    assertTrue(n > 3, "paused incidents: " + n);
    for (int size : new int[] {1, 2, n - 1, n, n + 1, 2 * n}) {
      assertEquals(want, api.walk("/v2/incidents", "incidents", query, size).ids(), "size " + size);
    }
  }

  @Test
  void countsEveryMatchingIncidentOnEveryPage() {
    String query = q("status_category[one_of]", "closed");
    int want = expected(i -> category(i).equals("closed")).size();
    TestApi.Walk walk = api.walk("/v2/incidents", "incidents", query, 100);
    assertTrue(walk.pages().size() > 1);
    for (JsonNode page : walk.pages()) {
      assertEquals(want, page.get("pagination_meta").get("total_record_count").asInt());
    }
    JsonNode one = api.ok("/v2/incidents" + query + "&page_size=1");
    assertEquals(want, one.get("pagination_meta").get("total_record_count").asInt());
    JsonNode none = api.ok("/v2/incidents" + q("status[one_of]", "NOPE"));
    assertEquals(0, none.get("pagination_meta").get("total_record_count").asInt());
    assertEquals(0, none.get("incidents").size());
    assertFalse(none.get("pagination_meta").has("after"));
  }

  @Test
  void usesAPageSizeOfTwentyFiveByDefault() {
    JsonNode page = api.ok("/v2/incidents");
    assertEquals(25, page.get("incidents").size());
    assertEquals(25, page.get("pagination_meta").get("page_size").asInt());
  }

  @Test
  void servesAtMostTwoHundredFiftyIncidentsAPageWhateverIsAsked() {
    assertEquals(250, api.ok("/v2/incidents?page_size=250").get("incidents").size());
    // The schema line says 500, the prose 250: the live API takes 500 and serves 250.
    for (String size : new String[] {"251", "500"}) {
      JsonNode page = api.ok("/v2/incidents?page_size=" + size);
      assertEquals(250, page.get("incidents").size(), size);
      assertEquals(250, page.get("pagination_meta").get("page_size").asInt(), size);
      assertTrue(page.get("pagination_meta").has("after"), size);
    }
    List<String> ids = new ArrayList<>();
    String after = null;
    do {
      JsonNode page = api.ok("/v2/incidents?page_size=500" + (after == null ? "" : "&after=" + after));
      page.get("incidents").forEach(i -> ids.add(i.get("id").asText()));
      after = page.get("pagination_meta").path("after").asText(null);
    } while (after != null);
    assertEquals(expected(i -> true), ids);
    assertValidationError(api.get("/v2/incidents?page_size=501"), "page_size");
    sim.setIncidentsPerPage(100);
    try {
      JsonNode page = api.ok("/v2/incidents?page_size=250");
      assertEquals(100, page.get("incidents").size());
      assertEquals(100, page.get("pagination_meta").get("page_size").asInt());
    } finally {
      sim.setIncidentsPerPage(250);
    }
    assertValidationError(api.get("/v2/incidents?page_size=0"), "page_size");
  }

  @Test
  void rejectsUnknownSortOrderAndFilterMode() {
    assertValidationError(api.get("/v2/incidents?sort_by=name"), "sort_by");
    assertValidationError(api.get("/v2/incidents?filter_mode=some"), "filter_mode");
  }

  @Test
  void rejectsACursorThatIsNoIncidentId() {
    String alertId = sim.dataset().alerts().get(0).get("id").asText();
    assertValidationError(api.get("/v2/incidents?after=" + alertId), "after");
  }
}
