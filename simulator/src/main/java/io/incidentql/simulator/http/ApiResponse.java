package io.incidentql.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Response an endpoint computed, before faults and serialization: a status, a JSON body and the
 * headers it adds (the rate-limit ones).
 */
record ApiResponse(int status, ObjectNode body, Map<String, String> headers) {
  ApiResponse(int status, ObjectNode body) {
    this(status, body, Map.of());
  }

  static ApiResponse ok(ObjectNode body) {
    return new ApiResponse(200, body);
  }

  /** This response with {@code more} headers added. */
  ApiResponse withHeaders(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new ApiResponse(status, body, all);
  }
}
