package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiRequest;

/** Exception that ends a scan whose statement was cancelled while it was reading pages. */
public final class QueryCancelledException extends RuntimeException {
  public QueryCancelledException(ApiRequest request) {
    super("Query cancelled while reading " + request.path());
  }
}
