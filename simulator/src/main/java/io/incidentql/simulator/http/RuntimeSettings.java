package io.incidentql.simulator.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Holder of the switches a running simulator lets tests flip between requests. */
public final class RuntimeSettings {
  private volatile Duration latency;
  private volatile boolean trailingCursorOnFullPage;
  private volatile boolean scopesJoinAnyFilter;
  /** Per path, the most objects a page holds; incidents start at the live API's 250. */
  private final Map<String, Integer> servedPageSizes =
      new ConcurrentHashMap<>(Map.of(IncidentsEndpoint.PATH, IncidentsEndpoint.SERVED_PAGE_SIZE));

  public RuntimeSettings(Duration latency, boolean trailingCursorOnFullPage) {
    setLatency(latency);
    this.trailingCursorOnFullPage = trailingCursorOnFullPage;
  }

  public Duration latency() {
    return latency;
  }

  public void setLatency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    this.latency = latency;
  }

  public boolean trailingCursorOnFullPage() {
    return trailingCursorOnFullPage;
  }

  public void setTrailingCursorOnFullPage(boolean value) {
    this.trailingCursorOnFullPage = value;
  }

  /** Whether {@code filter_mode=any} ORs the scope filters (the mode) with the others. */
  public boolean scopesJoinAnyFilter() {
    return scopesJoinAnyFilter;
  }

  public void setScopesJoinAnyFilter(boolean value) {
    this.scopesJoinAnyFilter = value;
  }

  /**
   * The most objects one page of the endpoint at {@code path} holds, whatever page size was
   * asked for; {@link Integer#MAX_VALUE} where only the asked size counts.
   */
  public int servedPageSize(String path) {
    return servedPageSizes.getOrDefault(path, Integer.MAX_VALUE);
  }

  public void setServedPageSize(String path, int value) {
    Objects.requireNonNull(path, "path");
    if (value < 1) {
      throw new IllegalArgumentException("a page must hold at least one object: " + value);
    }
    servedPageSizes.put(path, value);
  }
}
