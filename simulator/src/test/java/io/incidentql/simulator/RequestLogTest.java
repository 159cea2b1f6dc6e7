package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests of the request log that other tests assert on. */
class RequestLogTest {
  private static Simulator sim;
  private static TestApi api;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().scale(100, 50, 20, 50)
        .apiKey("secret-test-key").requestLogCapacity(5).build());
    api = new TestApi(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void clear() {
    sim.requestLog().clear();
  }

  private static TestApi.Answer get(String pathAndQuery) {
    return api.get(pathAndQuery, "Bearer secret-test-key");
  }

  @Test
  void recordsMethodPathDecodedParametersInOrderAndStatus() {
    get("/v2/alerts" + q("page_size", "50", "status[one_of]", "firing"));
    LoggedRequest request = sim.requestLog().last().orElseThrow();
    assertEquals("GET", request.method());
    assertEquals("/v2/alerts", request.path());
    assertEquals(List.of(new LoggedRequest.Param("page_size", "50"),
        new LoggedRequest.Param("status[one_of]", "firing")), request.params());
    assertEquals(200, request.status());
    assertEquals("GET /v2/alerts?page_size=50&status[one_of]=firing", request.toString());
  }

  @Test
  void decodesReservedAndNonAsciiCharacters() {
    get("/v2/alerts" + q("page_size", "5", "deduplication_key[is]", "a&b=c %41+1 é 🔥"));
    LoggedRequest request = sim.requestLog().last().orElseThrow();
    assertEquals(Optional.of("a&b=c %41+1 é 🔥"), request.param("deduplication_key[is]"));
    assertEquals("GET /v2/alerts?page_size=5&deduplication_key[is]=a&b=c %41+1 é 🔥",
        request.toString());
  }

  @Test
  void keepsRepeatedParametersInTheOrderSent() {
    get("/v2/incidents" + q("mode[one_of]", "test", "page_size", "3", "mode[one_of]", "tutorial"));
    LoggedRequest request = sim.requestLog().last().orElseThrow();
    assertEquals(List.of("test", "tutorial"), request.params("mode[one_of]"));
    assertEquals("GET /v2/incidents?mode[one_of]=test&page_size=3&mode[one_of]=tutorial",
        request.toString());
  }

  @Test
  void recordsTheStatusOfFailedRequests() {
    api.get("/v2/incidents", null);
    get("/v2/alerts");
    get("/v2/unknown");
    get("/v2/alerts/NOPE");
    assertEquals(List.of(401, 422, 404, 404),
        sim.requestLog().requests().stream().map(LoggedRequest::status).toList());
  }

  @Test
  void neverRecordsTheApiKey() {
    get("/v2/incidents");
    api.get("/v2/incidents", "Bearer another-secret");
    for (LoggedRequest r : sim.requestLog().requests()) {
      assertFalse(r.toString().contains("secret"), r.toString());
    }
  }

  @Test
  void recordsARequestBeforeItsResponseArrives() {
    for (int i = 0; i < 3; i++) {
      get("/v2/incident_updates?page_size=" + (i + 1));
      assertEquals(i + 1, sim.requestLog().size());
      assertEquals("GET /v2/incident_updates?page_size=" + (i + 1),
          sim.requestLog().last().orElseThrow().toString());
    }
  }

  @Test
  void filtersByPathAndListsLines() {
    get("/v2/incidents?page_size=1");
    get("/v2/alerts?page_size=1");
    get("/v2/incidents?page_size=2");
    assertEquals(List.of("GET /v2/incidents?page_size=1", "GET /v2/incidents?page_size=2"),
        sim.requestLog().requestsTo("/v2/incidents").stream().map(Object::toString).toList());
    assertEquals(List.of("GET /v2/incidents?page_size=1", "GET /v2/alerts?page_size=1",
        "GET /v2/incidents?page_size=2"), sim.requestLog().lines());
  }

  @Test
  void clearsOnRequest() {
    get("/v2/incidents");
    sim.requestLog().clear();
    assertEquals(0, sim.requestLog().size());
    assertEquals(0, sim.requestLog().totalCount());
    assertTrue(sim.requestLog().last().isEmpty());
  }

  @Test
  void keepsOnlyTheLatestEntriesButCountsThemAll() {
    for (int i = 1; i <= 7; i++) {
      get("/v2/incidents?page_size=" + i);
    }
    assertEquals(5, sim.requestLog().size());
    assertEquals(7, sim.requestLog().totalCount());
    assertEquals("GET /v2/incidents?page_size=3", sim.requestLog().requests().get(0).toString());
  }

  @Test
  void handsOutImmutableEntries() {
    get("/v2/incidents?page_size=1");
    LoggedRequest request = sim.requestLog().last().orElseThrow();
    assertThrows(UnsupportedOperationException.class,
        () -> request.params().add(new LoggedRequest.Param("x", "y")));
    assertThrows(UnsupportedOperationException.class, () -> sim.requestLog().requests().clear());
  }

  @Test
  void printsARequestWithoutParametersWithoutQuestionMark() {
    get("/v2/incidents");
    assertEquals("GET /v2/incidents", sim.requestLog().last().orElseThrow().toString());
  }
}
