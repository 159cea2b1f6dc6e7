package io.incidentql.simulator.data;

/**
 * Compact row of one incident alert: the link between an alert and an incident, by their
 * positions in {@link Tables#alerts()} and {@link Tables#incidents()}.
 *
 * @param routeIndex index into the catalog's alert routes, or -1 when {@code alert_route_id} is
 *     absent
 */
public record IncidentAlertRow(String id, int alertIndex, int incidentIndex, int routeIndex,
    long renderSeed) {}
