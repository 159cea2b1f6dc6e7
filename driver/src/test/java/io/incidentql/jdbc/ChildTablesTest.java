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
  private static final String MODES =
      "mode[one_of]=standard&mode[one_of]=retrospective&mode[one_of]=test&mode[one_of]=tutorial"
      + "&status_category[one_of]=triage&status_category[one_of]=live"
      + "&status_category[one_of]=learning&status_category[one_of]=paused"
      + "&status_category[one_of]=closed&status_category[one_of]=declined"
      + "&status_category[one_of]=canceled&status_category[one_of]=merged";

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
