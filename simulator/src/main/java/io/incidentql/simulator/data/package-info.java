/**
 * Generated data behind the simulator: reference objects, compact rows per endpoint and the
 * renderers that turn a row into the JSON object the API documentation describes.
 *
 * <p>Not a public API: use {@link io.incidentql.simulator.Dataset} to read the data.
 */
package io.incidentql.simulator.data;
