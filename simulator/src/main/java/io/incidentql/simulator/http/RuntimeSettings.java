package io.incidentql.simulator.http;

import java.time.Duration;
import java.util.Objects;

/** Holder of the switches a running simulator lets tests flip between requests. */
public final class RuntimeSettings {
  private volatile Duration latency;
  private volatile boolean trailingCursorOnFullPage;
  private volatile boolean scopesJoinAnyFilter;
  private volatile int incidentsPerPage = IncidentsEndpoint.SERVED_PAGE_SIZE;

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

  /** The most incidents one page holds, whatever page size was asked for. */
  public int incidentsPerPage() {
    return incidentsPerPage;
  }

  public void setIncidentsPerPage(int value) {
    if (value < 1 || value > IncidentsEndpoint.SERVED_PAGE_SIZE) {
      throw new IllegalArgumentException("incidents per page must be 1 to "
          + IncidentsEndpoint.SERVED_PAGE_SIZE + ": " + value);
    }
    this.incidentsPerPage = value;
  }
}
