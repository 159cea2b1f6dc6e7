package io.incidentql.simulator.http;

import io.incidentql.simulator.data.IncidentUpdateJson;
import io.incidentql.simulator.data.IncidentUpdateRow;
import io.incidentql.simulator.data.Tables;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Handler of {@code GET /v2/incident_updates}: plain equality filter {@code incident_id} (an
 * empty value counts as not given), {@code page_size} optional, 25 by default, 1 to 250.
 */
final class IncidentUpdatesEndpoint {
  static final String PATH = "/v2/incident_updates";
  static final int MAX_PAGE_SIZE = 250;
  private static final Set<String> PLAIN = Set.of("page_size", "after", "incident_id");

  private final Tables tables;
  private final RuntimeSettings settings;

  IncidentUpdatesEndpoint(Tables tables, RuntimeSettings settings) {
    this.tables = tables;
    this.settings = settings;
  }

  ApiResponse list(QueryParams params) {
    FilterParser.Parsed query = FilterParser.parse(params, PLAIN, List.of());
    PageRequest request = PageRequest.parse(query, false, MAX_PAGE_SIZE,
        settings.servedPageSize(PATH));
    Predicate<IncidentUpdateRow> filter = row -> true;
    String incidentId = query.single("incident_id");
    if (incidentId != null) {
      filter = row -> tables.incidents().get(row.incidentIndex()).id().equals(incidentId);
    }
    int start = Pager.start(request.after(), tables::incidentUpdatePosition);
    Pager.Page<IncidentUpdateRow> page = Pager.cut(tables.incidentUpdates(), start,
        request.size(), filter, IncidentUpdateRow::id, settings.trailingCursorOnFullPage(), false);
    return ApiResponse.ok(ListBody.of("incident_updates", page, request.size(),
        row -> IncidentUpdateJson.of(tables, row)));
  }
}
