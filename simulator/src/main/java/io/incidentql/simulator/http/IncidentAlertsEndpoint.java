package io.incidentql.simulator.http;

import io.incidentql.simulator.data.IncidentAlertJson;
import io.incidentql.simulator.data.IncidentAlertRow;
import io.incidentql.simulator.data.Tables;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Handler of {@code GET /v2/incident_alerts}: plain equality filters {@code alert_id} and
 * {@code incident_id} (an empty value counts as not given; an id nobody has gives an empty
 * page), {@code page_size} required, 1 to 50.
 */
final class IncidentAlertsEndpoint {
  static final String PATH = "/v2/incident_alerts";
  static final int MAX_PAGE_SIZE = 50;
  private static final Set<String> PLAIN = Set.of("page_size", "after", "alert_id", "incident_id");

  private final Tables tables;
  private final RuntimeSettings settings;

  IncidentAlertsEndpoint(Tables tables, RuntimeSettings settings) {
    this.tables = tables;
    this.settings = settings;
  }

  ApiResponse list(QueryParams params) {
    FilterParser.Parsed query = FilterParser.parse(params, PLAIN, List.of());
    PageRequest request = PageRequest.parse(query, true, MAX_PAGE_SIZE,
        settings.servedPageSize(PATH));
    Predicate<IncidentAlertRow> filter = row -> true;
    String alertId = query.single("alert_id");
    if (alertId != null) {
      filter = filter.and(row -> tables.alerts().get(row.alertIndex()).id().equals(alertId));
    }
    String incidentId = query.single("incident_id");
    if (incidentId != null) {
      filter = filter.and(
          row -> tables.incidents().get(row.incidentIndex()).id().equals(incidentId));
    }
    int start = Pager.start(request.after(), tables::incidentAlertPosition);
    Pager.Page<IncidentAlertRow> page = Pager.cut(tables.incidentAlerts(), start, request.size(),
        filter, IncidentAlertRow::id, settings.trailingCursorOnFullPage(), false);
    return ApiResponse.ok(ListBody.of("incident_alerts", page, request.size(),
        row -> IncidentAlertJson.of(tables, row)));
  }
}
