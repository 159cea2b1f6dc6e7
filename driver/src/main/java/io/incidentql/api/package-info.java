/**
 * Embeddable Java API of IncidentQL: {@link io.incidentql.api.IncidentQL#connect} opens a
 * session that runs query-DSL text over the incident.io API and returns typed rows or records.
 */
package io.incidentql.api;
