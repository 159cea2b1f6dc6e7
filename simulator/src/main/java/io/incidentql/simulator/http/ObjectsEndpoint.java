package io.incidentql.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Handler of a list endpoint over objects kept as the JSON it serves, described as data: its
 * paging, its required and plain parameters, and its {@code field[operator]} filters.
 *
 * <p>A plain parameter's predicate is asked about every object, with the parameter's value or
 * null when it is absent or empty, so that a parameter can have a default ({@code incident_mode}
 * leaves test and tutorial incidents' records out unless sent). A required parameter missing is
 * a 422 {@code is_required}; any parameter the endpoint does not take is a 422, as on the other
 * endpoints. A paged endpoint cuts pages as {@link Pager} does, {@code after} being the id of the
 * previous page's last object; an unpaged one returns every match in one response without
 * {@code pagination_meta}.
 */
final class ObjectsEndpoint {
  private final String path;
  private final String listField;
  private final int maxPageSize;
  private final boolean pageSizeRequired;
  private final List<ObjectNode> items;
  private final Set<String> required;
  private final Map<String, BiPredicate<ObjectNode, String>> params;
  private final List<FilterParser.FieldSpec> specs;
  private final Map<String, Function<FilterParam, Predicate<ObjectNode>>> filters;
  private final RuntimeSettings settings;

  private ObjectsEndpoint(Builder b) {
    this.path = b.path;
    this.listField = b.listField;
    this.maxPageSize = b.maxPageSize;
    this.pageSizeRequired = b.pageSizeRequired;
    this.items = b.items;
    this.required = Set.copyOf(b.required);
    this.params = Map.copyOf(b.params);
    this.specs = List.copyOf(b.specs);
    this.filters = Map.copyOf(b.filters);
    this.settings = b.settings;
  }

  static Builder builder(String path, String listField, List<ObjectNode> items,
      RuntimeSettings settings) {
    return new Builder(path, listField, items, settings);
  }

  String path() {
    return path;
  }

  ApiResponse list(QueryParams query) {
    Set<String> plain = new HashSet<>(params.keySet());
    if (maxPageSize > 0) {
      plain.add("page_size");
      plain.add("after");
    }
    FilterParser.Parsed parsed = FilterParser.parse(query, plain, specs);
    for (String name : required) {
      if (parsed.single(name) == null) {
        throw ApiError.validation(name, "is_required", name + " is required");
      }
    }
    Predicate<ObjectNode> keep = n -> true;
    for (Map.Entry<String, BiPredicate<ObjectNode, String>> p : params.entrySet()) {
      String value = parsed.single(p.getKey());
      BiPredicate<ObjectNode, String> test = p.getValue();
      keep = keep.and(n -> test.test(n, value));
    }
    DateFilter.refuseTwoBounds(parsed.filters());
    for (FilterParam f : parsed.filters()) {
      keep = keep.and(filters.get(f.field()).apply(f));
    }
    if (maxPageSize == 0) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      ArrayNode list = body.putArray(listField);
      for (ObjectNode n : items) {
        if (keep.test(n)) {
          list.add(n.deepCopy());
        }
      }
      return ApiResponse.ok(body);
    }
    PageRequest request = PageRequest.parse(parsed, pageSizeRequired, maxPageSize,
        settings.servedPageSize(path));
    int start = Pager.start(request.after(),
        id -> Resource.position(items, ObjectsEndpoint::id, id));
    Pager.Page<ObjectNode> page = Pager.cut(items, start, request.size(), keep,
        ObjectsEndpoint::id, settings.trailingCursorOnFullPage(), false);
    return ApiResponse.ok(ListBody.of(listField, page, request.size(), ObjectNode::deepCopy));
  }

  private static String id(ObjectNode n) {
    return n.get("id").asText();
  }

  /** The text at a dotted path of an object, or null when a part is absent. */
  static String text(JsonNode node, String dottedPath) {
    JsonNode at = node;
    for (String part : dottedPath.split("\\.")) {
      at = at == null ? null : at.get(part);
    }
    return at == null || at.isNull() ? null : at.asText();
  }

  /** The ids of the objects of an array field. */
  static List<String> ids(JsonNode node, String arrayField) {
    List<String> out = new ArrayList<>();
    JsonNode array = node.get(arrayField);
    if (array != null) {
      array.forEach(item -> out.add(item.get("id").asText()));
    }
    return out;
  }

  /** Builder of an endpoint's description. */
  static final class Builder {
    private final String path;
    private final String listField;
    private final List<ObjectNode> items;
    private final RuntimeSettings settings;
    private int maxPageSize;
    private boolean pageSizeRequired;
    private final Set<String> required = new HashSet<>();
    private final Map<String, BiPredicate<ObjectNode, String>> params = new LinkedHashMap<>();
    private final List<FilterParser.FieldSpec> specs = new ArrayList<>();
    private final Map<String, Function<FilterParam, Predicate<ObjectNode>>> filters =
        new LinkedHashMap<>();

    private Builder(String path, String listField, List<ObjectNode> items,
        RuntimeSettings settings) {
      this.path = path;
      this.listField = listField;
      this.items = items;
      this.settings = settings;
    }

    /** Pages of at most {@code max} objects, 25 unless asked; {@code required}: no default. */
    Builder pages(int max, boolean pageSizeIsRequired) {
      this.maxPageSize = max;
      this.pageSizeRequired = pageSizeIsRequired;
      return this;
    }

    /** A plain parameter; {@code test} gets each object and the value, or null when not sent. */
    Builder param(String name, BiPredicate<ObjectNode, String> test) {
      params.put(name, test);
      return this;
    }

    /** A plain parameter that keeps the objects whose field at {@code dottedPath} equals it. */
    Builder equalsParam(String name, String dottedPath) {
      return param(name, (n, v) -> v == null || v.equals(text(n, dottedPath)));
    }

    /** A plain parameter every request must send. */
    Builder required(String name, String dottedPath) {
      required.add(name);
      return equalsParam(name, dottedPath);
    }

    /**
     * {@code field[one_of]} and {@code field[not_in]} over the values {@code values} gives an
     * object; {@code not_in} passes an object without any.
     */
    Builder list(String field, Function<ObjectNode, List<String>> values) {
      specs.add(FilterParser.FieldSpec.of(field, "one_of", "not_in"));
      filters.put(field, f -> {
        Set<String> wanted = Set.copyOf(FilterParser.listValues(f));
        boolean in = f.operator().equals("one_of");
        return n -> values.apply(n).stream().anyMatch(wanted::contains) == in;
      });
      return this;
    }

    /** {@code field[gte|lte|date_range]} on the timestamp at {@code field}. */
    Builder dates(String field, boolean rangeByDate) {
      specs.add(FilterParser.FieldSpec.of(field, "gte", "lte", "date_range"));
      filters.put(field, f -> {
        java.util.function.LongPredicate test = DateFilter.of(f, rangeByDate);
        return n -> {
          java.time.Instant t = java.time.Instant.parse(text(n, field));
          return test.test(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
        };
      });
      return this;
    }

    /** {@code field[is]}, which no object matches. */
    Builder neverMatches(String field) {
      specs.add(FilterParser.FieldSpec.of(field, "is"));
      filters.put(field, f -> {
        FilterParser.singleValue(f);
        return n -> false;
      });
      return this;
    }

    ObjectsEndpoint build() {
      return new ObjectsEndpoint(this);
    }
  }
}
