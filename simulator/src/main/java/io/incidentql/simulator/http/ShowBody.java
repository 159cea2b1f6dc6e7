package io.incidentql.simulator.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builder of show-by-id response bodies, {@code {"<field>": {...}}}, and of the 404 when there is
 * no such object.
 */
final class ShowBody {
  private ShowBody() {}

  /**
   * Answers {@code GET <path>/{id}}: a 422 for any query parameter (show endpoints take none),
   * a 404 {@code resource_not_found} when {@code found} is null, else the object under
   * {@code field}.
   */
  static ApiResponse of(QueryParams params, String field, ObjectNode found, String notFound) {
    if (!params.isEmpty()) {
      String name = params.entries().get(0).getKey();
      throw ApiError.validation(name, "unknown_parameter",
          "Unknown query parameter '" + name + "'");
    }
    if (found == null) {
      throw ApiError.resourceNotFound(notFound);
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set(field, found);
    return ApiResponse.ok(body);
  }
}
