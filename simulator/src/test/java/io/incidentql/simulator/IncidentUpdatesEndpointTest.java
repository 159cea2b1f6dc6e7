package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertValidationError;
import static io.incidentql.simulator.TestApi.expectedIds;
import static io.incidentql.simulator.TestApi.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of {@code GET /v2/incident_updates}: the incident filter, page sizes and pagination. */
class IncidentUpdatesEndpointTest {
  private static Simulator sim;
  private static TestApi api;
  private static List<ObjectNode> all;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().unlimitedRate().build());
    api = new TestApi(sim);
    all = List.copyOf(sim.dataset().incidentUpdates());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static String busiestIncident() {
    Map<String, Integer> counts = new HashMap<>();
    all.forEach(u -> counts.merge(u.get("incident_id").asText(), 1, Integer::sum));
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  @Test
  void listsEveryUpdateNewestFirst() {
    List<String> ids = api.walk("/v2/incident_updates", "incident_updates", "", 250).ids();
    assertEquals(expectedIds(all, u -> true), ids);
    for (int i = 1; i < all.size(); i++) {
      Instant previous = Instant.parse(all.get(i - 1).get("created_at").asText());
      assertTrue(!Instant.parse(all.get(i).get("created_at").asText()).isAfter(previous));
    }
  }

  @Test
  void filtersByIncidentId() {
    String incident = busiestIncident();
    List<String> want = expectedIds(all, u -> u.get("incident_id").asText().equals(incident));
    assertTrue(want.size() > 3);
    assertEquals(want, api.walk("/v2/incident_updates", "incident_updates",
        q("incident_id", incident), 250).ids());
  }

  @Test
  void usesAPageSizeOfTwentyFiveByDefaultAndAcceptsUpToTwoHundredFifty() {
    JsonNode page = api.ok("/v2/incident_updates");
    assertEquals(25, page.get("incident_updates").size());
    assertEquals(25, page.get("pagination_meta").get("page_size").asInt());
    assertEquals(250, api.ok("/v2/incident_updates?page_size=250").get("incident_updates").size());
    assertValidationError(api.get("/v2/incident_updates?page_size=251"), "page_size");
    assertValidationError(api.get("/v2/incident_updates?page_size=0"), "page_size");
    assertValidationError(api.get("/v2/incident_updates?page_size=many"), "page_size");
  }

  @Test
  void paginatesAtPageSizesAroundTheNumberOfMatchingRows() {
    String incident = busiestIncident();
    List<String> want = expectedIds(all, u -> u.get("incident_id").asText().equals(incident));
    int n = want.size();
    for (int size : new int[] {1, 2, n - 1, n, n + 1, 2 * n}) {
      TestApi.Walk walk = api.walk("/v2/incident_updates", "incident_updates",
          q("incident_id", incident), size);
      assertEquals(want, walk.ids(), "size " + size);
      assertEquals((n + size - 1) / size, walk.pages().size());
    }
  }

  @Test
  void rejectsUnknownParametersAndCursors() {
    assertValidationError(api.get("/v2/incident_updates?status[one_of]=x"), "status[one_of]");
    assertValidationError(api.get("/v2/incident_updates?after=nope"), "after");
  }

  @Test
  void leavesTheIncidentInTheStatusOfItsLatestUpdate() {
    String incident = busiestIncident();
    JsonNode latest = all.stream().filter(u -> u.get("incident_id").asText().equals(incident))
        .findFirst().orElseThrow();
    ObjectNode row = sim.dataset().incident(incident).orElseThrow();
    assertEquals(row.get("incident_status"), latest.get("new_incident_status"));
  }
}
