package io.incidentql.adapter.api;

/**
 * Entry of the {@code errors} list of an API error response.
 *
 * @param code the API's machine-readable code, e.g. {@code is_required}; may be null
 * @param message the API's human-readable message; may be null
 * @param field the request field the error is about ({@code source.field}); may be null
 */
public record ApiError(String code, String message, String field) {}
