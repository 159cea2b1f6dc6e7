package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiRequest;

/**
 * Exception that ends a query whose statement was cancelled, or whose thread was interrupted,
 * while it was planned or reading pages.
 */
public final class QueryCancelledException extends RuntimeException {
  public QueryCancelledException(ApiRequest request) {
    this("Query cancelled while reading " + request.path());
  }

  public QueryCancelledException(String message) {
    super(message);
  }
}
