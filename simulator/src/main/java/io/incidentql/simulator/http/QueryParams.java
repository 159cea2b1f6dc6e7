package io.incidentql.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Decoded query parameters of one request, in the order they were sent, repeated names kept.
 *
 * <p>Names and values are percent-decoded as form data ({@code +} is a space); a parameter sent
 * without {@code =} has the empty string as its value.
 */
public final class QueryParams {
  private final List<Map.Entry<String, String>> entries;

  private QueryParams(List<Map.Entry<String, String>> entries) {
    this.entries = List.copyOf(entries);
  }

  static QueryParams of(HttpUrl url) {
    List<Map.Entry<String, String>> out = new ArrayList<>(url.querySize());
    for (int i = 0; i < url.querySize(); i++) {
      String value = url.queryParameterValue(i);
      out.add(Map.entry(url.queryParameterName(i), value == null ? "" : value));
    }
    return new QueryParams(out);
  }

  static QueryParams of(List<Map.Entry<String, String>> entries) {
    return new QueryParams(entries);
  }

  /** Every name/value pair in the order received. */
  public List<Map.Entry<String, String>> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Values per name, names in order of first appearance. */
  Map<String, List<String>> grouped() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries) {
      out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
    return out;
  }

  /** The single value of {@code name}, or null when absent. */
  String first(String name) {
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equals(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
