package io.incidentql.adapter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests of the table catalog against the API reference's examples and required lists. */
class IncidentIoTablesTest {
  /** Reads a response example of the API reference, kept as a test resource. */
  static JsonNode example(String name) {
    try (InputStream in = IncidentIoTablesTest.class.getResourceAsStream("/api-examples/" + name)) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Collects the dotted paths of the leaves of an object: scalars and arrays. */
  private static void leaves(JsonNode node, String prefix, Set<String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String path = prefix + f.getKey();
      if (f.getValue().isObject()) {
        leaves(f.getValue(), path + ".", out);
      } else {
        out.add(path);
      }
    }
  }

  private static Set<String> columnPaths(TableDef table) {
    return table.columns().stream()
        .map(c -> String.join(".", c.path()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @ParameterizedTest(name = "{0} has exactly one column per field of {1}")
  @CsvSource({
    "alerts, alerts.json, alerts",
    "alerts, alert-show.json, alert",
    "incidents, incidents.json, incidents",
    "incident_alerts, incident_alerts.json, incident_alerts",
    "incident_updates, incident_updates.json, incident_updates"
  })
  void columnsCoverEveryFieldOfTheDocumentedExample(String table, String file, String field) {
    JsonNode body = example(file);
    JsonNode row = body.get(field).isArray() ? body.get(field).get(0) : body.get(field);
    Set<String> fields = new TreeSet<>();
    leaves(row, "", fields);
    assertEquals(fields, columnPaths(IncidentIoTables.byName(table)));
  }

  @Test
  void everyTableMatchesItsEndpoint() {
    assertEquals(
        List.of("alerts", "incidents", "incident_alerts", "incident_updates", "severities",
            "incident_statuses", "incident_types", "incident_roles", "incident_timestamps",
            "custom_fields", "custom_field_options", "users", "alert_sources", "alert_attributes",
            "follow_ups", "actions", "escalations", "escalation_paths", "schedules",
            "schedule_entries", "catalog_types", "catalog_entries", "teams", "workflows",
            "incident_attachments", "workflow_runs",
            "incident_custom_field_values", "incident_role_assignments", "incident_timestamp_values",
            "incident_duration_metrics", "alert_attribute_values"),
        IncidentIoTables.all().stream().map(TableDef::name).collect(Collectors.toList()));
    TableDef alerts = IncidentIoTables.byName("alerts");
    assertEquals("/v2/alerts", alerts.path());
    assertEquals("alerts", alerts.itemsField());
    assertEquals(50, alerts.maxPageSize());
    assertEquals(new TableDef.Show("/v2/alerts", "alert"), alerts.show());
    TableDef incidents = IncidentIoTables.byName("incidents");
    assertEquals(250, incidents.maxPageSize());
    assertEquals(new TableDef.Show("/v2/incidents", "incident"), incidents.show());
    assertTrue(incidents.countable());
    TableDef incidentAlerts = IncidentIoTables.byName("incident_alerts");
    assertEquals("/v2/incident_alerts", incidentAlerts.path());
    assertEquals(50, incidentAlerts.maxPageSize());
    TableDef updates = IncidentIoTables.byName("incident_updates");
    assertEquals("incident_updates", updates.itemsField());
    assertEquals(250, updates.maxPageSize());
    TableDef severities = IncidentIoTables.byName("severities");
    assertEquals("/v1/severities", severities.path());
    assertFalse(severities.paged());
    TableDef options = IncidentIoTables.byName("custom_field_options");
    assertEquals(new TableDef.ParentKey("custom_field_id", "custom_fields"), options.parent());
    assertEquals(250, options.maxPageSize());
    TableDef users = IncidentIoTables.byName("users");
    assertEquals(List.of(new TableDef.FixedParam("include_inactive", "true")), users.fixedParams());
    assertEquals(10_000, users.maxPageSize());
    List<TableDef.FixedParam> everyMode = List.of(new TableDef.FixedParam("incident_mode",
        List.of("standard", "retrospective", "test", "tutorial")));
    assertEquals(everyMode, IncidentIoTables.byName("follow_ups").fixedParams());
    assertEquals(everyMode, IncidentIoTables.byName("actions").fixedParams());
    assertFalse(IncidentIoTables.byName("follow_ups").paged());
    assertEquals(50, IncidentIoTables.byName("escalations").maxPageSize());
    TableDef entries = IncidentIoTables.byName("catalog_entries");
    assertEquals(new TableDef.ParentKey("catalog_type_id", "catalog_types"), entries.parent());
    assertTrue(entries.pageSizeRequired());
    assertEquals(50, IncidentIoTables.byName("workflow_runs").maxPageSize());
    TableDef shifts = IncidentIoTables.byName("schedule_entries");
    assertEquals("schedule_entries.final", shifts.itemsField());
    assertEquals(new TableDef.ParentKey("schedule_id", "schedules", true), shifts.parent());
    assertEquals(new TableDef.EntryWindow("entry_window_start", "entry_window_end", 365, 30),
        shifts.entryWindow());
  }

  /** The catalog is data: each entry's references must name what exists. */
  @Test
  void everyCatalogEntryIsConsistent() {
    for (TableDef t : IncidentIoTables.all()) {
      String where = t.name();
      if (t.primaryKey() != null) {
        assertTrue(t.primaryKeyIndex() >= 0, where + ": primary key");
      }
      for (ColumnDef c : t.columns()) {
        assertFalse(c.name().contains("secret"), where + "." + c.name() + " exposes a secret");
        if (c.references() != null) {
          assertNotNull(IncidentIoTables.byName(c.references()).primaryKey(),
              where + "." + c.name() + " refers to a table without a key");
        }
        ColumnFilter f = c.filter();
        if (f == null) {
          continue;
        }
        switch (f.kind()) {
          case DATE:
            assertEquals(ColumnType.TIMESTAMP, c.type(), where + "." + c.name());
            break;
          case BY_RANK:
            assertEquals(ColumnType.BIGINT, c.type(), where + "." + c.name());
            break;
          default:
            assertEquals(ColumnType.VARCHAR, c.type(), where + "." + c.name());
        }
        if (f.kind() == ColumnFilter.Kind.SCOPE) {
          assertEquals(c.name(), t.scope(f.field()).column(), where + "." + c.name());
        }
        if (f.kind() == ColumnFilter.Kind.LOOKUP) {
          assertNotNull(t.show(), where + "." + c.name() + " is looked up without a show path");
        }
        if (f.kind() == ColumnFilter.Kind.KEYED) {
          assertTrue(t.columnIndex(f.keyColumn()) >= 0, where + "." + c.name() + " keyed by a missing column");
        }
        if (f.via() != null) {
          TableDef via = IncidentIoTables.byName(f.via().table());
          assertTrue(via.columnIndex(f.via().matchColumn()) >= 0, where + "." + c.name());
          assertTrue(via.columnIndex(f.via().keyColumn()) >= 0, where + "." + c.name());
        }
      }
      if (t.windowColumn() != null) {
        assertEquals(ColumnFilter.Kind.DATE, t.column(t.windowColumn()).filter().kind(), where);
      }
      for (TableDef.SortKey k : t.sorts()) {
        assertEquals(ColumnType.TIMESTAMP, t.column(k.column()).type(), where + " sorts by " + k);
      }
      if (t.parent() != null) {
        assertNotNull(IncidentIoTables.byName(t.parent().table()).primaryKey(), where);
        assertEquals(ColumnFilter.Kind.EQUALS, t.column(t.parent().column()).filter().kind(), where);
      }
    }
  }

  @Test
  void byNameIgnoresCaseAndRefusesUnknownNames() {
    assertSame(IncidentIoTables.byName("incidents"), IncidentIoTables.byName("INCIDENTS"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IncidentIoTables.byName("alert_routes"));
    assertEquals(
        "no table named 'alert_routes'; the tables are alerts, incidents, incident_alerts,"
            + " incident_updates, severities, incident_statuses, incident_types, incident_roles,"
            + " incident_timestamps, custom_fields, custom_field_options, users, alert_sources,"
            + " alert_attributes, follow_ups, actions, escalations, escalation_paths, schedules,"
            + " schedule_entries, catalog_types, catalog_entries, teams, workflows,"
            + " incident_attachments, workflow_runs, incident_custom_field_values,"
            + " incident_role_assignments, incident_timestamp_values, incident_duration_metrics,"
            + " alert_attribute_values",
        e.getMessage());
  }

  @Test
  void columnCountsAreStable() {
    assertEquals(11, IncidentIoTables.byName("alerts").columns().size());
    assertEquals(59, IncidentIoTables.byName("incidents").columns().size());
    assertEquals(19, IncidentIoTables.byName("incident_alerts").columns().size());
    assertEquals(29, IncidentIoTables.byName("incident_updates").columns().size());
  }

  @Test
  void everyColumnHasAUniqueNameARemarkAndIdComesFirst() {
    for (TableDef table : IncidentIoTables.all()) {
      Set<String> names = new HashSet<>();
      for (ColumnDef c : table.columns()) {
        assertTrue(names.add(c.name()), table.name() + "." + c.name() + " is repeated");
        if (table.child() == null) {
          assertEquals(String.join("_", c.path()), c.name());
        }
        assertFalse(c.remarks().isBlank(), table.name() + "." + c.name() + " has no remarks");
      }
      if (table.child() == null) {
        assertEquals(table.primaryKey(), table.columns().get(0).name(), table.name());
      }
      assertTrue(table.columns().get(0).name().endsWith("id"), table.name());
      // Schedule entries are keyed by entry_id, which the contract does not require.
      assertEquals(!table.name().equals("schedule_entries"), table.columns().get(0).required(),
          table.name());
      assertFalse(table.remarks().isBlank());
    }
  }

  @ParameterizedTest(name = "{0}.{1}: {2} {3}")
  @CsvSource({
    "alerts, status, VARCHAR, true",
    "alerts, attributes, JSON, true",
    "alerts, resolved_at, TIMESTAMP, false",
    "alerts, created_at, TIMESTAMP, true",
    "incidents, incident_status_category, VARCHAR, false",
    "incidents, severity_rank, BIGINT, false",
    "incidents, creator_user_email, VARCHAR, false",
    "incidents, external_issue_reference_provider, VARCHAR, false",
    "incidents, has_debrief, BOOLEAN, false",
    "incidents, workload_minutes_sleeping, DOUBLE, false",
    "incidents, postmortem_document_ids, JSON, false",
    "incidents, custom_field_entries, JSON, false",
    "incidents, incident_type_private_incidents_only, BOOLEAN, false",
    "incidents, reference, VARCHAR, true",
    "incident_alerts, alert_id, VARCHAR, true",
    "incident_alerts, alert_title, VARCHAR, true",
    "incident_alerts, alert_resolved_at, TIMESTAMP, false",
    "incident_alerts, alert_route_id, VARCHAR, false",
    "incident_alerts, incident_id, VARCHAR, true",
    "incident_alerts, incident_reference, VARCHAR, true",
    "incident_alerts, incident_external_id, BIGINT, true",
    "incident_alerts, incident_summary, VARCHAR, false",
    "incident_updates, incident_id, VARCHAR, true",
    "incident_updates, new_incident_status_category, VARCHAR, true",
    "incident_updates, new_incident_status_rank, BIGINT, true",
    "incident_updates, new_severity_name, VARCHAR, false",
    "incident_updates, updater_user_email, VARCHAR, false",
    "incident_updates, updater_user_id, VARCHAR, false",
    "incident_updates, updater_workflow_name, VARCHAR, false",
    "incident_updates, merged_into_incident_id, VARCHAR, false"
  })
  void columnHasTheDocumentedTypeAndRequiredness(
      String table, String column, ColumnType type, boolean required) {
    TableDef def = IncidentIoTables.byName(table);
    int i = def.columnIndex(column);
    assertTrue(i >= 0, table + " has no column " + column);
    assertEquals(type, def.columns().get(i).type());
    assertEquals(required, def.columns().get(i).required());
  }

  @Test
  void remarksQuoteTheReference() {
    TableDef updates = IncidentIoTables.byName("incident_updates");
    assertEquals(
        "Rank to help sort severities (lower numbers are less severe)",
        updates.columns().get(updates.columnIndex("new_severity_rank")).remarks());
    assertEquals(
        "Email address of the user.",
        updates.columns().get(updates.columnIndex("updater_user_email")).remarks());
    TableDef incidents = IncidentIoTables.byName("incidents");
    // The incidents page gives no schema; the shared objects reuse the other pages' text.
    assertEquals(
        "Email address of the user.",
        incidents.columns().get(incidents.columnIndex("creator_user_email")).remarks());
  }
}
