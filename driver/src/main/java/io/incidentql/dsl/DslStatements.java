package io.incidentql.dsl;

import io.incidentql.grammar.DslException;
import io.incidentql.grammar.DslParser;
import io.incidentql.grammar.ast.Query;
import io.incidentql.jdbc.ConnectionSettings;
import io.incidentql.jdbc.JdbcValues;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Compiler of the DSL text that the statements of a connection opened with {@code language=dsl}
 * take where they would take SQL: it parses the text once, compiles it with the {@link
 * DslEngine} and prepares the plan; everything else (metadata, result sets) is plain JDBC.
 *
 * <p>Named parameters and prepared statements belong to the Java API; through JDBC they fail
 * with a message that says so. The Java API runs its queries through the same JDBC statements,
 * with its parameters and {@code now()} passed to {@link DslStatement#executeQuery(String, Map,
 * Instant)}.
 */
public final class DslStatements {
  /** The connection property that chooses the query language. */
  public static final String LANGUAGE = "language";

  private final DslEngine engine;
  private final Clock clock = Clock.systemUTC();

  private DslStatements(DslEngine engine) {
    this.engine = engine;
  }

  /**
   * Returns the DSL compiler a connection needs: none for {@code language=sql} (the default).
   *
   * @throws SQLException if the language is neither {@code sql} nor {@code dsl}
   */
  public static DslStatements forConnection(Properties properties, CalciteConnection connection)
      throws SQLException {
    String language = properties.getProperty(LANGUAGE, "sql").trim().toLowerCase(Locale.ROOT);
    switch (language) {
      case "sql":
      case "":
        return null;
      case "dsl":
        return new DslStatements(new DslEngine(connection));
      default:
        throw ConnectionSettings.badValue(
            LANGUAGE, properties.getProperty(LANGUAGE), "sql (the default) or dsl");
    }
  }

  /**
   * Parses, checks and compiles DSL text and prepares its plan, the statement being the caller's
   * to run and close. With {@code params} null (JDBC), the text may have no named parameter and
   * its {@code now()} is read now; otherwise the parameters are bound from {@code params} and
   * {@code now()} means {@code now}.
   *
   * @throws SQLSyntaxErrorException (42000) if the text is not a valid query
   */
  public PreparedStatement prepare(String text, Map<String, ?> params, Instant now)
      throws SQLException {
    DslEngine.Compiled compiled;
    try {
      Query query = DslParser.parse(text);
      if (params == null && !query.parameterNames().isEmpty()) {
        throw new SQLFeatureNotSupportedException("Named parameters (:"
            + String.join(", :", query.parameterNames()) + ") cannot be bound through JDBC; bind"
            + " them through the Java API (io.incidentql.api.IncidentQL)", "0A000");
      }
      compiled = params == null
          ? engine.compileToRun(query, text, Map.of(), clock.instant())
          : engine.compileToRun(query, text, params, now);
    } catch (DslException e) {
      // 42000: syntax error or access rule violation, the class SQL's own mistakes get.
      throw new SQLSyntaxErrorException(e.getMessage(), "42000", e);
    }
    PreparedStatement ps = engine.prepare(compiled.plan());
    try {
      bind(ps, compiled.parameters());
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
    return ps;
  }

  /** Binds the plan's dynamic parameters: text as is, timestamps as UTC instants. */
  private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      if (value instanceof Instant instant) {
        ps.setTimestamp(i + 1, new Timestamp(instant.toEpochMilli()), JdbcValues.utc());
      } else {
        ps.setString(i + 1, (String) value);
      }
    }
  }
}
