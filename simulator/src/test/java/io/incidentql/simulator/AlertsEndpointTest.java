package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertError;
import static io.incidentql.simulator.TestApi.assertValidationError;
import static io.incidentql.simulator.TestApi.expectedIds;
import static io.incidentql.simulator.TestApi.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests of {@code GET /v2/alerts} and {@code GET /v2/alerts/{id}}: every filter, the order,
 * pagination and validation.
 */
class AlertsEndpointTest {
  private static Simulator sim;
  private static TestApi api;
  private static List<ObjectNode> all;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().unlimitedRate().build());
    api = new TestApi(sim);
    all = List.copyOf(sim.dataset().alerts());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static List<String> fetch(String query) {
    return api.walk("/v2/alerts", "alerts", query, 50).ids();
  }

  private static List<String> expected(Predicate<JsonNode> keep) {
    return expectedIds(all, keep);
  }

  private static Instant created(JsonNode alert) {
    return Instant.parse(alert.get("created_at").asText());
  }

  @Test
  void listsEveryAlertNewestFirstWithTiesBrokenByDescendingId() {
    List<String> ids = fetch("");
    assertEquals(expected(a -> true), ids);
    for (int i = 1; i < all.size(); i++) {
      Instant previous = created(all.get(i - 1));
      Instant current = created(all.get(i));
      assertTrue(!current.isAfter(previous), "order at " + i);
      if (current.equals(previous)) {
        assertTrue(all.get(i - 1).get("id").asText().compareTo(all.get(i).get("id").asText()) > 0);
      }
    }
  }

  @Test
  void servesExactlyTheDatasetObjects() {
    JsonNode page = api.ok("/v2/alerts?page_size=50");
    for (int i = 0; i < 50; i++) {
      assertEquals(all.get(i), page.get("alerts").get(i));
    }
  }

  @Test
  void filtersByStatusOneOf() {
    assertEquals(expected(a -> a.get("status").asText().equals("firing")),
        fetch(q("status[one_of]", "firing")));
  }

  @Test
  void acceptsSeveralValuesAsRepeatedParametersOrCommaSeparated() {
    List<String> want = expected(a -> Set.of("firing", "acknowledged").contains(a.get("status").asText()));
    assertEquals(want, fetch(q("status[one_of]", "firing", "status[one_of]", "acknowledged")));
    assertEquals(want, fetch(q("status[one_of]", "firing,acknowledged")));
  }

  @Test
  void filtersByStatusNotIn() {
    assertEquals(expected(a -> !a.get("status").asText().equals("resolved")),
        fetch(q("status[not_in]", "resolved")));
  }

  @Test
  void filtersByAStatusTheDocumentationDoesNotList() {
    List<String> want = expected(a -> a.get("status").asText().equals("acknowledged"));
    assertFalse(want.isEmpty());
    assertEquals(want, fetch(q("status[one_of]", "acknowledged")));
  }

  @Test
  void filtersByAlertSourceOneOfAndNotIn() {
    String source = sim.dataset().alertSourceIds().get(1);
    List<String> in = expected(a -> a.get("alert_source_id").asText().equals(source));
    assertFalse(in.isEmpty());
    assertEquals(in, fetch(q("alert_source[one_of]", source)));
    assertEquals(expected(a -> !a.get("alert_source_id").asText().equals(source)),
        fetch(q("alert_source[not_in]", source)));
  }

  @Test
  void filtersByDeduplicationKeySharedByTwoAlerts() {
    Map<String, Integer> counts = new HashMap<>();
    all.forEach(a -> counts.merge(a.get("deduplication_key").asText(), 1, Integer::sum));
    String key = counts.entrySet().stream().filter(e -> e.getValue() > 1).findFirst()
        .orElseThrow().getKey();
    List<String> want = expected(a -> a.get("deduplication_key").asText().equals(key));
    assertTrue(want.size() > 1);
    assertEquals(want, fetch(q("deduplication_key[is]", key)));
  }

  @Test
  void filtersByDeduplicationKeyThatNeedsPercentEncoding() {
    String key = all.stream().map(a -> a.get("deduplication_key").asText())
        .filter(k -> k.startsWith("a&b=c %")).findFirst().orElseThrow();
    assertEquals(expected(a -> a.get("deduplication_key").asText().equals(key)),
        fetch(q("deduplication_key[is]", key)));
  }

  @Test
  void createdAtGteIncludesARowExactlyAtMidnightOfThatDate() {
    JsonNode midnight = all.stream()
        .filter(a -> a.get("created_at").asText().endsWith("T00:00:00Z")).findFirst().orElseThrow();
    String date = midnight.get("created_at").asText().substring(0, 10);
    Instant bound = Instant.parse(date + "T00:00:00Z");
    List<String> got = fetch(q("created_at[gte]", date));
    assertEquals(expected(a -> !created(a).isBefore(bound)), got);
    assertTrue(got.contains(midnight.get("id").asText()));
  }

  @Test
  void createdAtLteStopsAtMidnightStartingThatDate() {
    JsonNode midnight = all.stream()
        .filter(a -> a.get("created_at").asText().endsWith("T00:00:00Z")).findFirst().orElseThrow();
    String date = midnight.get("created_at").asText().substring(0, 10);
    Instant bound = Instant.parse(date + "T00:00:00Z");
    List<String> got = fetch(q("created_at[lte]", date));
    assertEquals(expected(a -> !created(a).isAfter(bound)), got);
    assertTrue(got.contains(midnight.get("id").asText()));
    assertTrue(all.stream().anyMatch(a -> created(a).isAfter(bound)
        && a.get("created_at").asText().startsWith(date)), "later rows that day are left out");
  }

  @Test
  void createdAtDateRangeTakesExactBoundsAndGteWithLteIsRefused() {
    Instant from = Instant.parse("2024-03-01T00:00:00Z");
    Instant to = Instant.parse("2024-03-20T00:00:00Z");
    List<String> want = expected(a -> !created(a).isBefore(from) && !created(a).isAfter(to));
    assertFalse(want.isEmpty());
    assertEquals(want, fetch(q("created_at[date_range]", "2024-03-01~2024-03-20")));
    Instant noon = Instant.parse("2024-03-20T12:00:00Z");
    assertEquals(expected(a -> !created(a).isBefore(from) && !created(a).isAfter(noon)),
        fetch(q("created_at[date_range]", "2024-03-01~2024-03-20T12:00:00Z")));
    // The live API refuses both bounds as two parameters (LIVE-API-NOTES, Incidents 5).
    TestApi.assertValidationError(api.get("/v2/alerts" + q("page_size", "50",
        "created_at[gte]", "2024-03-01", "created_at[lte]", "2024-03-20")), "created_at[lte]");
  }

  @Test
  void createdAtAcceptsAFullTimestamp() {
    Instant bound = Instant.parse("2024-06-15T12:30:00Z");
    assertEquals(expected(a -> !created(a).isBefore(bound)),
        fetch(q("created_at[gte]", "2024-06-15T14:30:00+02:00")));
  }

  @Test
  void excludesAlertsHeldByAMaintenanceWindowOnlyWhenAsked() {
    List<String> free = expected(a -> !sim.dataset().isHeldByMaintenanceWindow(a.get("id").asText()));
    assertTrue(free.size() < all.size());
    assertEquals(free, fetch(q("include_maintenance_window[is]", "false")));
    assertEquals(expected(a -> true), fetch(q("include_maintenance_window[is]", "true")));
  }

  @Test
  void combinesFiltersWithAnd() {
    String source = sim.dataset().alertSourceIds().get(0);
    Instant bound = Instant.parse("2024-01-01T00:00:00Z");
    assertEquals(expected(a -> a.get("status").asText().equals("firing")
            && a.get("alert_source_id").asText().equals(source) && !created(a).isBefore(bound)),
        fetch(q("status[one_of]", "firing", "alert_source[one_of]", source,
            "created_at[gte]", "2024-01-01")));
  }

  @Test
  void showsOneAlertById() {
    ObjectNode alert = all.get(123);
    JsonNode body = api.ok("/v2/alerts/" + alert.get("id").asText());
    assertEquals(alert, body.get("alert"));
    assertEquals(1, body.size());
  }

  @Test
  void answersNotFoundForAnUnknownAlertId() {
    assertError(api.get("/v2/alerts/01ARZ3NDEKTSV4RRFFQ69G5FAV"), 404, "not_found");
  }

  @Test
  void rejectsQueryParametersOnTheShowEndpoint() {
    String id = all.get(0).get("id").asText();
    assertValidationError(api.get("/v2/alerts/" + id + "?page_size=5"), "page_size");
  }

  @Test
  void rejectsAPageSizeAboveFifty() {
    assertEquals("invalid_value", assertValidationError(api.get("/v2/alerts?page_size=51"), "page_size"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "ten", "2.5", ""})
  void rejectsAPageSizeThatIsNoIntegerFromOneToFifty(String size) {
    assertValidationError(api.get("/v2/alerts" + q("page_size", size)), "page_size");
  }

  @Test
  void requiresAPageSize() {
    assertEquals("is_required", assertValidationError(api.get("/v2/alerts"), "page_size"));
  }

  @Test
  void acceptsPageSizesOneAndFifty() {
    assertEquals(1, api.ok("/v2/alerts?page_size=1").get("alerts").size());
    assertEquals(50, api.ok("/v2/alerts?page_size=50").get("alerts").size());
  }

  @Test
  void rejectsAnUnknownParameter() {
    assertEquals("unknown_parameter",
        assertValidationError(api.get("/v2/alerts?page_size=5&colour=red"), "colour"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"status[is]", "deduplication_key[one_of]", "created_at[gt]",
      "alert_source[is]", "include_maintenance_window[one_of]"})
  void rejectsAnOperatorTheFieldDoesNotAccept(String name) {
    assertEquals("invalid_operator",
        assertValidationError(api.get("/v2/alerts" + q("page_size", "5", name, "x")), name));
  }

  @Test
  void rejectsAFilterWithoutOperator() {
    assertEquals("invalid_parameter",
        assertValidationError(api.get("/v2/alerts?page_size=5&status=firing"), "status"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-13-01", "yesterday", "2024-1-1", "2024-02-30"})
  void rejectsAMalformedDate(String date) {
    assertValidationError(api.get("/v2/alerts" + q("page_size", "5", "created_at[gte]", date)),
        "created_at[gte]");
  }

  @Test
  void rejectsADateRangeWithoutTilde() {
    assertValidationError(
        api.get("/v2/alerts" + q("page_size", "5", "created_at[date_range]", "2024-01-01")),
        "created_at[date_range]");
  }

  @Test
  void rejectsAMaintenanceWindowValueOtherThanTrueOrFalse() {
    assertValidationError(api.get("/v2/alerts"
        + q("page_size", "5", "include_maintenance_window[is]", "maybe")),
        "include_maintenance_window[is]");
  }

  @Test
  void rejectsTwoValuesForASingleValuedOperator() {
    assertValidationError(api.get("/v2/alerts"
        + q("page_size", "5", "deduplication_key[is]", "a", "deduplication_key[is]", "b")),
        "deduplication_key[is]");
  }

  @Test
  void rejectsACursorThatIsNoAlertId() {
    assertValidationError(api.get("/v2/alerts?page_size=5&after=NOT-AN-ID"), "after");
    String incidentId = sim.dataset().incidents().get(0).get("id").asText();
    assertValidationError(api.get("/v2/alerts?page_size=5&after=" + incidentId), "after");
  }

  @Test
  void continuesAfterACursorThatTheFilterLeavesOut() {
    ObjectNode resolved = all.stream().filter(a -> a.get("status").asText().equals("resolved"))
        .findFirst().orElseThrow();
    int position = all.indexOf(resolved);
    List<String> want = expected(a -> a.get("status").asText().equals("firing"));
    want = want.stream().filter(id -> indexOf(id) > position).limit(5).toList();
    JsonNode page = api.ok("/v2/alerts" + q("page_size", "5", "status[one_of]", "firing",
        "after", resolved.get("id").asText()));
    assertEquals(want, TestApi.ids(list(page.get("alerts"))));
  }

  private static int indexOf(String id) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).get("id").asText().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  @Test
  void paginatesAtPageSizesAroundTheNumberOfMatchingRows() {
    String query = q("created_at[date_range]", "2024-05-01~2024-05-06");
    Instant from = Instant.parse("2024-05-01T00:00:00Z");
    Instant to = Instant.parse("2024-05-06T00:00:00Z");
    List<String> want = expected(a -> !created(a).isBefore(from) && !created(a).isAfter(to));
    int n = want.size();
    assertTrue(n >= 4 && n <= 50, "rows in range: " + n);
    for (int size : new int[] {1, 2, n - 1, n, n + 1, 2 * n}) {
      TestApi.Walk walk = api.walk("/v2/alerts", "alerts", query, size);
      assertEquals(want, walk.ids(), "page size " + size);
      assertEquals((n + size - 1) / size, walk.pages().size(), "pages at size " + size);
      JsonNode last = walk.pages().get(walk.pages().size() - 1);
      assertFalse(last.get("pagination_meta").has("after"));
    }
  }

  @Test
  void givesACursorOnEveryFullPageWhenTheTrailingCursorSwitchIsOn() {
    String query = q("created_at[date_range]", "2024-05-01~2024-05-06");
    int n = api.walk("/v2/alerts", "alerts", query, 50).rows().size();
    sim.setTrailingCursorOnFullPage(true);
    try {
      TestApi.Walk walk = api.walk("/v2/alerts", "alerts", query, n);
      assertEquals(2, walk.pages().size());
      assertEquals(0, walk.pages().get(1).get("alerts").size());
      assertNotEquals(null, walk.pages().get(0).get("pagination_meta").get("after"));
    } finally {
      sim.setTrailingCursorOnFullPage(false);
    }
  }
}
