package io.incidentql.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that a session's queries get what every JDBC statement gets: the read-only guard, a row
 * cap, cancel, a query timeout, and an end of their work in flight on an interrupt or when the
 * session closes.
 */
class SessionStatementsTest {
  private static final String KEY = "test-key-not-real-0005";
  /** Patient enough that only the stop under test can end a stalled page. */
  private static final String PATIENT_READ = "120";
  private static final Duration STALL = Duration.ofSeconds(60);

  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().seed(21).scale(300, 10, 0, 0).apiKey(KEY)
        .unlimitedRate().build());
    // The first query of a JVM pays for loading and compiling the engine, which would count
    // against the stops and the query timeout below; their queries then plan warm.
    try (IncidentQlSession ql = IncidentQL.connect(config())) {
      assertEquals(300, ql.query("SELECT id FROM alerts").toList().size());
    }
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.faults().clear();
    sim.requestLog().clear();
  }

  private static IncidentQlConfig.Builder config() {
    return IncidentQL.config().baseUrl(sim.baseUrl()).apiKey(KEY)
        .property("readTimeoutSeconds", PATIENT_READ).property("callTimeoutSeconds", "300");
  }

  @Test
  void aWriteIsRefusedAsReadOnlyBeforeAnyRequest() {
    try (IncidentQlSession ql = IncidentQL.connect(config())) {
      IncidentQlException e =
          assertThrows(IncidentQlException.class, () -> ql.query("DELETE FROM alerts"));
      assertEquals("25006", e.sqlState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("IncidentQL is read-only: DELETE statements"),
          e.getMessage());
    }
    assertEquals(List.of(), sim.requestLog().lines());
  }

  @Test
  void maxRowsCapsEveryQueryAndNoPageBeyondIsRequested() {
    try (IncidentQlSession ql = IncidentQL.connect(config().maxRows(3))) {
      assertEquals(3, ql.query("SELECT id FROM alerts").toList().size());
      assertEquals(2, ql.query("SELECT id FROM alerts LIMIT 2").toList().size());
    }
    assertEquals(
        // The cap is not a LIMIT: the page is the query's own, and the one holding the rows.
        List.of("GET /v2/alerts?page_size=50", "GET /v2/alerts?page_size=2"),
        sim.requestLog().lines());
  }

  @Test
  void aQueryWithinTheTimeoutReturnsEveryRow() {
    try (IncidentQlSession ql = IncidentQL.connect(config().queryTimeout(Duration.ofSeconds(30)))) {
      assertEquals(300, ql.query("SELECT id FROM alerts").toList().size());
    }
  }

  @Test
  void theQueryTimeoutEndsAQueryWaitingForAStalledPage() throws Exception {
    IncidentQlException e =
        stalled(config().queryTimeout(Duration.ofMillis(2_500)), ql -> {}, null, true);
    assertEquals("HYT00", e.sqlState(), e.getMessage());
    // Whole seconds, rounded up; long enough that planning, which it bounds too, is done.
    assertTrue(e.getMessage().startsWith("Query timeout of 3 s exceeded"), e.getMessage());
    assertFalse(e.getMessage().contains("planned"), e.getMessage());
  }

  @Test
  void cancelEndsEveryRunningQueryOfTheSessionWhichStaysOpen() throws Exception {
    IncidentQlException e = stalled(config(), IncidentQlSession::cancel, null, true);
    assertEquals("HY008", e.sqlState(), e.getMessage());
  }

  @Test
  void closingTheSessionEndsItsRunningQuery() throws Exception {
    IncidentQlException e = stalled(config(), IncidentQlSession::close, null, false);
    assertEquals("08003", e.sqlState(), e.getMessage());
  }

  @Test
  void anInterruptEndsTheQueryOfTheInterruptedThread() throws Exception {
    IncidentQlException e = stalled(config(), ql -> {}, Thread::interrupt, true);
    assertEquals("HY008", e.sqlState(), e.getMessage());
  }

  /**
   * Runs a scan whose first page stalls for a minute on a thread of its own, then, once the
   * request is on the wire, stops it with {@code stopSession} and {@code stopThread} (either may
   * do nothing); returns what the query failed with, within five seconds, after checking that no
   * request came after the stop and, if it {@code staysOpen}, that the session still runs queries.
   */
  private static IncidentQlException stalled(
      IncidentQlConfig.Builder config,
      Consumer<IncidentQlSession> stopSession,
      Consumer<Thread> stopThread,
      boolean staysOpen)
      throws Exception {
    sim.faults().next().onPath("/v2/alerts").stallBody(STALL);
    IncidentQlSession ql = IncidentQL.connect(config);
    try {
      CompletableFuture<RuntimeException> failure = new CompletableFuture<>();
      Thread query = new Thread(() -> {
        try {
          ql.query("SELECT id FROM alerts").toList();
          failure.complete(null);
        } catch (RuntimeException e) {
          failure.complete(e);
        }
      }, "session-test-query");
      query.setDaemon(true);
      query.start();
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        while (sim.requestLog().size() == 0) {
          Thread.sleep(5);
        }
      });
      RuntimeException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
        stopSession.accept(ql);
        if (stopThread != null) {
          stopThread.accept(query);
        }
        return failure.get();
      });
      assertNotNull(e, "the query ended without an error");
      Thread.sleep(300);
      assertEquals(1, sim.requestLog().size(), () -> "requests after the stop: "
          + sim.requestLog().lines());
      if (staysOpen) {
        assertEquals(300, ql.query("SELECT id FROM alerts").toList().size());
      }
      return assertInstanceOf(IncidentQlException.class, e);
    } finally {
      ql.close();
    }
  }
}
