package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertValidationError;
import static io.incidentql.simulator.TestApi.expectedIds;
import static io.incidentql.simulator.TestApi.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of {@code GET /v2/incident_alerts}: equality filters, embedded rows and pagination. */
class IncidentAlertsEndpointTest {
  private static Simulator sim;
  private static TestApi api;
  private static List<ObjectNode> all;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().unlimitedRate().build());
    api = new TestApi(sim);
    all = List.copyOf(sim.dataset().incidentAlerts());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static String alertId(JsonNode row) {
    return row.get("alert").get("id").asText();
  }

  private static String incidentId(JsonNode row) {
    return row.get("incident").get("id").asText();
  }

  /** An incident with at least {@code n} alerts. */
  private static String incidentWithAlerts(int n) {
    Map<String, Integer> counts = new HashMap<>();
    all.forEach(r -> counts.merge(incidentId(r), 1, Integer::sum));
    return counts.entrySet().stream().filter(e -> e.getValue() >= n)
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  @Test
  void listsEveryIncidentAlertNewestIdFirst() {
    List<String> ids = api.walk("/v2/incident_alerts", "incident_alerts", "", 50).ids();
    assertEquals(expectedIds(all, r -> true), ids);
    for (int i = 1; i < ids.size(); i++) {
      assertTrue(ids.get(i - 1).compareTo(ids.get(i)) > 0);
    }
  }

  @Test
  void filtersByIncidentId() {
    String incident = incidentWithAlerts(3);
    List<String> want = expectedIds(all, r -> incidentId(r).equals(incident));
    assertTrue(want.size() >= 3);
    assertEquals(want, api.walk("/v2/incident_alerts", "incident_alerts",
        q("incident_id", incident), 50).ids());
  }

  @Test
  void filtersByAlertIdAndByBoth() {
    JsonNode row = all.get(17);
    String alert = alertId(row);
    assertEquals(expectedIds(all, r -> alertId(r).equals(alert)),
        api.walk("/v2/incident_alerts", "incident_alerts", q("alert_id", alert), 50).ids());
    assertEquals(List.of(row.get("id").asText()), api.walk("/v2/incident_alerts",
        "incident_alerts", q("alert_id", alert, "incident_id", incidentId(row)), 50).ids());
  }

  @Test
  void givesAnEmptyPageForAnIdNobodyHas() {
    JsonNode page = api.ok("/v2/incident_alerts" + q("page_size", "10", "incident_id", "NOPE"));
    assertEquals(0, page.get("incident_alerts").size());
    assertFalse(page.get("pagination_meta").has("after"));
  }

  @Test
  void treatsAnEmptyFilterValueAsNotGiven() {
    JsonNode page = api.ok("/v2/incident_alerts?page_size=5&alert_id=&after=");
    assertEquals(expectedIds(all.subList(0, 5), r -> true), TestApi.ids(listOf(page)));
  }

  private static List<JsonNode> listOf(JsonNode page) {
    List<JsonNode> out = new java.util.ArrayList<>();
    page.get("incident_alerts").forEach(out::add);
    return out;
  }

  @Test
  void embedsTheSlimAlertAndIncidentOfRealRows() {
    Dataset data = sim.dataset();
    for (JsonNode row : all.subList(0, 100)) {
      ObjectNode alert = data.alert(alertId(row)).orElseThrow();
      alert.remove("attributes");
      alert.remove("priority");
      assertEquals(alert, row.get("alert"));
      ObjectNode incident = data.incident(incidentId(row)).orElseThrow();
      assertEquals(incident.get("reference"), row.get("incident").get("reference"));
      assertEquals(incident.get("name"), row.get("incident").get("name"));
    }
  }

  @Test
  void paginatesAtPageSizesAroundTheNumberOfMatchingRows() {
    String incident = incidentWithAlerts(4);
    List<String> want = expectedIds(all, r -> incidentId(r).equals(incident));
    int n = want.size();
    for (int size : new int[] {1, 2, n - 1, n, n + 1, 2 * n}) {
      TestApi.Walk walk = api.walk("/v2/incident_alerts", "incident_alerts",
          q("incident_id", incident), size);
      assertEquals(want, walk.ids(), "size " + size);
      assertEquals((n + size - 1) / size, walk.pages().size());
    }
  }

  @Test
  void requiresAPageSizeFromOneToFifty() {
    assertEquals("is_required", assertValidationError(api.get("/v2/incident_alerts"), "page_size"));
    assertValidationError(api.get("/v2/incident_alerts?page_size=51"), "page_size");
    assertValidationError(api.get("/v2/incident_alerts?page_size=0"), "page_size");
    assertEquals(50, api.ok("/v2/incident_alerts?page_size=50").get("incident_alerts").size());
  }

  @Test
  void rejectsFilterOperatorsItDoesNotHave() {
    assertValidationError(api.get("/v2/incident_alerts" + q("page_size", "5", "alert_id[is]", "x")),
        "alert_id[is]");
    assertValidationError(api.get("/v2/incident_alerts"
        + q("page_size", "5", "incident_id", "a", "incident_id", "b")), "incident_id");
  }

  @Test
  void rejectsACursorThatIsNoIncidentAlertId() {
    assertValidationError(api.get("/v2/incident_alerts?page_size=5&after=" + alertId(all.get(0))),
        "after");
  }
}
