package io.incidentql.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Response an endpoint computed, before faults and serialization: a status and a JSON body. */
record ApiResponse(int status, ObjectNode body) {
  static ApiResponse ok(ObjectNode body) {
    return new ApiResponse(200, body);
  }
}
