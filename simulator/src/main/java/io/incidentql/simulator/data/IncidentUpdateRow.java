package io.incidentql.simulator.data;

/**
 * Compact row of one incident update.
 *
 * @param severityIndex index of {@code new_severity}, or -1 when absent
 * @param mergedIntoIndex incident the incident was merged into, or -1 when absent
 */
public record IncidentUpdateRow(String id, int incidentIndex, long createdMicros, int statusIndex,
    int severityIndex, int mergedIntoIndex, long renderSeed) {}
