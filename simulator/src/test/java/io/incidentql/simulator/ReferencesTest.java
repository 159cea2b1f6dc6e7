package io.incidentql.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests that incidents, their updates and alerts point only at objects the lookup endpoints
 * list, each shown as the lookup endpoint shows it, so that joins between tables find them.
 */
class ReferencesTest {
  private static Simulator sim;
  private static TestApi api;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().scale(400, 400, 50, 400).unlimitedRate()
        .build());
    api = new TestApi(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /** The objects an endpoint lists, by id. */
  private static Map<String, JsonNode> listed(String path, String field) {
    Map<String, JsonNode> out = new HashMap<>();
    api.ok(path).get(field).forEach(o -> out.put(o.get("id").asText(), o));
    return out;
  }

  private static Map<String, JsonNode> users() {
    Map<String, JsonNode> out = new HashMap<>();
    api.walk("/v2/users", "users", "?include_inactive=true", 100).rows()
        .forEach(u -> out.put(u.get("id").asText(), u));
    return out;
  }

  private static void assertListed(Map<String, JsonNode> listed, JsonNode shown, String what) {
    JsonNode full = listed.get(shown.get("id").asText());
    assertTrue(full != null, what + " not listed: " + shown);
    shown.fieldNames().forEachRemaining(name ->
        assertEquals(full.get(name), shown.get(name), what + "." + name));
  }

  @Test
  void incidentsPointAtListedSeveritiesStatusesTypesUsersRolesAndCustomFields() {
    Map<String, JsonNode> severities = listed("/v1/severities", "severities");
    Map<String, JsonNode> statuses = listed("/v1/incident_statuses", "incident_statuses");
    Map<String, JsonNode> types = listed("/v1/incident_types", "incident_types");
    Map<String, JsonNode> roles = listed("/v2/incident_roles", "incident_roles");
    Map<String, JsonNode> timestamps = listed("/v2/incident_timestamps", "incident_timestamps");
    Map<String, JsonNode> fields = listed("/v2/custom_fields", "custom_fields");
    Map<String, JsonNode> users = users();
    Map<String, Map<String, JsonNode>> optionsByField = new HashMap<>();
    for (String id : fields.keySet()) {
      Map<String, JsonNode> options = new HashMap<>();
      api.walk("/v1/custom_field_options", "custom_field_options",
          TestApi.q("custom_field_id", id), 250).rows()
          .forEach(o -> options.put(o.get("id").asText(), o));
      optionsByField.put(id, options);
    }
    Set<String> usedUsers = new HashSet<>();
    for (JsonNode incident : sim.dataset().incidents()) {
      assertListed(statuses, incident.get("incident_status"), "incident_status");
      if (incident.has("severity")) {
        assertListed(severities, incident.get("severity"), "severity");
      }
      if (incident.has("incident_type")) {
        assertListed(types, incident.get("incident_type"), "incident_type");
      }
      for (JsonNode a : incident.get("incident_role_assignments")) {
        // An assignment's role is the listed one plus whether it is required.
        ObjectNode role = a.get("role").deepCopy();
        assertTrue(role.remove("required").isBoolean());
        assertListed(roles, role, "role");
        if (a.has("assignee")) {
          // UserV2 is the listed user without its roles and seats.
          assertListed(users, a.get("assignee"), "assignee");
          usedUsers.add(a.get("assignee").get("id").asText());
        }
      }
      if (incident.get("creator").has("user")) {
        assertListed(users, incident.get("creator").get("user"), "creator");
      }
      for (JsonNode t : incident.get("incident_timestamp_values")) {
        assertListed(timestamps, t.get("incident_timestamp"), "incident_timestamp");
      }
      for (JsonNode entry : incident.get("custom_field_entries")) {
        JsonNode field = entry.get("custom_field");
        String id = field.get("id").asText();
        assertTrue(fields.containsKey(id), id);
        for (String name : new String[] {"name", "description", "field_type"}) {
          assertEquals(fields.get(id).get(name), field.get(name));
        }
        Map<String, JsonNode> options = optionsByField.get(id);
        for (JsonNode option : field.get("options")) {
          assertListed(options, option, "option");
        }
        for (JsonNode value : entry.get("values")) {
          if (value.has("value_option")) {
            assertListed(options, value.get("value_option"), "value_option");
          }
        }
      }
    }
    assertEquals(users.keySet(), usedUsers, "every user, active or not, is an assignee");
  }

  @Test
  void incidentUpdatesPointAtListedStatusesSeveritiesAndUsers() {
    Map<String, JsonNode> severities = listed("/v1/severities", "severities");
    Map<String, JsonNode> statuses = listed("/v1/incident_statuses", "incident_statuses");
    Map<String, JsonNode> users = users();
    for (JsonNode update : sim.dataset().incidentUpdates()) {
      assertListed(statuses, update.get("new_incident_status"), "new_incident_status");
      if (update.has("new_severity")) {
        assertListed(severities, update.get("new_severity"), "new_severity");
      }
      if (update.get("updater").has("user")) {
        assertListed(users, update.get("updater").get("user"), "updater");
      }
    }
  }

  @Test
  void alertsPointAtListedSourcesAndAttributes() {
    Map<String, JsonNode> sources = listed("/v2/alert_sources", "alert_sources");
    Map<String, JsonNode> attributes = listed("/v2/alert_attributes", "alert_attributes");
    Set<String> usedSources = new HashSet<>();
    for (JsonNode alert : sim.dataset().alerts()) {
      String source = alert.get("alert_source_id").asText();
      assertTrue(sources.containsKey(source), source);
      usedSources.add(source);
      for (JsonNode attribute : alert.get("attributes")) {
        assertListed(attributes, attribute.get("attribute"), "attribute");
      }
    }
    assertEquals(sources.keySet(), usedSources);
  }
}
