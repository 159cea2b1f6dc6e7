package io.incidentql.simulator.http;

/** Supplier of the injected fault for a request, consumed as it is handed out. */
@FunctionalInterface
public interface FaultSource {
  /** Returns and consumes the first pending fault that applies, or null. */
  Fault take(String path, boolean hasCursor);
}
