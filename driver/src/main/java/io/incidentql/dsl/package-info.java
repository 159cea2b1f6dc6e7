/**
 * Compiler of the query DSL: checks a parsed query against the tables and builds the Calcite
 * plan that SQL would get, for the Java API and for JDBC connections with {@code language=dsl}.
 * Internal: its classes may change between releases.
 */
package io.incidentql.dsl;
