package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests that queries differing only in string literals the API never sees share one plan, and
 * that each still returns its own rows and sends its own requests.
 */
class PlanReuseTest {
  private static Simulator sim;
  private Connection connection;
  private final AtomicInteger plans = new AtomicInteger();
  private Hook.Closeable counting;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(5).scale(200, 120, 60, 200).unlimitedRate());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void open() throws SQLException {
    connection = SimulatorConnections.connect(sim);
    // Calcite converts SQL to relational algebra once per statement it plans.
    counting = Hook.CONVERTED.addThread((Consumer<Object>) rel -> plans.incrementAndGet());
  }

  @AfterEach
  void close() throws SQLException {
    counting.close();
    connection.close();
  }

  private List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String reference(int i) {
    return sim.dataset().incidents().get(i).path("reference").asText();
  }

  @Test
  void queriesDifferingInALocalLiteralArePlannedOnceAndAnswerEachTheirOwn() throws SQLException {
    String template = "SELECT reference, name FROM incidents WHERE name = '%s' AND summary <> 'x%d'";
    for (int n = 0; n < 5; n++) {
      final int i = n;
      sim.requestLog().clear();
      String name = sim.dataset().incidents().get(i).path("name").asText();
      List<String> expected = SimulatorConnections.tableIncidents(sim).stream()
          .filter(x -> x.path("name").asText().equals(name)
              && x.hasNonNull("summary") && !x.path("summary").asText().equals("x" + i))
          .map(x -> x.path("reference").asText()).sorted().toList();
      List<String> got = new java.util.ArrayList<>(rows(String.format(template, name.replace("'", "''"), i)));
      got.sort(null);
      assertEquals(expected, got);
      assertTrue(sim.requestLog().lines().stream().noneMatch(l -> l.contains("name")),
          sim.requestLog().lines().toString());
    }
    assertEquals(1, plans.get(), "one plan for the five queries");
  }

  @Test
  void anInListAndLikeOnLocalColumnsShareAPlanToo() throws SQLException {
    List<String> a = namesIn(0, 1);
    List<String> b = namesIn(2, 3);
    assertEquals(referencesNamed(0, 1), a);
    assertEquals(referencesNamed(2, 3), b);
    assertEquals(1, plans.get());
  }

  private List<String> namesIn(int i, int j) throws SQLException {
    return rows("SELECT reference FROM incidents WHERE name IN ('" + name(i).replace("'", "''")
        + "', '" + name(j).replace("'", "''") + "') AND visibility LIKE '%' ORDER BY reference");
  }

  private static String name(int i) {
    return sim.dataset().incidents().get(i).path("name").asText();
  }

  private static List<String> referencesNamed(int i, int j) {
    return SimulatorConnections.tableIncidents(sim).stream()
        .filter(x -> List.of(name(i), name(j)).contains(x.path("name").asText()))
        .map(x -> x.path("reference").asText()).sorted().toList();
  }

  @Test
  void literalsOnPushedColumnsArePlannedEachTimeAndSentToTheApi() throws SQLException {
    for (String status : List.of("firing", "resolved")) {
      sim.requestLog().clear();
      long expected = sim.dataset().alerts().stream()
          .filter(a -> a.path("status").asText().equals(status)).count();
      assertEquals(List.of(Long.toString(expected)),
          rows("SELECT COUNT(*) FROM alerts WHERE status = '" + status + "'"));
      assertTrue(sim.requestLog().lines().get(0).contains("status[one_of]=" + status),
          sim.requestLog().lines().toString());
    }
    assertEquals(2, plans.get());
  }

  @Test
  void aLiteralComparedWithANumberIsPlannedAsWritten() throws SQLException {
    ObjectNode incident = sim.dataset().incidents().get(0);
    String rank = incident.path("severity").path("rank").asText();
    List<String> got = rows("SELECT COUNT(*) FROM incidents WHERE severity_rank = '" + rank + "'");
    long expected = SimulatorConnections.tableIncidents(sim).stream()
        .filter(i -> i.path("severity").path("rank").asText().equals(rank)).count();
    assertEquals(List.of(Long.toString(expected)), got);
  }

  @Test
  void anErrorReadsAsForTheTextAsWritten() {
    SQLException e = assertThrows(SQLException.class,
        () -> rows("SELECT nope FROM incidents WHERE name = 'x'"));
    assertTrue(e.getMessage().contains("line 1, column 8"), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("nope"), e.getMessage());
  }

  @Test
  void planCacheZeroPlansEveryStatement() throws SQLException {
    try (Connection c = java.sql.DriverManager.getConnection(
            SimulatorConnections.url(sim) + ";planCache=0", "", SimulatorConnections.TEST_KEY);
        Statement s = c.createStatement()) {
      for (int i = 0; i < 3; i++) {
        try (ResultSet rs = s.executeQuery(
            "SELECT COUNT(*) FROM incidents WHERE reference = '" + reference(i) + "'")) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
        }
      }
    }
    assertEquals(3, plans.get());
  }

  @Test
  void theSameTextRunAgainIsNotPlannedAgain() throws SQLException {
    String sql = "SELECT COUNT(*) FROM incidents WHERE mode = 'standard'";
    List<String> first = rows(sql);
    assertEquals(first, rows(sql));
    assertEquals(1, plans.get());
  }

  @Test
  void eachConnectionPlansForItself() throws SQLException {
    String sql = "SELECT COUNT(*) FROM incidents WHERE name <> 'x'";
    rows(sql);
    try (Connection other = SimulatorConnections.connect(sim);
        Statement s = other.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
    }
    assertEquals(2, plans.get());
  }

  @Test
  void theEngineOfAConnectionNeverClosedIsNotHeldByThePlanCache() throws Exception {
    // The plans of a connection live in its engine, not in a map of the driver's: a connection
    // dropped without close() leaves nothing behind that keeps its engine.
    Connection dropped = SimulatorConnections.connect(sim);
    try (Statement s = dropped.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidents WHERE name <> 'y'")) {
      assertTrue(rs.next());
    }
    WeakReference<Object> engine = new WeakReference<>(dropped.unwrap(CalciteConnection.class));
    dropped = null;
    for (int i = 0; i < 50 && engine.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(null, engine.get(), "the engine of the dropped connection was collected");
  }
}
