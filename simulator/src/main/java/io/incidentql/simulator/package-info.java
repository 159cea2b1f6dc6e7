/**
 * A local stand-in for api.incident.io: {@link io.incidentql.simulator.Simulator} serves the five
 * documented endpoints ({@code /v2/alerts}, {@code /v2/alerts/{id}}, {@code /v2/incidents},
 * {@code /v2/incident_alerts}, {@code /v2/incident_updates}) over seeded generated data, with
 * their filters, pagination, error bodies and rate limit, for tests, demos and benchmarks.
 *
 * <p>Public API: {@link io.incidentql.simulator.Simulator},
 * {@link io.incidentql.simulator.SimulatorConfig}, {@link io.incidentql.simulator.Dataset},
 * {@link io.incidentql.simulator.RequestLog}, {@link io.incidentql.simulator.LoggedRequest} and
 * {@link io.incidentql.simulator.FaultPlan}. The {@code data} and {@code http} packages are
 * internal.
 */
package io.incidentql.simulator;
