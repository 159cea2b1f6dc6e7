package io.incidentql.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incidentql.jdbc.SimulatorConnections;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests that DSL queries compile to the relational plans SQL would give: scan, filter, aggregate,
 * project, sort and limit, with literals typed like the columns they meet. Compiling and
 * explaining send no request.
 */
class DslCompilerTest {
  private static final Instant NOW = Instant.parse("2025-01-10T12:00:00Z");
  private static Simulator sim;
  private static Connection connection;
  private static DslEngine engine;

  @BeforeAll
  static void open() throws Exception {
    sim = DslTestConnections.start(SimulatorConfig.builder().seed(4).scale(10, 10, 10, 10));
    connection = DslTestConnections.connect(sim);
    engine = DslTestConnections.engine(connection);
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
    sim.close();
  }

  @AfterEach
  void nothingWasRequested() {
    assertEquals(List.of(), sim.requestLog().lines());
  }

  private static String plan(String dsl) throws Exception {
    return plan(dsl, Map.of());
  }

  private static String plan(String dsl, Map<String, ?> params) throws Exception {
    return RelOptUtil.toString(engine.compile(dsl, params, NOW));
  }

  private static String sqlExplain(String sql) throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void aFilterWithInAndATimestampBecomesOneFilterOverTheScan() throws Exception {
    assertEquals(
        "LogicalSort(fetch=[20])\n"
            + "  LogicalProject(id=[$0], title=[$8])\n"
            + "    LogicalFilter(condition=[AND(SEARCH($7, Sarg['firing':VARCHAR, 'resolved':VARCHAR]:VARCHAR),"
            + " >($2, 2024-06-01 00:00:00))])\n"
            + "      IncidentIoTableScan(table=[[incidentio, alerts]], requests=[GET /v2/alerts?page_size=50])\n",
        plan("SELECT id, title FROM alerts WHERE status IN ('firing', 'resolved')"
            + " AND created_at > TIMESTAMP '2024-06-01 00:00:00' LIMIT 20"));
  }

  @Test
  void listParametersExpandInsideInAndRelativeTimesResolveAgainstNow() throws Exception {
    assertEquals(
        "LogicalSort(fetch=[20])\n"
            + "  LogicalProject(id=[$0], title=[$8])\n"
            + "    LogicalFilter(condition=[AND(SEARCH($7, Sarg['firing':VARCHAR, 'resolved':VARCHAR]:VARCHAR),"
            + " >($2, 2025-01-03 12:00:00))])\n"
            + "      IncidentIoTableScan(table=[[incidentio, alerts]], requests=[GET /v2/alerts?page_size=50])\n",
        plan("SELECT id, title FROM alerts WHERE status IN (:statuses) AND created_at > now() - 7d LIMIT 20",
            Map.of("statuses", List.of("firing", "resolved"))));
  }

  @Test
  void groupingWithHavingAndOrderByAliasIsAnAggregateBetweenFilters() throws Exception {
    assertEquals(
        "LogicalSort(sort0=[$1], dir0=[DESC])\n"
            + "  LogicalProject(status=[$0], n=[$1])\n"
            + "    LogicalFilter(condition=[>($1, 1)])\n"
            + "      LogicalAggregate(group=[{7}], n=[COUNT()])\n"
            + "        IncidentIoTableScan(table=[[incidentio, alerts]], requests=[GET /v2/alerts?page_size=50])\n",
        plan("SELECT status, count(*) AS n FROM alerts GROUP BY status HAVING count(*) > 1 ORDER BY n DESC"));
  }

  @Test
  void orderingByAColumnNotSelectedSortsOnAHiddenFieldThatIsProjectedAway() throws Exception {
    assertEquals(
        "LogicalProject(reference=[$0])\n"
            + "  LogicalSort(sort0=[$1], sort1=[$0], dir0=[DESC-nulls-last], dir1=[ASC], offset=[2], fetch=[5])\n"
            + "    LogicalProject(reference=[$42], order$2=[$2])\n"
            + "      LogicalFilter(condition=[OR(SEARCH($47, Sarg[[1L:BIGINT..3L:BIGINT]]:BIGINT),"
            + " LIKE($38, '%db%':VARCHAR))])\n"
            + "        IncidentIoTableScan(table=[[incidentio, incidents]], requests=[GET /v2/incidents?"
            + "page_size=250&" + SimulatorConnections.EVERY_MODE_AND_CATEGORY + "])\n",
        plan("SELECT reference FROM incidents WHERE severity_rank BETWEEN 1 AND 3 OR name LIKE '%db%'"
            + " ORDER BY created_at DESC NULLS LAST, reference LIMIT 5 OFFSET 2"));
  }

  @Test
  void anAliasQualifiesColumnsAndNotIsSimplifiedAway() throws Exception {
    assertEquals(
        "LogicalProject(id=[$0])\n"
            + "  LogicalSort(sort0=[$1], dir0=[ASC])\n"
            + "    LogicalProject(id=[$0], order$2=[$8])\n"
            + "      LogicalFilter(condition=[AND(IS NULL($5), =($7, 'firing'))])\n"
            + "        IncidentIoTableScan(table=[[incidentio, alerts]], requests=[GET /v2/alerts?page_size=50])\n",
        plan("SELECT a.id FROM alerts a WHERE a.resolved_at IS NULL AND NOT (status <> 'firing') ORDER BY title"));
  }

  @Test
  void groupingByAnExpressionProjectsItBeforeTheAggregate() throws Exception {
    assertEquals(
        "LogicalProject(s=[$0], max=[$1])\n"
            + "  LogicalAggregate(group=[{1}], max=[MAX($0)])\n"
            + "    LogicalProject(created_at=[$2], $f11=[UPPER($7)])\n"
            + "      IncidentIoTableScan(table=[[incidentio, alerts]], requests=[GET /v2/alerts?page_size=50])\n",
        plan("SELECT upper(status) AS s, max(created_at) FROM alerts GROUP BY upper(status)"));
  }

  @Test
  void aStringComparedWithATimestampColumnIsReadAsATimestamp() throws Exception {
    assertEquals(plan("SELECT id FROM alerts WHERE created_at >= TIMESTAMP '2024-06-01 00:00:00'"),
        plan("SELECT id FROM alerts WHERE created_at >= '2024-06-01T00:00:00Z'"));
    assertEquals(plan("SELECT id FROM alerts WHERE created_at >= TIMESTAMP '2024-06-01 00:00:00'"),
        plan("SELECT id FROM alerts WHERE created_at >= DATE '2024-06-01'"));
  }

  @Test
  void theOptimizedPlanIsTheOneSqlGets() throws Exception {
    for (String query : List.of(
        "SELECT id, title FROM alerts WHERE status IN ('firing', 'resolved')"
            + " AND created_at > TIMESTAMP '2024-06-01 00:00:00' LIMIT 20",
        "SELECT status, count(*) AS n FROM alerts GROUP BY status HAVING count(*) > 1 ORDER BY n DESC",
        "SELECT id FROM incident_updates WHERE incident_id = 'x' LIMIT 3",
        "SELECT reference, name FROM incidents WHERE incident_status_category IN ('live', 'closed')")) {
      RelNode plan = engine.compile(query, Map.of(), NOW);
      assertEquals(sqlExplain(query), engine.explain(plan), query);
    }
  }
}
