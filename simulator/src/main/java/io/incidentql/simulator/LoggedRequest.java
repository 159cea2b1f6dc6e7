package io.incidentql.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable record of one request the simulator received: method, path, decoded query
 * parameters in the order sent, and the status answered. Headers are not kept, so the API key
 * never is.
 *
 * <p>{@link #toString()} reads like the request with decoded parameters, e.g.
 * {@code GET /v2/alerts?page_size=50&status[one_of]=firing}.
 *
 * @param path the path as sent, without the query
 * @param status the status sent, or 0 when the connection was closed without a response
 */
public record LoggedRequest(String method, String path, List<Param> params, int status) {
  /** One decoded query parameter. */
  public record Param(String name, String value) {
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return name + "=" + value;
    }
  }

  public LoggedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    params = List.copyOf(params);
  }

  /** The first value of parameter {@code name}. */
  public Optional<String> param(String name) {
    for (Param p : params) {
      if (p.name().equals(name)) {
        return Optional.of(p.value());
      }
    }
    return Optional.empty();
  }

  /** Every value of parameter {@code name}, in order. */
  public List<String> params(String name) {
    List<String> out = new ArrayList<>();
    for (Param p : params) {
      if (p.name().equals(name)) {
        out.add(p.value());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(method).append(' ').append(path);
    for (int i = 0; i < params.size(); i++) {
      out.append(i == 0 ? '?' : '&').append(params.get(i));
    }
    return out.toString();
  }
}
