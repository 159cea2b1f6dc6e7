package io.incidentql.adapter.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Immutable description of one API call: a path and its query parameters, in order, not yet
 * URL-encoded. The client adds the {@code after} cursor as it pages; everything else, including
 * {@code page_size}, is part of the request.
 *
 * <p>{@link #toString()} gives the readable form used in EXPLAIN output and in error messages:
 * {@code GET /v2/alerts?page_size=50&status[one_of]=firing}.
 */
public final class ApiRequest {
  private final String path;
  private final List<Param> params;

  /** One query parameter. */
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

  private ApiRequest(String path, List<Param> params) {
    this.path = Objects.requireNonNull(path, "path");
    this.params = List.copyOf(params);
  }

  public static ApiRequest of(String path) {
    return new ApiRequest(path, List.of());
  }

  /** Returns a copy with one more parameter (names may repeat, as in {@code mode[one_of]}). */
  public ApiRequest with(String name, String value) {
    List<Param> copy = new ArrayList<>(params);
    copy.add(new Param(name, value));
    return new ApiRequest(path, copy);
  }

  /** Returns a copy without any parameter of the given name. */
  public ApiRequest without(String name) {
    List<Param> copy = new ArrayList<>(params);
    copy.removeIf(p -> p.name().equals(name));
    return new ApiRequest(path, copy);
  }

  public String path() {
    return path;
  }

  public List<Param> params() {
    return params;
  }

  /** Returns the value of the first parameter with the given name, or null. */
  public String param(String name) {
    for (Param p : params) {
      if (p.name().equals(name)) {
        return p.value();
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiRequest r && r.path.equals(path) && r.params.equals(params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, params);
  }

  @Override
  public String toString() {
    if (params.isEmpty()) {
      return "GET " + path;
    }
    return "GET " + path + "?" + params.stream().map(Param::toString).collect(Collectors.joining("&"));
  }
}
