package io.incidentql.simulator.http;

import io.incidentql.simulator.data.Catalog;
import io.incidentql.simulator.data.Catalog.CustomFieldOption;
import java.util.List;
import java.util.Set;

/**
 * Handler of {@code GET /v1/custom_field_options} and {@code GET /v1/custom_field_options/{id}}.
 *
 * <p>{@code custom_field_id} is required, as the contract says: missing or empty, it is a 422
 * {@code is_required} naming it. The options of that field come in their {@code sort_key}
 * order; {@code page_size} defaults to 25 and may be 1 to 250, and {@code after} is the id of the
 * previous page's last option. A custom field id that is no field, or a field without options
 * (free-form and catalog-backed fields), gives an empty list: the contract does not say what an
 * unknown id gets, and an empty list is what a client that reads every field's options should
 * survive.
 */
final class CustomFieldOptionsEndpoint {
  static final String PATH = "/v1/custom_field_options";
  static final int MAX_PAGE_SIZE = 250;
  private static final Set<String> PLAIN = Set.of("page_size", "after", "custom_field_id");

  private final Catalog catalog;
  private final Resource<CustomFieldOption> options;
  private final RuntimeSettings settings;

  CustomFieldOptionsEndpoint(Catalog catalog, Resource<CustomFieldOption> options,
      RuntimeSettings settings) {
    this.catalog = catalog;
    this.options = options;
    this.settings = settings;
  }

  ApiResponse list(QueryParams params) {
    FilterParser.Parsed query = FilterParser.parse(params, PLAIN, List.of());
    String fieldId = query.single("custom_field_id");
    if (fieldId == null) {
      throw ApiError.validation("custom_field_id", "is_required", "custom_field_id is required");
    }
    PageRequest request = PageRequest.parse(query, false, MAX_PAGE_SIZE,
        settings.servedPageSize(PATH));
    int field = catalog.customFieldIndex(fieldId);
    List<CustomFieldOption> ofField =
        field < 0 ? List.of() : catalog.customFields().get(field).options();
    int start = Pager.start(request.after(),
        id -> Resource.position(ofField, CustomFieldOption::id, id));
    Pager.Page<CustomFieldOption> page = Pager.cut(ofField, start, request.size(), o -> true,
        CustomFieldOption::id, settings.trailingCursorOnFullPage(), false);
    return ApiResponse.ok(
        ListBody.of(options.listField(), page, request.size(), options.render()));
  }

  ApiResponse show(String id, QueryParams params) {
    return options.show(id, params);
  }
}
