package io.incidentql.simulator.http;

/**
 * Page size and cursor of a list request, validated against the endpoint's
 * limits.
 *
 * @param after the cursor, or null for the first page (an empty {@code after=} counts as absent)
 */
record PageRequest(int size, String after) {
  static final int DEFAULT_SIZE = 25;

  /**
   * @param required whether a missing {@code page_size} is a 422 (alerts, incident alerts) or
   *     means {@link #DEFAULT_SIZE}
   * @param max the largest accepted page size
   * @param served the most objects a page holds whatever was asked for (see
   *     {@link RuntimeSettings#servedPageSize}); the size returned, and echoed in
   *     {@code pagination_meta.page_size}, is the smaller of the two
   */
  static PageRequest parse(FilterParser.Parsed query, boolean required, int max, int served) {
    int size = DEFAULT_SIZE;
    if (!query.has("page_size")) {
      if (required) {
        throw ApiError.validation("page_size", "is_required", "page_size is required");
      }
    } else {
      java.util.List<String> values = query.plain().get("page_size");
      if (values.size() > 1) {
        throw ApiError.invalidValue("page_size", "Only one value may be given for 'page_size'");
      }
      String text = values.get(0);
      try {
        size = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw ApiError.invalidValue("page_size", "page_size must be an integer, not '" + text + "'");
      }
      if (size < 1 || size > max) {
        throw ApiError.invalidValue("page_size",
            "page_size must be between 1 and " + max + ", not " + size);
      }
    }
    return new PageRequest(Math.min(size, served), query.single("after"));
  }
}
