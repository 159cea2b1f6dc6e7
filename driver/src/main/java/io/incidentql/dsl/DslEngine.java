package io.incidentql.dsl;

import io.incidentql.grammar.DslParser;
import io.incidentql.grammar.ast.Query;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelRunner;

/**
 * Engine that runs DSL text on one Calcite connection: parse, check and compile to a relational
 * plan, then prepare that plan through the connection's {@link RelRunner}, which optimizes it with
 * the same planner factory, rules and executor as SQL.
 *
 * <p>Thread-safe: each compilation builds its own {@link RelBuilder}; preparing is serialized
 * because the connection's statement bookkeeping is not meant for concurrent use, while executing
 * and reading prepared statements runs in parallel.
 */
public final class DslEngine {
  private final CalciteConnection connection;
  private final Object prepareLock = new Object();

  public DslEngine(CalciteConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /**
   * Parses, checks and compiles a query. With {@code params} null, parameters stay unbound
   * placeholders (for validation); otherwise every parameter must be bound.
   *
   * @throws io.incidentql.grammar.DslException if the query is not valid
   */
  public RelNode compile(String text, Map<String, ?> params, Instant now) throws SQLException {
    Objects.requireNonNull(text, "query");
    return compile(DslParser.parse(text), text, params, now);
  }

  /**
   * Checks and compiles a query parsed from {@code text}, its parameters inlined as literals, as
   * {@link #compile(String, Map, Instant)}.
   */
  public RelNode compile(Query query, String text, Map<String, ?> params, Instant now)
      throws SQLException {
    DslBindings bindings = params == null ? DslBindings.unbound(text) : DslBindings.of(text, params);
    return compile(query, text, bindings, now);
  }

  /**
   * A plan to run and the values of its dynamic parameters, by index: the values of the query's
   * parameters that are compared with text or timestamp columns.
   */
  public record Compiled(RelNode plan, List<Object> parameters) {}

  /**
   * Checks and compiles a query parsed from {@code text} to run: a parameter compared with a text
   * or timestamp column becomes a dynamic parameter, which the planner pushes as it pushes a JDBC
   * {@code ?}, and which leaves the plan the same whatever its value.
   */
  public Compiled compileToRun(Query query, String text, Map<String, ?> params, Instant now)
      throws SQLException {
    DslBindings bindings = DslBindings.dynamic(text, params);
    RelNode plan = compile(query, text, bindings, now);
    return new Compiled(plan, bindings.dynamicValues());
  }

  private RelNode compile(Query query, String text, DslBindings bindings, Instant now)
      throws SQLException {
    SchemaPlus root = connection.getRootSchema();
    String schemaName = connection.getSchema();
    SchemaPlus schema = root.subSchemas().get(schemaName);
    if (schema == null) {
      throw new SQLException("The connection has no schema '" + schemaName + "'", "3F000");
    }
    FrameworkConfig config = Frameworks.newConfigBuilder().defaultSchema(root).build();
    RelBuilder builder = RelBuilder.create(config);
    return new DslCompiler(builder, schema, schemaName, text, bindings, now).compile(query);
  }

  /** Prepares a compiled plan for execution; the statement is the caller's to close. */
  public PreparedStatement prepare(RelNode plan) throws SQLException {
    RelRunner runner = connection.unwrap(RelRunner.class);
    synchronized (prepareLock) {
      return runner.prepareStatement(plan);
    }
  }

  /**
   * Returns the plan the optimizer chose, in the text {@code EXPLAIN PLAN FOR} shows for SQL.
   * Preparing sends no request; only executing does.
   */
  public String explain(RelNode plan) throws SQLException {
    AtomicReference<String> text = new AtomicReference<>();
    try (Hook.Closeable ignored = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((RelRoot root) ->
            text.set(RelOptUtil.dumpPlan("", root.rel, SqlExplainFormat.TEXT,
                SqlExplainLevel.EXPPLAN_ATTRIBUTES)));
        PreparedStatement ignoredStatement = prepare(plan)) {
      return Objects.requireNonNullElseGet(text.get(), () -> RelOptUtil.toString(plan));
    }
  }
}
