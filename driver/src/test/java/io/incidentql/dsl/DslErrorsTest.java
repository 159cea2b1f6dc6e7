package io.incidentql.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.incidentql.grammar.DslException;
import io.incidentql.grammar.DslSemanticException;
import io.incidentql.grammar.DslSyntaxException;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests that every mistake the semantic checks catch is reported with its exact message: what is
 * wrong, where (line:column and a caret), and the nearest valid name when one is close. None of
 * them sends a request.
 */
class DslErrorsTest {
  private static Simulator sim;
  private static Connection connection;
  private static DslEngine engine;
  private static final Instant NOW = Instant.parse("2025-01-10T12:00:00Z");

  @BeforeAll
  static void open() throws Exception {
    sim = DslTestConnections.start(SimulatorConfig.builder().seed(2).scale(20, 10, 10, 10));
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

  private static String error(String query) {
    return error(query, Map.of());
  }

  private static String error(String query, Map<String, ?> params) {
    DslException e = assertThrows(DslException.class, () -> engine.compile(query, params, NOW));
    return e.getMessage();
  }

  @Test
  void anUnknownTableIsNamedWithTheNearestTable() {
    assertEquals("line 1:16: table 'alert' not found; did you mean 'alerts'?\n"
        + "SELECT id FROM alert\n"
        + "               ^", error("SELECT id FROM alert"));
  }

  @Test
  void anUnknownTableFarFromAnyNameGetsNoSuggestion() {
    assertEquals("line 1:16: table 'pagerduty' not found\n"
        + "SELECT id FROM pagerduty\n"
        + "               ^", error("SELECT id FROM pagerduty"));
  }

  @Test
  void anUnknownColumnIsNamedWithTheNearestColumnOfItsTable() {
    assertEquals("line 2:7: column 'stauts' not found in table 'alerts'; did you mean 'status'?\n"
        + "WHERE stauts = 'firing'\n"
        + "      ^", error("SELECT id FROM alerts\nWHERE stauts = 'firing'"));
  }

  @Test
  void aQuotedNameMustMatchExactly() {
    DslSemanticException e = assertThrows(DslSemanticException.class,
        () -> engine.compile("SELECT \"Title\" FROM alerts", Map.of(), NOW));
    assertEquals("column 'Title' not found in table 'alerts'; did you mean 'title'?", e.reason());
    assertEquals(8, e.column());
  }

  @Test
  void anUnknownQualifierIsReported() {
    assertEquals("line 1:8: table or alias 'alert' not found; did you mean 'alerts'?\n"
        + "SELECT alert.id FROM alerts\n"
        + "       ^", error("SELECT alert.id FROM alerts"));
  }

  @Test
  void aTimestampColumnComparedWithTextThatIsNoTimestampIsATypeError() {
    assertEquals("line 1:42: cannot compare TIMESTAMP column 'created_at' with string 'yesterday', which is"
        + " not a timestamp (write e.g. '2025-01-01T10:00:00Z' or TIMESTAMP '2025-01-01 10:00:00')\n"
        + "SELECT id FROM alerts WHERE created_at > 'yesterday'\n"
        + "                                         ^", error("SELECT id FROM alerts WHERE created_at > 'yesterday'"));
  }

  @Test
  void aNumberColumnComparedWithAStringIsATypeError() {
    assertEquals("line 1:48: cannot compare BIGINT column 'severity_rank' with string '12'\n"
        + "SELECT id FROM incidents WHERE severity_rank = '12'\n"
        + "                                               ^", error("SELECT id FROM incidents WHERE severity_rank = '12'"));
  }

  @Test
  void aStringColumnComparedWithANumberIsATypeError() {
    assertEquals("line 1:38: cannot compare VARCHAR column 'status' with number 3\n"
        + "SELECT id FROM alerts WHERE status = 3\n"
        + "                                     ^", error("SELECT id FROM alerts WHERE status = 3"));
  }

  @Test
  void twoColumnsOfDifferentTypesCannotBeCompared() {
    assertEquals("cannot compare VARCHAR column 'title' with TIMESTAMP column 'created_at'",
        reason("SELECT id FROM alerts WHERE title = created_at"));
  }

  @Test
  void aParameterWithoutAValueIsReportedWithTheNearestBoundName() {
    assertEquals("line 1:40: parameter :statuses is not bound; did you mean ':status'?\n"
        + "SELECT id FROM alerts WHERE status IN (:statuses)\n"
        + "                                       ^",
        error("SELECT id FROM alerts WHERE status IN (:statuses)", Map.of("status", "firing")));
  }

  @Test
  void aListParameterOutsideInIsRefused() {
    assertEquals("line 1:38: parameter :s is bound to a list, which is allowed only as an element of IN (...)\n"
        + "SELECT id FROM alerts WHERE status = :s\n"
        + "                                     ^",
        error("SELECT id FROM alerts WHERE status = :s", Map.of("s", List.of("firing"))));
  }

  @Test
  void aParameterOfTheWrongTypeIsATypeError() {
    assertEquals("cannot compare TIMESTAMP column 'created_at' with parameter :since (boolean TRUE)",
        reason("SELECT id FROM alerts WHERE created_at > :since", Map.of("since", true)));
  }

  @Test
  void anAggregateInWhereIsRefused() {
    assertEquals("line 1:29: aggregate function COUNT is not allowed in WHERE\n"
        + "SELECT id FROM alerts WHERE count(*) > 1\n"
        + "                            ^", error("SELECT id FROM alerts WHERE count(*) > 1"));
  }

  @Test
  void aColumnNeitherGroupedNorAggregatedIsRefused() {
    assertEquals("line 1:16: column 'title' must appear in GROUP BY or be used in an aggregate function\n"
        + "SELECT status, title, count(*) FROM alerts GROUP BY status\n"
        + "               ^", error("SELECT status, title, count(*) FROM alerts GROUP BY status"));
  }

  @Test
  void nestedAggregatesAreRefused() {
    assertEquals("aggregate function COUNT cannot be nested inside another aggregate function",
        reason("SELECT max(count(*)) FROM alerts"));
  }

  @Test
  void sumOfTextIsATypeError() {
    assertEquals("SUM needs a number, but VARCHAR column 'title' is VARCHAR",
        reason("SELECT sum(title) FROM alerts"));
  }

  @Test
  void whereNeedsACondition() {
    assertEquals("WHERE needs a condition, but VARCHAR column 'title' is VARCHAR",
        reason("SELECT id FROM alerts WHERE title"));
  }

  @Test
  void anUnknownFunctionIsNamedWithTheNearestFunction() {
    assertEquals("line 1:8: function 'lowr' not found; did you mean 'lower'?\n"
        + "SELECT lowr(title) FROM alerts\n"
        + "       ^", error("SELECT lowr(title) FROM alerts"));
  }

  @Test
  void anOrderByPositionOutsideTheSelectListIsRefused() {
    assertEquals("ORDER BY position 3 is not in the select list (1 to 2)",
        reason("SELECT id, title FROM alerts ORDER BY 3"));
  }

  @Test
  void syntaxErrorsComeFromTheParserWithTheirPosition() {
    DslSyntaxException e = assertThrows(DslSyntaxException.class,
        () -> engine.compile("SELECT id FORM alerts", Map.of(), NOW));
    assertEquals(1, e.line());
    assertEquals(11, e.column());
  }

  private static String reason(String query) {
    return reason(query, Map.of());
  }

  private static String reason(String query, Map<String, ?> params) {
    DslException e = assertThrows(DslException.class, () -> engine.compile(query, params, NOW));
    return e.reason();
  }
}
