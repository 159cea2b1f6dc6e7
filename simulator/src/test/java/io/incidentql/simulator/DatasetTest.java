package io.incidentql.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.data.DataGenerator;
import io.incidentql.simulator.data.Tables;
import io.incidentql.simulator.data.Ulid;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tests of the generated data: determinism, scale, copies handed out and links between rows. */
class DatasetTest {
  private static Dataset generate(long seed, int alerts, int incidents, int links, int updates) {
    return new Dataset(DataGenerator.generate(seed, alerts, incidents, links, updates));
  }

  private static String text(List<ObjectNode> rows) throws Exception {
    return TestApi.JSON.writeValueAsString(rows);
  }

  @Test
  void givesTheSameJsonForTheSameSeed() throws Exception {
    Dataset a = generate(7, 2000, 1000, 1500, 4000);
    Dataset b = generate(7, 2000, 1000, 1500, 4000);
    assertEquals(text(a.alerts()), text(b.alerts()));
    assertEquals(text(a.incidents()), text(b.incidents()));
    assertEquals(text(a.incidentAlerts()), text(b.incidentAlerts()));
    assertEquals(text(a.incidentUpdates()), text(b.incidentUpdates()));
  }

  @Test
  void servesTheSameBytesFromTwoSimulatorsWithTheSameSeed() {
    SimulatorConfig config = SimulatorConfig.builder().seed(42).scale(300, 200, 100, 300).build();
    try (Simulator one = Simulator.start(config); Simulator two = Simulator.start(config)) {
      for (String path : List.of("/v2/alerts?page_size=50", "/v2/incidents?page_size=100",
          "/v2/incident_alerts?page_size=50", "/v2/incident_updates?page_size=100")) {
        assertEquals(new TestApi(one).get(path).raw(), new TestApi(two).get(path).raw(), path);
      }
    }
  }

  @Test
  void givesOtherDataForAnotherSeed() throws Exception {
    assertNotEquals(text(generate(1, 100, 50, 50, 50).alerts()),
        text(generate(2, 100, 50, 50, 50).alerts()));
  }

  @Test
  void hasTheDefaultScale() {
    try (Simulator sim = Simulator.start()) {
      Dataset data = sim.dataset();
      assertEquals(1, data.seed());
      assertEquals(2000, data.alerts().size());
      assertEquals(1000, data.incidents().size());
      assertEquals(1500, data.incidentAlerts().size());
      assertEquals(4000, data.incidentUpdates().size());
    }
  }

