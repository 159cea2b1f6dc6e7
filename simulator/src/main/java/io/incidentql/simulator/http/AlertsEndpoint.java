package io.incidentql.simulator.http;

import io.incidentql.simulator.data.AlertJson;
import io.incidentql.simulator.data.AlertRow;
import io.incidentql.simulator.data.Tables;
import io.incidentql.simulator.http.FilterParser.FieldSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * Handler of {@code GET /v2/alerts} and {@code GET /v2/alerts/{id}}.
 *
 * <p>Filters ({@code status}, {@code alert_source}, {@code deduplication_key},
 * {@code created_at}, {@code include_maintenance_window}) are combined with AND, as documented.
 * {@code include_maintenance_window[is]=false} leaves out alerts held by a maintenance window;
 * {@code true}, like no filter, keeps them. {@code page_size} is required, 1 to 50.
 * {@code created_at[gte]} with {@code created_at[lte]} is a 422 (see {@link DateFilter}).
 */
final class AlertsEndpoint {
  static final String PATH = "/v2/alerts";
  static final int MAX_PAGE_SIZE = 50;
  private static final Set<String> PLAIN = Set.of("page_size", "after");
  private static final List<FieldSpec> FIELDS = List.of(
      FieldSpec.of("status", "one_of", "not_in"),
      FieldSpec.of("alert_source", "one_of", "not_in"),
      FieldSpec.of("deduplication_key", "is"),
      FieldSpec.of("created_at", "gte", "lte", "date_range"),
      FieldSpec.of("include_maintenance_window", "is"));

  private final Tables tables;
  private final RuntimeSettings settings;

  AlertsEndpoint(Tables tables, RuntimeSettings settings) {
    this.tables = tables;
    this.settings = settings;
  }

  ApiResponse list(QueryParams params) {
    FilterParser.Parsed query = FilterParser.parse(params, PLAIN, FIELDS);
    PageRequest request = PageRequest.parse(query, true, MAX_PAGE_SIZE,
        settings.servedPageSize(PATH));
    DateFilter.refuseTwoBounds(query.filters());
    Predicate<AlertRow> filter = row -> true;
    for (FilterParam f : query.filters()) {
      filter = filter.and(predicate(f));
    }
    int start = Pager.start(request.after(), tables::alertPosition);
    Pager.Page<AlertRow> page = Pager.cut(tables.alerts(), start, request.size(), filter,
        AlertRow::id, settings.trailingCursorOnFullPage(), false);
    return ApiResponse.ok(ListBody.of("alerts", page, request.size(),
        row -> AlertJson.full(tables, row)));
  }

  ApiResponse show(String id, QueryParams params) {
    int position = tables.alertPosition(id);
    return ShowBody.of(params, "alert",
        position < 0 ? null : AlertJson.full(tables, tables.alerts().get(position)),
        "No alert with id '" + id + "' was found");
  }

  private Predicate<AlertRow> predicate(FilterParam f) {
    switch (f.field()) {
      case "status": {
        Set<String> values = new HashSet<>(FilterParser.listValues(f));
        boolean in = f.operator().equals("one_of");
        return row -> values.contains(row.status()) == in;
      }
      case "alert_source": {
        Set<String> values = new HashSet<>(FilterParser.listValues(f));
        boolean in = f.operator().equals("one_of");
        List<String> sources = tables.catalog().alertSourceIds();
        return row -> values.contains(sources.get(row.sourceIndex())) == in;
      }
      case "deduplication_key": {
        String value = FilterParser.singleValue(f);
        return row -> row.deduplicationKey().equals(value);
      }
      case "created_at": {
        LongPredicate dates = DateFilter.of(f);
        return row -> dates.test(row.createdMicros());
      }
      case "include_maintenance_window": {
        boolean include = FilterParser.booleanValue(f);
        return row -> include || !row.heldByMaintenanceWindow();
      }
      default:
        throw new IllegalStateException(f.field());
    }
  }
}
