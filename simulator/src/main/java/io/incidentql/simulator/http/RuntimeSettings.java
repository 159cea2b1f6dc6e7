package io.incidentql.simulator.http;

import java.time.Duration;
import java.util.Objects;

/** Holder of the switches a running simulator lets tests flip between requests. */
public final class RuntimeSettings {
  private volatile Duration latency;
  private volatile boolean trailingCursorOnFullPage;
  private volatile boolean scopesJoinAnyFilter;

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
}
