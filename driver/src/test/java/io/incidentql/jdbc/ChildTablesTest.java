package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests of the child tables, read from an array of each incident or alert: every element is a
 * row (counted from the simulator's JSON), the requests are the parent's, and filters on the
 * carried parent columns reach the parent's request.
 */
class ChildTablesTest {
  private static final String MODES = SimulatorConnections.EVERY_MODE_AND_CATEGORY;

  private static Simulator sim;
  private static PushdownFixture fixture;
  private static List<ObjectNode> incidents;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(11).scale(300, 200, 150, 400).unlimitedRate());
    fixture = new PushdownFixture(sim);
    incidents = SimulatorConnections.tableIncidents(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static int sum(List<ObjectNode> rows, ToIntFunction<ObjectNode> f) {
    return rows.stream().mapToInt(f).sum();
  }

  private static int values(ObjectNode incident) {
    int n = 0;
    for (JsonNode entry : incident.path("custom_field_entries")) {
      n += entry.path("values").size();
    }
    return n;
  }

  @Test
  void everyCustomFieldValueIsARowReadFromTheIncidentsRequests() {
    int n = sum(incidents, ChildTablesTest::values);
    assertTrue(n > incidents.size(), "incidents hold several values each: " + n);
    fixture.sql("SELECT incident_id, custom_field_name, value_option_value, value_text, value_numeric"
            + " FROM incident_custom_field_values")
        .returnsCount(n)
        .requestsThenPages(0, "GET /v2/incidents?page_size=250&" + MODES)
        .explainContains("requests=[GET /v2/incidents?page_size=250&" + MODES + "]");
  }

  @Test
  void aFilterOnACarriedIncidentColumnReachesTheIncidentsRequest() {
    ObjectNode sev = sim.dataset().severities().get(1);
    String name = sev.path("name").asText();
    int n = sum(incidents.stream().filter(i -> i.path("severity").path("name").asText().equals(name)).toList(),
        ChildTablesTest::values);
    fixture.sql("SELECT custom_field_name, value_option_value FROM incident_custom_field_values"
            + " WHERE severity_name = '" + name.replace("'", "''") + "'")
        .returnsCount(n)
        .requests("GET /v1/severities", "GET /v2/incidents?page_size=250&severity[one_of]="
            + sev.path("id").asText() + "&" + MODES);
  }

  @Test
  void theValuesOfOneIncidentAreOneShowRequest() {
    ObjectNode i = incidents.get(5);
    String id = i.path("id").asText();
    fixture.sql("SELECT custom_field_id, value_option_id FROM incident_custom_field_values"
            + " WHERE incident_id = '" + id + "'")
        .returnsCount(values(i))
        .requests("GET /v2/incidents/" + id);
  }

  @Test
  void rolesTimestampsAndDurationsAreOneRowPerElement() {
    fixture.sql("SELECT incident_id, role_name, assignee_email FROM incident_role_assignments")
        .returnsCount(sum(incidents, i -> i.path("incident_role_assignments").size()));
    fixture.sql("SELECT incident_id, timestamp_name, timestamp_value FROM incident_timestamp_values")
        .returnsCount(sum(incidents, i -> i.path("incident_timestamp_values").size()));
    fixture.sql("SELECT incident_id, metric_name, value_seconds FROM incident_duration_metrics")
        .returnsCount(sum(incidents, i -> i.path("duration_metrics").size()));
    int unset = sum(incidents, i -> {
      int k = 0;
      for (JsonNode t : i.path("incident_timestamp_values")) {
        k += t.path("value").hasNonNull("value") ? 0 : 1;
      }
      return k;
    });
    assertTrue(unset > 0, "some timestamps are unset");
    fixture.sql("SELECT incident_id FROM incident_timestamp_values WHERE timestamp_value IS NULL")
        .returnsCount(unset);
  }

  @Test
  void anArrayAttributeIsOneRowPerItem() {
    int n = 0;
    for (ObjectNode a : sim.dataset().alerts()) {
      for (JsonNode attr : a.path("attributes")) {
        n += attr.has("array_value") ? attr.path("array_value").size() : attr.hasNonNull("value") ? 1 : 0;
      }
    }
    assertTrue(n > 0, "alerts carry attributes");
    fixture.sql("SELECT alert_id, attribute_name, value_label FROM alert_attribute_values")
        .returnsCount(n);
  }

  @Test
  void anOptionOfACustomFieldIsSentAsTheIncidentsCustomFieldFilter() {
    JsonNode value = null;
    JsonNode field = null;
    for (ObjectNode i : incidents) {
      for (JsonNode entry : i.path("custom_field_entries")) {
        for (JsonNode v : entry.path("values")) {
          if (v.has("value_option") && value == null) {
            value = v.path("value_option");
            field = entry.path("custom_field");
          }
        }
      }
    }
    String f = field.path("id").asText();
    String o = value.path("id").asText();
    int n = 0;
    for (ObjectNode i : incidents) {
      for (JsonNode entry : i.path("custom_field_entries")) {
        for (JsonNode v : entry.path("values")) {
          n += entry.path("custom_field").path("id").asText().equals(f)
              && v.path("value_option").path("id").asText().equals(o) ? 1 : 0;
        }
      }
    }
    fixture.sql("SELECT incident_id, value_option_value FROM incident_custom_field_values"
            + " WHERE custom_field_id = '" + f + "' AND value_option_id = '" + o + "'")
        .returnsCount(n)
        .requestsThenPages(0, "GET /v2/incidents?page_size=250&custom_field[" + f + "][one_of]=" + o
            + "&" + MODES);
  }

  @Test
  void anAssigneeOfARoleIsSentAsTheIncidentsRoleFilter() {
    JsonNode a = incidents.stream()
        .flatMap(i -> java.util.stream.StreamSupport.stream(i.path("incident_role_assignments").spliterator(), false))
        .filter(x -> x.has("assignee")).findFirst().orElseThrow();
    String role = a.path("role").path("id").asText();
    String user = a.path("assignee").path("id").asText();
    int n = sum(incidents, i -> {
      int k = 0;
      for (JsonNode x : i.path("incident_role_assignments")) {
        k += x.path("role").path("id").asText().equals(role)
            && x.path("assignee").path("id").asText().equals(user) ? 1 : 0;
      }
      return k;
    });
    fixture.sql("SELECT reference FROM incident_role_assignments"
            + " WHERE role_id = '" + role + "' AND assignee_id = '" + user + "'")
        .returnsCount(n)
        .requestsThenPages(0, "GET /v2/incidents?page_size=250&incident_role[" + role + "][one_of]=" + user
            + "&" + MODES);
  }

  @Test
  void joinedWithItsParentAChildSendsOnlyTheParentsRequests() throws Exception {
    try (java.sql.Connection c = fixture.connect(true); java.sql.Statement s = c.createStatement()) {
      s.execute("CLEAR CACHE");
      PushdownFixture.Result r = fixture.execute(c, "SELECT i.reference, v.metric_name, v.value_seconds"
          + " FROM incidents i JOIN incident_duration_metrics v ON v.incident_id = i.id");
      assertEquals(sum(incidents, i -> i.path("duration_metrics").size()), r.rows().size());
      // The child's scan asks what the parent's did, and the response cache answers it.
      assertEquals(List.of("GET /v2/incidents?page_size=250&" + MODES), r.requests());
    }
  }

  @Test
  void joinedWithItsParentFilteredOnTheParentSideAChildSendsOnlyTheParentsFilteredRequest()
      throws Exception {
    String severity = incidents.get(0).path("severity").path("id").asText();
    String sql = "SELECT i.reference, v.metric_name FROM incidents i"
        + " JOIN incident_duration_metrics v ON v.incident_id = i.id WHERE i.severity_id = '"
        + severity + "'";
    String filtered = "GET /v2/incidents?page_size=250&severity[one_of]=" + severity + "&" + MODES;
    try (java.sql.Connection c = fixture.connect(true); java.sql.Statement s = c.createStatement()) {
      s.execute("CLEAR CACHE");
      PushdownFixture.Result r = fixture.execute(c, sql);
      assertEquals(fixture.execute(sql, false).rows().size(), r.rows().size());
      assertTrue(!r.rows().isEmpty());
      // The child's scan is given the parent's filter: the same request, answered by the cache.
      assertEquals(List.of(filtered), r.requests());
    }
    // Without the cache the same request is sent twice, never the child's whole scan.
    try (java.sql.Connection c = fixture.connect(true, SimulatorConnections.NO_CACHE)) {
      assertEquals(List.of(filtered, filtered), fixture.execute(c, sql).requests());
    }
    // A LEFT JOIN that keeps the parents may narrow the child; one that keeps the children not.
    fixture.sql("SELECT i.reference, v.metric_name FROM incidents i"
            + " LEFT JOIN incident_duration_metrics v ON v.incident_id = i.id"
            + " WHERE i.severity_id = '" + severity + "'")
        .returnsSome()
        .explainContains("severity[one_of]=" + severity + "&" + MODES + "]", "joinType=[left]");
    PushdownFixture.Run keptChildren = fixture.sql("SELECT i.reference, v.metric_name"
        + " FROM incident_duration_metrics v LEFT JOIN"
        + " (SELECT * FROM incidents WHERE severity_id = '" + severity + "') i"
        + " ON v.incident_id = i.id").returnsSome();
    assertTrue(keptChildren.rows().stream().anyMatch(row -> row.get(0) == null),
        "children of other severities are kept, unmatched");
  }

  @Test
  void aLimitIsNotSentToTheApi() {
    fixture.sql("SELECT incident_id, metric_name FROM incident_duration_metrics LIMIT 3")
        .returnsCount(3)
        .requestsThenPages(0, "GET /v2/incidents?page_size=250&" + MODES);
  }

  @Test
  void theRecipesRun() {
    fixture.sql("SELECT severity_name, AVG(value_seconds) / 3600.0 AS mean_hours"
            + " FROM incident_duration_metrics WHERE metric_name = 'Time to fix'"
            + " GROUP BY severity_name")
        .returnsSome();
    fixture.sql("SELECT custom_field_name, value_option_value, COUNT(DISTINCT incident_id) AS incidents"
            + " FROM incident_custom_field_values WHERE value_option_value IS NOT NULL"
            + " GROUP BY custom_field_name, value_option_value")
        .returnsSome();
  }
}
