/**
 * A local stand-in for api.incident.io: {@link io.incidentql.simulator.Simulator} serves the five
 * documented endpoints ({@code /v2/alerts}, {@code /v2/alerts/{id}}, {@code /v2/incidents},
 * {@code /v2/incident_alerts}, {@code /v2/incident_updates}), {@code /v2/incidents/{id}}, and the
 * contract's lookup endpoints with their show-by-id paths ({@code /v1/severities},
 * {@code /v1/incident_statuses}, {@code /v1/incident_types}, {@code /v2/incident_roles},
 * {@code /v2/incident_timestamps}, {@code /v2/custom_fields}, {@code /v1/custom_field_options},
 * {@code /v2/users}, {@code /v2/alert_sources}, {@code /v2/alert_attributes}) over seeded
 * generated data, with their filters, pagination, error bodies and rate limits, for tests,
 * demos and benchmarks. Incidents, updates and alerts point only at objects the lookup endpoints
 * list.
 *
 * <p>Public API: {@link io.incidentql.simulator.Simulator},
 * {@link io.incidentql.simulator.SimulatorConfig}, {@link io.incidentql.simulator.Dataset},
 * {@link io.incidentql.simulator.RequestLog}, {@link io.incidentql.simulator.LoggedRequest} and
 * {@link io.incidentql.simulator.FaultPlan}, and the account's typed reference objects that
 * {@link io.incidentql.simulator.Dataset#catalog()} returns
 * ({@link io.incidentql.simulator.data.Catalog} and its records). The rest of the {@code data}
 * package and the {@code http} package are internal.
 *
 * <h2>Where each behaviour comes from</h2>
 *
 * <p>By default the simulator behaves as the live API does; where the five documentation pages
 * ({@code api-docs/*.md}), the newer OpenAPI contract ({@code openapi-subset.json}) and the
 * observations of {@code LIVE-API-NOTES.md} differ, the later source wins:
 * <table>
 *   <caption>Behaviours and their sources</caption>
 *   <tr><th>behaviour</th><th>source</th></tr>
 *   <tr><td>endpoints, filters and operators, {@code filter_mode}, {@code sort_by},
 *       {@code pagination_meta}, error shapes, 401 codes</td><td>the five pages</td></tr>
 *   <tr><td>1,200 requests a minute per key</td><td>the pages and the contract</td></tr>
 *   <tr><td>{@code /v2/incidents} held to 60 requests a minute, announced as
 *       {@code X-RateLimit-Limit: 60, 1200;window=60, 60;window=60}; other paths
 *       {@code 1200, 1200;window=60}</td><td>LIVE-API-NOTES, Incidents 4</td></tr>
 *   <tr><td>{@code X-RateLimit-Limit/-Remaining/-Used/-Reset} on every authenticated answer,
 *       describing the limit with the least allowance left</td>
 *       <td>the contract, "Rate limit headers"</td></tr>
 *   <tr><td>a 429 carries {@code Retry-After} in seconds and a body whose
 *       {@code rate_limit.retry_after} is RFC 3339 ({@code 2025-04-17T11:17:18Z}); the pages'
 *       {@code Thu, 17 Apr 2025 11:17:18 UTC} is no longer sent</td>
 *       <td>the contract, "Exceeding a rate limit"; LIVE-API-NOTES</td></tr>
 *   <tr><td>declined, canceled and merged incidents left out unless {@code status_category} is
 *       sent</td><td>LIVE-API-NOTES, Incidents 1</td></tr>
 *   <tr><td>the eight status categories {@code triage}, {@code live}, {@code learning},
 *       {@code paused}, {@code closed}, {@code declined}, {@code canceled}, {@code merged}, plus
 *       one the documents do not name ({@code waiting}), since new ones may appear</td>
 *       <td>LIVE-API-NOTES, Incidents 2; the contract</td></tr>
 *   <tr><td>{@code page_size} up to 500 on incidents, served as at most 250 with
 *       {@code pagination_meta.page_size} 250</td><td>LIVE-API-NOTES, Incidents 3</td></tr>
 *   <tr><td>{@code gte} with {@code lte} on one field refused with a 422; {@code date_range}
 *       by date, both ends inclusive, on incidents, exact on alerts</td>
 *       <td>LIVE-API-NOTES, Incidents 5</td></tr>
 *   <tr><td>a key lacking a scope gets a 403 whose message names it ({@code incidents.view} for
 *       incidents and their updates, {@code alerts.view} for alerts and incident alerts,
 *       {@code severities.view}, {@code incident_statuses.view}, {@code incident_types.view},
 *       {@code incident_roles.view}, {@code custom_fields.view} (fields and options),
 *       {@code users.view}, {@code alert_sources.view}, {@code alert_schema.view} (alert
 *       attributes); none for incident timestamps, which the contract gives none); the
 *       demo key {@value io.incidentql.simulator.SimulatorConfig#DEMO_KEY_WITHOUT_INCIDENTS_SCOPE}
 *       lacks {@code incidents.view}, and tests make others with
 *       {@link io.incidentql.simulator.SimulatorConfig.Builder#apiKeyLacking}</td>
 *       <td>LIVE-API-NOTES, "Errors and data"; scopes from the contract's
 *       {@code x-rbac-scopes}; the body's shape is the documented error shape</td></tr>
 *   <tr><td>the lookup endpoints, their list and object field names, required properties and
 *       page sizes: one response without {@code pagination_meta} where the contract has no
 *       {@code page_size}; users up to 10,000 a page, custom field options up to 250 with
 *       {@code custom_field_id} required</td>
 *       <td>the contract's {@code *ListResult} and {@code *ShowResult} schemas;
 *       LIVE-API-NOTES, "Errors and data"</td></tr>
 *   <tr><td>deactivated users left out of {@code /v2/users} unless
 *       {@code include_inactive=true}</td><td>LIVE-API-NOTES, "Errors and data"</td></tr>
 *   <tr><td>{@code /v2/incidents/{id}} takes the ULID or the number of the reference
 *       ({@code 84} for {@code INC-84}), shows incidents of every mode and category, and answers
 *       an unknown one with a 404 {@code resource_not_found}, as do the other show
 *       endpoints</td><td>LIVE-API-NOTES, Incidents 6</td></tr>
 *   <tr><td>timestamps with six, fewer or no fractional digits</td>
 *       <td>LIVE-API-NOTES, "Errors and data"</td></tr>
 * </table>
 *
 * <p>Tests that need speed lift every budget with
 * {@link io.incidentql.simulator.SimulatorConfig.Builder#unlimitedRate()}, or shorten a path's
 * window with {@link io.incidentql.simulator.SimulatorConfig.Builder#endpointRateLimit}; the
 * demo and the standalone simulator keep the live budgets.
 */
package io.incidentql.simulator;
