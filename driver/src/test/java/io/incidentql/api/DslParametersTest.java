package io.incidentql.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that a DSL query's parameters are bound as a JDBC {@code ?} is: pushed into the same
 * requests as the SQL prepared statement sends, and planned once whatever their values.
 */
class DslParametersTest {
  private static final String KEY = "test-key-not-real-0017";

  private static Simulator sim;
  private final AtomicInteger plans = new AtomicInteger();
  private Hook.Closeable counting;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().seed(23).scale(120, 10, 0, 0).apiKey(KEY)
        .unlimitedRate().build());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void countPlans() {
    sim.requestLog().clear();
    // The optimizer hands each plan it makes to this hook once, before generating its code.
    counting = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((Consumer<Object>) root -> plans.incrementAndGet());
  }

  @AfterEach
  void stopCounting() {
    counting.close();
  }

  /** The ids a DSL query returns, and the requests it sent. */
  private static List<String> dsl(IncidentQlSession ql, String query, Map<String, ?> params) {
    sim.requestLog().clear();
    try (QueryResult rows = ql.query(query, params)) {
      return rows.stream().map(r -> r.getString(0)).toList();
    }
  }

  /** The ids the SQL prepared statement returns for one value, and leaves its requests logged. */
  private static List<String> sql(String query, Object value) throws SQLException {
    sim.requestLog().clear();
    List<String> ids = new ArrayList<>();
    // Both sides send their requests: none is answered from the response cache.
    try (Connection c = DriverManager.getConnection(
            "jdbc:incidentio:baseUrl=" + sim.baseUrl() + ";cacheTtlSeconds=0", "", KEY);
        PreparedStatement ps = c.prepareStatement(query)) {
      ps.setObject(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  @Test
  void aTextParameterIsPushedAsSqlPushesItsQuestionMarkAndPlannedOnce() throws Exception {
    try (IncidentQlSession ql = IncidentQL.connect(IncidentQL.config().baseUrl(sim.baseUrl()).apiKey(KEY)
        .property("cacheTtlSeconds", "0"))) {
      for (String status : List.of("firing", "resolved")) {
        List<String> viaDsl = dsl(ql, "SELECT id FROM alerts WHERE status = :s", Map.of("s", status));
        List<String> dslRequests = sim.requestLog().lines();
        assertFalse(viaDsl.isEmpty(), status);
        assertTrue(dslRequests.get(0).contains("status[one_of]=" + status), dslRequests.toString());
        int planned = plans.get();
        assertEquals(viaDsl, sql("SELECT id FROM alerts WHERE status = ?", status));
        assertEquals(sim.requestLog().lines(), dslRequests);
        plans.set(planned);
      }
    }
    assertEquals(1, plans.get(), "one plan for both values");
  }

  @Test
  void aTimestampParameterIsPushedAsSqlPushesItsQuestionMarkAndPlannedOnce() throws Exception {
    try (IncidentQlSession ql = IncidentQL.connect(IncidentQL.config().baseUrl(sim.baseUrl()).apiKey(KEY)
        .property("cacheTtlSeconds", "0"))) {
      for (String since : List.of("2024-12-01T00:00:00Z", "2024-12-20T12:00:00Z")) {
        Instant at = Instant.parse(since);
        List<String> viaDsl = dsl(ql, "SELECT id FROM alerts WHERE created_at >= :since",
            Map.of("since", at));
        List<String> dslRequests = sim.requestLog().lines();
        assertFalse(viaDsl.isEmpty(), since);
        assertTrue(dslRequests.get(0).contains("created_at[gte]=" + since.substring(0, 10)),
            dslRequests.toString());
        int planned = plans.get();
        assertEquals(viaDsl, sql("SELECT id FROM alerts WHERE created_at >= ?", Timestamp.from(at)));
        assertEquals(sim.requestLog().lines(), dslRequests);
        plans.set(planned);
      }
    }
    assertEquals(1, plans.get(), "one plan for both values");
  }
}
