/**
 * The simulator's HTTP side: routing, authentication, rate limiting, query parameter parsing,
 * filters, pagination, error bodies and injected faults, on top of MockWebServer.
 *
 * <p>Not a public API: use {@link io.incidentql.simulator.Simulator}.
 */
package io.incidentql.simulator.http;
