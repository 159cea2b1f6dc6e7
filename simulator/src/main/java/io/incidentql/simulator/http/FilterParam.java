package io.incidentql.simulator.http;

import java.util.List;

/**
 * One filter as sent in the query string, e.g. {@code custom_field[F1][one_of]=A&...=B}: the
 * full parameter name, the field, the nested key (null for unkeyed fields), the operator and
 * every raw value sent under that name.
 */
record FilterParam(String name, String field, String key, String operator, List<String> values) {}
