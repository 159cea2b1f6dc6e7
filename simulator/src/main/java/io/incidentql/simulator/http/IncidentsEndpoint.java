package io.incidentql.simulator.http;

import io.incidentql.simulator.data.Catalog;
import io.incidentql.simulator.data.IncidentJson;
import io.incidentql.simulator.data.IncidentRow;
import io.incidentql.simulator.data.Tables;
import io.incidentql.simulator.http.FilterParser.FieldSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * Handler of {@code GET /v2/incidents} and {@code GET /v2/incidents/{id}}.
 *
 * <p>Choices where the documentation leaves room:
 * <ul>
 *   <li>{@code filter_mode=any} ORs the filters, each distinct parameter name counting as one
 *       filter ({@code created_at[gte]} and {@code created_at[lte]} are two; a
 *       {@code date_range} is one). The {@code mode} filter is not one of them: given or
 *       defaulted to {@code standard} and {@code retrospective}, it scopes the result with AND,
 *       so {@code filter_mode=any} never brings back test or tutorial incidents nobody asked
 *       for. The live API does not document this; {@link RuntimeSettings#scopesJoinAnyFilter}
 *       makes the mode one more disjunct instead, the other way it may behave.
 *   <li>{@code status_category} compares with {@code incident_status.category}; since the
 *       documentation names categories both ways, {@code active} also matches {@code live} and
 *       {@code post-incident} also matches {@code learning}.
 *   <li>{@code severity[gte|lte]} compares ranks with the rank of the given severity id (an
 *       unknown id is a 422); incidents without a severity match neither, and match every
 *       {@code not_in}, as they do for {@code incident_type[not_in]}.
 *   <li>{@code incident_role[ROLE][one_of]} takes user ids and matches the role's assignee;
 *       {@code incident_role[ROLE][is_blank]=true} matches incidents where the role has nobody.
 *       The schema lists {@code one_of} and {@code is_blank}; the prose's {@code is_set} example
 *       contradicts itself, so it is refused like any other operator.
 *   <li>{@code custom_field[FIELD][one_of|not_in]} takes option ids (or catalog entry ids for a
 *       catalog-backed field); text, numeric and link fields accept no operator here. Unknown
 *       role or field ids are a 422.
 *   <li>{@code page_size} defaults to 25 and may be 1 to 500, as the schema line says, but a
 *       page holds at most 250 incidents, as the prose says, and {@code pagination_meta.page_size}
 *       then reads 250: the live API serves a request for 500 so (LIVE-API-NOTES, Incidents 3).
 *   <li>Incidents whose status category is {@code declined}, {@code canceled} or {@code merged}
 *       are left out unless the request has a {@code status_category} filter (LIVE-API-NOTES,
 *       Incidents 1). Like {@code mode}, this default scopes the result with AND.
 *   <li>{@code created_at} and {@code updated_at} take {@code gte} and {@code lte} but not both
 *       on one field (a 422); {@code date_range} compares dates (see {@link DateFilter}).
 *   <li>{@code pagination_meta.total_record_count} counts every matching incident, not the
 *       page.
 * </ul>
 */
final class IncidentsEndpoint {
  static final String PATH = "/v2/incidents";
  static final int MAX_PAGE_SIZE = 500;
  /** The most incidents one page holds, whatever page size was asked for. */
  static final int SERVED_PAGE_SIZE = 250;
  private static final Set<String> DEFAULT_MODES = Set.of("standard", "retrospective");
  /** Categories left out unless a {@code status_category} filter is sent. */
  static final Set<String> HIDDEN_CATEGORIES = Set.of("declined", "canceled", "merged");
  private static final Set<String> PLAIN = Set.of("page_size", "after", "sort_by", "filter_mode");
  private static final List<FieldSpec> FIELDS = List.of(
      FieldSpec.of("status", "one_of", "not_in"),
      FieldSpec.of("status_category", "one_of", "not_in"),
      FieldSpec.of("severity", "one_of", "not_in", "gte", "lte"),
      FieldSpec.of("incident_type", "one_of", "not_in"),
      FieldSpec.of("created_at", "gte", "lte", "date_range"),
      FieldSpec.of("updated_at", "gte", "lte", "date_range"),
      FieldSpec.of("mode", "one_of"),
      FieldSpec.keyed("incident_role", "one_of", "is_blank"),
      FieldSpec.keyed("custom_field", "one_of", "not_in"));

  private final Tables tables;
  private final Catalog catalog;
  private final RuntimeSettings settings;

  IncidentsEndpoint(Tables tables, RuntimeSettings settings) {
    this.tables = tables;
    this.catalog = tables.catalog();
    this.settings = settings;
  }

  ApiResponse list(QueryParams params) {
    FilterParser.Parsed query = FilterParser.parse(params, PLAIN, FIELDS);
    PageRequest request =
        PageRequest.parse(query, false, MAX_PAGE_SIZE, settings.servedPageSize(PATH));
    DateFilter.refuseTwoBounds(query.filters());
    boolean oldestFirst = sortOrder(query.single("sort_by"));
    boolean any = filterMode(query.single("filter_mode"));

    Set<String> modes = DEFAULT_MODES;
    boolean hideCategories = true;
    List<Predicate<IncidentRow>> filters = new ArrayList<>();
    for (FilterParam f : query.filters()) {
      hideCategories &= !f.field().equals("status_category");
      if (f.field().equals("mode")) {
        modes = new HashSet<>(FilterParser.listValues(f));
      } else {
        filters.add(predicate(f));
      }
    }
    Predicate<IncidentRow> combined = combine(filters, any);
    Set<String> scope = modes;
    // The categories hidden by default are the API's own default, never a filter of the request.
    Set<String> hidden = hideCategories ? HIDDEN_CATEGORIES : Set.of();
    Predicate<IncidentRow> shown =
        row -> !hidden.contains(catalog.statuses().get(row.statusIndex()).category());
    Predicate<IncidentRow> filter;
    if (any && !filters.isEmpty() && settings.scopesJoinAnyFilter()) {
      filter = row -> shown.test(row) && (scope.contains(row.mode()) || combined.test(row));
    } else {
      filter = row -> shown.test(row) && scope.contains(row.mode()) && combined.test(row);
    }

    List<IncidentRow> order = oldestFirst ? Pager.reversed(tables.incidents()) : tables.incidents();
    int size = tables.incidents().size();
    int start = Pager.start(request.after(), id -> {
      int at = tables.incidentPosition(id);
      return at < 0 || !oldestFirst ? at : size - 1 - at;
    });
    Pager.Page<IncidentRow> page = Pager.cut(order, start, request.size(), filter,
        IncidentRow::id, settings.trailingCursorOnFullPage(), true);
    return ApiResponse.ok(ListBody.of("incidents", page, request.size(),
        row -> IncidentJson.full(tables, row)));
  }

  /**
   * One incident of any mode and status category, by its ULID or by the number of its reference
   * ({@code 84} for {@code INC-84}), as the live API answers (LIVE-API-NOTES, Incidents 6). The
   * number is taken only in its plain decimal form ({@code 084} and {@code INC-84} are 404s).
   */
  ApiResponse show(String id, QueryParams params) {
    int position = tables.incidentPosition(id);
    if (position < 0) {
      position = positionOfReference(id);
    }
    return ShowBody.of(params, "incident",
        position < 0 ? null : IncidentJson.full(tables, tables.incidents().get(position)),
        "No incident with id or reference number '" + id + "' was found");
  }

  private int positionOfReference(String number) {
    if (!number.matches("[1-9][0-9]{0,8}")) {
      return -1;
    }
    int wanted = Integer.parseInt(number);
    // References count up in creation order while rows are newest first: INC-n sits at size - n.
    int at = tables.incidents().size() - wanted;
    return at >= 0 && tables.incidents().get(at).externalId() == wanted ? at : -1;
  }

  private static boolean sortOrder(String sortBy) {
    if (sortBy == null || sortBy.equals("created_at_newest_first")) {
      return false;
    }
    if (sortBy.equals("created_at_oldest_first")) {
      return true;
    }
    throw ApiError.invalidValue("sort_by", "sort_by must be created_at_newest_first or "
        + "created_at_oldest_first, not '" + sortBy + "'");
  }

  private static boolean filterMode(String mode) {
    if (mode == null || mode.equals("all")) {
      return false;
    }
    if (mode.equals("any")) {
      return true;
    }
    throw ApiError.invalidValue("filter_mode", "filter_mode must be all or any, not '" + mode + "'");
  }

  private static Predicate<IncidentRow> combine(List<Predicate<IncidentRow>> filters, boolean any) {
    if (filters.isEmpty()) {
      return row -> true;
    }
    Predicate<IncidentRow> out = filters.get(0);
    for (int i = 1; i < filters.size(); i++) {
      out = any ? out.or(filters.get(i)) : out.and(filters.get(i));
    }
    return out;
  }

  private Predicate<IncidentRow> predicate(FilterParam f) {
    boolean in = f.operator().equals("one_of");
    switch (f.field()) {
      case "status": {
        Set<String> ids = new HashSet<>(FilterParser.listValues(f));
        return row -> ids.contains(catalog.statuses().get(row.statusIndex()).id()) == in;
      }
      case "status_category": {
        Set<String> categories = new HashSet<>();
        for (String v : FilterParser.listValues(f)) {
          categories.add(v.equals("active") ? "live" : v.equals("post-incident") ? "learning" : v);
        }
        return row -> categories.contains(
            catalog.statuses().get(row.statusIndex()).category()) == in;
      }
      case "severity":
        return severity(f, in);
      case "incident_type": {
        Set<String> ids = new HashSet<>(FilterParser.listValues(f));
        return row -> (row.typeIndex() >= 0
            && ids.contains(catalog.incidentTypes().get(row.typeIndex()).id())) == in;
      }
      case "created_at": {
        LongPredicate dates = DateFilter.of(f, true);
        return row -> dates.test(row.createdMicros());
      }
      case "updated_at": {
        LongPredicate dates = DateFilter.of(f, true);
        return row -> dates.test(row.updatedMicros());
      }
      case "incident_role":
        return role(f);
      case "custom_field":
        return customField(f, in);
      default:
        throw new IllegalStateException(f.field());
    }
  }

  private Predicate<IncidentRow> severity(FilterParam f, boolean in) {
    if (f.operator().equals("gte") || f.operator().equals("lte")) {
      String id = FilterParser.singleValue(f);
      int index = catalog.severityIndex(id);
      if (index < 0) {
        throw ApiError.invalidValue(f.name(), "No severity with id '" + id + "'");
      }
      int rank = catalog.severities().get(index).rank();
      boolean atLeast = f.operator().equals("gte");
      return row -> {
        if (row.severityIndex() < 0) {
          return false;
        }
        int own = catalog.severities().get(row.severityIndex()).rank();
        return atLeast ? own >= rank : own <= rank;
      };
    }
    Set<String> ids = new HashSet<>(FilterParser.listValues(f));
    return row -> (row.severityIndex() >= 0
        && ids.contains(catalog.severities().get(row.severityIndex()).id())) == in;
  }

  private Predicate<IncidentRow> role(FilterParam f) {
    int role = catalog.roleIndex(f.key());
    if (role < 0) {
      throw ApiError.invalidValue(f.name(), "No incident role with id '" + f.key() + "'");
    }
    if (f.operator().equals("is_blank")) {
      boolean blank = FilterParser.booleanValue(f);
      return row -> (row.assigneeOf(role) < 0) == blank;
    }
    Set<String> users = new HashSet<>(FilterParser.listValues(f));
    return row -> {
      int user = row.assigneeOf(role);
      return user >= 0 && users.contains(catalog.users().get(user).id());
    };
  }

  private Predicate<IncidentRow> customField(FilterParam f, boolean in) {
    int field = catalog.customFieldIndex(f.key());
    if (field < 0) {
      throw ApiError.invalidValue(f.name(), "No custom field with id '" + f.key() + "'");
    }
    Catalog.CustomField spec = catalog.customFields().get(field);
    if (!spec.isSelectable()) {
      throw ApiError.validation(f.name(), "invalid_operator", "Custom field '" + spec.name()
          + "' is a " + spec.fieldType() + " field, which accepts neither one_of nor not_in");
    }
    Set<String> ids = new HashSet<>(FilterParser.listValues(f));
    return row -> {
      boolean found = false;
      for (int k = 0; k < row.valueCount(field) && !found; k++) {
        found = ids.contains(spec.valueId(row.valueAt(field, k)));
      }
      return found == in;
    };
  }
}