  @Test
  void copesWithEmptyTables() {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().scale(0, 0, 10, 10).build())) {
      TestApi api = new TestApi(sim);
      assertEquals(0, api.ok("/v2/alerts?page_size=5").get("alerts").size());
      JsonNode incidents = api.ok("/v2/incidents");
      assertEquals(0, incidents.get("pagination_meta").get("total_record_count").asInt());
      assertEquals(0, api.ok("/v2/incident_alerts?page_size=5").get("incident_alerts").size());
      assertEquals(0, api.ok("/v2/incident_updates").get("incident_updates").size());
    }
  }

  @Test
  void handsOutCopiesThatCallersMayChange() {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().scale(10, 10, 5, 10).build())) {
      ObjectNode first = sim.dataset().alerts().get(0);
      String id = first.get("id").asText();
      first.put("title", "changed");
      assertNotEquals("changed", sim.dataset().alerts().get(0).get("title").asText());
      assertNotEquals("changed", new TestApi(sim).ok("/v2/alerts/" + id).get("alert").get("title").asText());
      assertThrows(UnsupportedOperationException.class, () -> sim.dataset().alerts().remove(0));
    }
  }

  @Test
  void showsEachAlertAsTheListDoes() {
    Dataset data = generate(3, 300, 50, 50, 50);
    for (ObjectNode alert : data.alerts()) {
      assertEquals(alert, data.alert(alert.get("id").asText()).orElseThrow());
    }
    assertTrue(data.alert("nope").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> data.isHeldByMaintenanceWindow("nope"));
  }

  @Test
  void usesTimeOrderedUlidsMatchingCreationTimes() {
    Dataset data = generate(5, 1000, 300, 300, 600);
    for (List<ObjectNode> rows : List.of(data.alerts(), data.incidents(), data.incidentUpdates())) {
      for (ObjectNode row : rows) {
        String id = row.get("id").asText();
        assertTrue(Ulid.isWellFormed(id), id);
        assertEquals(Instant.parse(row.get("created_at").asText()).toEpochMilli(), Ulid.timeOf(id));
      }
    }
    data.incidentAlerts().forEach(r -> assertTrue(Ulid.isWellFormed(r.get("id").asText())));
  }

  @Test
  void linksOnlyRowsThatExist() {
    Dataset data = generate(9, 1000, 400, 600, 1200);
    Set<String> alerts = ids(data.alerts());
    Set<String> incidents = ids(data.incidents());
    Set<String> pairs = new HashSet<>();
    for (ObjectNode link : data.incidentAlerts()) {
      String alert = link.get("alert").get("id").asText();
      String incident = link.get("incident").get("id").asText();
      assertTrue(alerts.contains(alert));
      assertTrue(incidents.contains(incident));
      assertTrue(pairs.add(alert + "/" + incident), "one link per pair");
      ObjectNode full = data.incident(incident).orElseThrow();
      assertEquals(full.get("reference").asText(), "INC-" + link.get("incident").get("external_id").asInt());
    }
    for (ObjectNode update : data.incidentUpdates()) {
      assertTrue(incidents.contains(update.get("incident_id").asText()));
      if (update.has("merged_into_incident_id")) {
        assertTrue(incidents.contains(update.get("merged_into_incident_id").asText()));
        assertEquals("merged", update.get("new_incident_status").get("category").asText());
      }
      JsonNode alert = update.get("updater").get("alert");
      if (alert != null) {
        assertEquals(data.alert(alert.get("id").asText()).orElseThrow().get("title"), alert.get("title"));
      }
    }
    for (ObjectNode incident : data.incidents()) {
      JsonNode alert = incident.get("creator").get("alert");
      if (alert != null) {
        assertTrue(alerts.contains(alert.get("id").asText()));
      }
      assertFalse(Instant.parse(incident.get("updated_at").asText())
          .isBefore(Instant.parse(incident.get("created_at").asText())));
    }
  }

  @Test
  void givesIncidentsSeveralUpdatesWithinTheirLifetime() {
    Dataset data = generate(1, 500, 200, 100, 800);
    Map<String, Integer> counts = new HashMap<>();
    for (ObjectNode update : data.incidentUpdates()) {
      String incidentId = update.get("incident_id").asText();
      counts.merge(incidentId, 1, Integer::sum);
      ObjectNode incident = data.incident(incidentId).orElseThrow();
      Instant at = Instant.parse(update.get("created_at").asText());
      assertFalse(at.isBefore(Instant.parse(incident.get("created_at").asText())));
      assertFalse(at.isAfter(Instant.parse(incident.get("updated_at").asText())));
    }
    assertTrue(counts.values().stream().anyMatch(n -> n >= 4));
  }

  @Test
  void scalesToTwoHundredThousandAlertsInSeconds() {
    long start = System.nanoTime();
    Tables tables = DataGenerator.generate(11, 200_000, 1000, 1500, 4000);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertEquals(200_000, tables.alerts().size());
    // A generous bound: generation takes about two seconds; a minute would mean a regression.
    assertTrue(seconds < 60, "took " + seconds + " s");
  }

  @Test
  void pagesDeepIntoTwoHundredThousandAlertsQuickly() {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().alerts(200_000)
        .scale(200_000, 50, 20, 50).unlimitedRate().build())) {
      List<ObjectNode> alerts = sim.dataset().alerts();
      String cursor = alerts.get(199_990).get("id").asText();
      JsonNode page = new TestApi(sim).ok("/v2/alerts?page_size=50&after=" + cursor);
      assertEquals(9, page.get("alerts").size());
      assertEquals(alerts.get(199_999).get("id"), page.get("alerts").get(8).get("id"));
      assertFalse(page.get("pagination_meta").has("after"));
    }
  }

  private static Set<String> ids(List<ObjectNode> rows) {
    Set<String> out = new HashSet<>();
    rows.forEach(r -> out.add(r.get("id").asText()));
    return out;
  }
}
