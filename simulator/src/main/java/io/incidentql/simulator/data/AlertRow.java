package io.incidentql.simulator.data;

/**
 * Compact row of one alert: the fields the API filters and sorts on, plus a seed from which
 * {@link AlertJson} derives the rest (title, description, attributes...), so that 200,000 rows
 * stay small in memory.
 *
 * @param resolvedMicros when the alert was resolved, or {@link #ABSENT} when it was not
 * @param heldByMaintenanceWindow hidden flag behind {@code include_maintenance_window[is]=false};
 *     the API does not return it
 */
public record AlertRow(
    String id,
    long createdMicros,
    long updatedMicros,
    long resolvedMicros,
    String status,
    int sourceIndex,
    String deduplicationKey,
    boolean heldByMaintenanceWindow,
    long renderSeed) {

  /** Marker for a time the row does not have. */
  public static final long ABSENT = Long.MIN_VALUE;
}
