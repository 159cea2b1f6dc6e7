package io.incidentql.adapter.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * Immutable description of one API call: a path and its query parameters, in order, not yet
 * URL-encoded. The client adds the cursor as it pages, in {@code after} unless the request names
 * another parameter (see {@link #pagedBy}); everything else, including {@code page_size}, is part
 * of the request.
 *
 * <p>{@link #toString()} gives the readable form used in EXPLAIN output and in error messages:
 * {@code GET /v2/alerts?page_size=50&status[one_of]=firing}.
 */
public final class ApiRequest {
  /** The parameter that carries the cursor of the next page unless a request names another. */
  public static final String AFTER = "after";

  private final String path;
  private final List<Param> params;
  private final String cursorParam;

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

  private ApiRequest(String path, List<Param> params, String cursorParam) {
    this.path = Objects.requireNonNull(path, "path");
    this.params = List.copyOf(params);
    this.cursorParam = Objects.requireNonNull(cursorParam, "cursorParam");
  }

  public static ApiRequest of(String path) {
    return new ApiRequest(path, List.of(), AFTER);
  }

  /**
   * Returns a copy whose next pages carry the cursor in {@code name} instead of {@code after}:
   * {@code /v2/schedule_entries} takes it back in {@code entry_window_start}.
   */
  public ApiRequest pagedBy(String name) {
    return new ApiRequest(path, params, name);
  }

  /** The parameter that carries the cursor of the next page. */
  public String cursorParam() {
    return cursorParam;
  }

  /** Returns a copy with one more parameter (names may repeat, as in {@code mode[one_of]}). */
  public ApiRequest with(String name, String value) {
    List<Param> copy = new ArrayList<>(params);
    copy.add(new Param(name, value));
    return new ApiRequest(path, copy, cursorParam);
  }

  /** Returns a copy without any parameter of the given name. */
  public ApiRequest without(String name) {
    List<Param> copy = new ArrayList<>(params);
    copy.removeIf(p -> p.name().equals(name));
    return new ApiRequest(path, copy, cursorParam);
  }

  public String path() {
    return path;
  }

  /** Returns the path's segments, or null if one is empty or a dot segment. */
  private List<String> pathSegments() {
    String p = path.startsWith("/") ? path.substring(1) : path;
    List<String> out = new ArrayList<>();
    for (String s : p.split("/", -1)) {
      // OkHttp resolves "." and ".." segments against the path, so such a segment (an id of
      // "..", say) would silently reach a different endpoint.
      if (s.isEmpty() || s.equals(".") || s.equals("..")) {
        return null;
      }
      out.add(s);
    }
    return out;
  }

  /**
   * Returns the URL of this request under {@code base}, or null if its path has an empty,
   * {@code .} or {@code ..} segment. Each segment is URL-encoded, so an id placed in a path may
   * contain any character but {@code /}; parameter names and values are encoded as query
   * components, so {@code status[one_of]} goes out as {@code status%5Bone_of%5D} and a value such
   * as {@code firing&page_size=1} stays one value.
   */
  HttpUrl url(HttpUrl base) {
    List<String> segments = pathSegments();
    if (segments == null) {
      return null;
    }
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    for (Param p : params) {
      b.addQueryParameter(p.name(), p.value());
    }
    return b.build();
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
    return o instanceof ApiRequest r && r.path.equals(path) && r.params.equals(params)
        && r.cursorParam.equals(cursorParam);
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
