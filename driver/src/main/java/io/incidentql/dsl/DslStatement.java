package io.incidentql.dsl;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

/**
 * Statement of a connection opened with {@code language=dsl}, which also runs a query with its
 * named parameters bound and its {@code now()} given: what the Java API runs its queries with.
 * Reach it with {@code statement.unwrap(DslStatement.class)}.
 */
public interface DslStatement extends Statement {
  /**
   * Runs DSL text with its {@code :name} parameters bound from {@code params} and its {@code
   * now()} meaning {@code now}.
   */
  ResultSet executeQuery(String text, Map<String, ?> params, Instant now) throws SQLException;
}
