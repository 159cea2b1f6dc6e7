package io.incidentql.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Summary statistics of repeated measurements, and the helper the suites share to read text
 * from the simulator's data.
 */
final class Stats {
  private Stats() {}

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double min(List<Double> values) {
    return Collections.min(values);
  }

  static String ms(double millis) {
    return millis >= 100 ? String.format("%.0f ms", millis) : String.format("%.2f ms", millis);
  }

  /** The text at a path of fields in a row of the simulator's data ("" where it is absent). */
  static String text(com.fasterxml.jackson.databind.JsonNode n, String... path) {
    for (String p : path) {
      n = n.path(p);
    }
    return n.asText();
  }
}
