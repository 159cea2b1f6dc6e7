package io.incidentql.jdbc;

import io.incidentql.adapter.exec.IncidentIoExecutor;
import io.incidentql.adapter.schema.IncidentIoTables;
import java.lang.reflect.Type;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptListener;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Preparer of statements that plans a query once per shape: string literals compared with
 * columns the API never filters on become parameters, so queries that differ only in those
 * literals share one plan and its compiled code.
 *
 * <p>Literals compared with a column the API can filter on stay in the text, since they decide
 * which requests are sent. A query whose shape cannot be planned falls back to planning the text
 * as written, so errors read the same. Plans are kept per connection, as many of the most
 * recently used as its {@code planCache} property says, in a cache that the connection's
 * preparers share and that goes with the connection.
 *
 * <p>Planning ends as soon as its statement is cancelled, runs out of time or has its thread
 * interrupted: the planner checks at every rule it fires (a join of many tables can otherwise
 * keep it busy for minutes).
 */
final class IncidentIoPrepare extends CalcitePrepareImpl {

  private static final Set<String> PUSHABLE = IncidentIoTables.pushableColumnNames();

  /** The plans of the connection this preparer serves, or null when it keeps none. */
  private final PlanCache cache;

  /**
   * Creates a preparer for statements of one connection, whose plans {@code cache} keeps (null:
   * none kept); the connection's engine holds the factory of its preparers, so the plans go when
   * the connection goes, closed or not.
   */
  IncidentIoPrepare(PlanCache cache) {
    this.cache = cache;
  }

  @Override
  protected RelOptPlanner createPlanner(
      Context prepareContext,
      org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    // Calcite's own CancelFlag holds a boolean only, with no deadline, and the statement's flag
    // never reaches the planner; a listener sees every rule fired and can check both.
    planner.addListener(PLANNING_STOP);
    return planner;
  }

  /** Listener that fails planning once the statement executing on the thread is to stop. */
  private static final RelOptListener PLANNING_STOP =
      new RelOptListener() {
        @Override
        public void ruleAttempted(RuleAttemptedEvent event) {
          IncidentIoExecutor.checkStopped("it was being planned");
        }

        @Override
        public void relEquivalenceFound(RelEquivalenceEvent event) {}

        @Override
        public void ruleProductionSucceeded(RuleProductionEvent event) {}

        @Override
        public void relDiscarded(RelDiscardedEvent event) {}

        @Override
        public void relChosen(RelChosenEvent event) {}
      };

  /**
   * Prepares a query; its text is first rewritten where the engine would misread it (see {@link
   * IncidentIoSqlRewrite}).
   */
  @Override
  public <T> CalciteSignature<T> prepareSql(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    if (query.rel != null) {
      return preparePlan(context, query, elementType, maxRowCount);
    }
    if (query.sql == null) {
      return prepareCached(context, query, elementType, maxRowCount);
    }
    String rewritten = IncidentIoSqlRewrite.rewrite(query.sql, context.config());
    return prepareCached(context, rewritten == null ? query : Query.of(rewritten), elementType,
        maxRowCount);
  }

  private <T> CalciteSignature<T> prepareCached(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    Shape shape = cache == null || query.sql == null ? null : Shape.of(query.sql, context.config());
    if (shape == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    String key = shape.sql + '\u0000' + maxRowCount + '\u0000' + elementType.getTypeName()
        + '\u0000' + context.getDefaultSchemaPath();
    Object cached = cache.get(key);
    if (cached == null) {
      cached = prepareShape(context, shape, elementType, maxRowCount);
      cache.put(key, cached);
    }
    if (!(cached instanceof CalciteSignature)) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    @SuppressWarnings("unchecked")
    CalciteSignature<T> plan = (CalciteSignature<T>) cached;
    return shape.bind(query.sql, plan);
  }

  /**
   * Prepares a plan given as relational algebra (a DSL query). Calcite leaves its dynamic
   * parameters undeclared, so they are declared here, for the statement to bind as it binds
   * SQL's; and a plan with parameters is kept by its digest, which their values do not change.
   * One without is planned each time: EXPLAIN of a DSL query reads the plan as it is optimized.
   */
  private <T> CalciteSignature<T> preparePlan(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    String key = cache == null ? null
        : "rel\u0000" + RelOptUtil.toString(query.rel, SqlExplainLevel.DIGEST_ATTRIBUTES)
            + '\u0000' + query.rel.getRowType().getFullTypeString() + '\u0000' + maxRowCount
            + '\u0000' + elementType.getTypeName() + '\u0000' + context.getDefaultSchemaPath();
    if (key != null && cache.get(key) instanceof CalciteSignature<?> cached) {
      @SuppressWarnings("unchecked")
      CalciteSignature<T> plan = (CalciteSignature<T>) cached;
      return plan;
    }
    CalciteSignature<T> planned = super.prepareSql(context, query, elementType, maxRowCount);
    SortedMap<Integer, RelDataType> found = new TreeMap<>();
    query.rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        other.accept(new RexShuttle() {
          @Override
          public RexNode visitDynamicParam(RexDynamicParam p) {
            found.put(p.getIndex(), p.getType());
            return p;
          }
        });
        return super.visit(other);
      }
    });
    List<AvaticaParameter> parameters = new ArrayList<>();
    found.forEach((i, type) -> parameters.add(new AvaticaParameter(false,
        Math.max(0, type.getPrecision()), Math.max(0, type.getScale()),
        type.getSqlTypeName().getJdbcOrdinal(), type.getSqlTypeName().getName(), null, "?" + i)));
    CalciteSignature<T> plan = new CalciteSignature<>(null, parameters,
        planned.internalParameters, planned.rowType, planned.columns, planned.cursorFactory,
        planned.rootSchema, planned.getCollationList(), -1, planned::enumerable,
        planned.statementType);
    if (key != null && !parameters.isEmpty()) {
      cache.put(key, plan);
    }
    return plan;
  }

  /** Plans a shape, or returns a marker that it is to be planned as written. */
  private <T> Object prepareShape(
      Context context, Shape shape, Type elementType, long maxRowCount) {
    CalciteSignature<T> plan;
    try {
      plan = super.prepareSql(context, Query.of(shape.sql), elementType, maxRowCount);
    } catch (RuntimeException e) {
      // A stopped statement says nothing about the shape: it is not remembered as unplannable.
      IncidentIoExecutor.checkStopped("it was being planned");
      return Boolean.FALSE;
    }
    if (plan.statementType != Meta.StatementType.SELECT
        || plan.parameters.size() != shape.values.size()) {
      return Boolean.FALSE;
    }
    for (AvaticaParameter p : plan.parameters) {
      // A literal that meant a number or a time would bind as text: plan those as written.
      if (p.parameterType != Types.VARCHAR) {
        return Boolean.FALSE;
      }
    }
    return plan;
  }

  /** A query's text with its eligible literals replaced by parameters, and their values. */
  static final class Shape {
    final String sql;
    final List<String> values;

    private Shape(String sql, List<String> values) {
      this.sql = sql;
      this.values = values;
    }

    /** Returns the shape of a query, or null when the text is not a plain query. */
    static Shape of(String sql, CalciteConnectionConfig config) {
      if (sql.indexOf('?') >= 0) {
        return null; // parameters of its own, numbered by position: plan as written
      }
      SqlNode node;
      try {
        node = SqlParser.create(sql, IncidentIoSqlRewrite.parserConfig(config))
            .parseStmt();
      } catch (SqlParseException e) {
        return null;
      }
      if (!node.getKind().belongsTo(SqlKind.QUERY) && node.getKind() != SqlKind.ORDER_BY) {
        return null;
      }
      List<String> values = new ArrayList<>();
      SqlNode shaped = node.accept(new Parameterizer(values));
      String text = shaped.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT)
          .withQuoteAllIdentifiers(true)).getSql();
      return new Shape(text, values);
    }

    /** Returns the shape's plan with this query's values bound and its own text. */
    <T> CalciteSignature<T> bind(String originalSql, CalciteSignature<T> plan) {
      Map<String, Object> internal = new HashMap<>(plan.internalParameters);
      for (int i = 0; i < values.size(); i++) {
        internal.put("?" + i, values.get(i));
      }
      return new CalciteSignature<>(originalSql, List.of(), internal, plan.rowType, plan.columns,
          plan.cursorFactory, plan.rootSchema, plan.getCollationList(), -1, plan::enumerable,
          plan.statementType);
    }
  }

  /**
   * Rewrites string literals compared with a column the API cannot filter on ({@code =, <>, <,
   * <=, >, >=, LIKE, BETWEEN, IN}) into parameters numbered in the order met.
   */
  private static final class Parameterizer extends SqlShuttle {
    private final List<String> values;

    Parameterizer(List<String> values) {
      this.values = values;
    }

    @Override
    public SqlNode visit(SqlCall call) {
      if (call instanceof SqlBasicCall && eligible(call)) {
        SqlBasicCall basic = (SqlBasicCall) call;
        List<SqlNode> operands = basic.getOperandList();
        int columns = column(operands.get(0)) ? 0 : column(operands.get(1)) ? 1 : -1;
        if (columns >= 0) {
          int last = call.getKind() == SqlKind.LIKE ? 1 : operands.size() - 1;
          for (int i = 0; i <= last; i++) {
            if (i != columns) {
              basic.setOperand(i, parameterize(operands.get(i), basic));
            }
          }
          return basic;
        }
      }
      return super.visit(call);
    }

    private static boolean eligible(SqlCall call) {
      switch (call.getKind()) {
        case EQUALS:
        case NOT_EQUALS:
        case LESS_THAN:
        case LESS_THAN_OR_EQUAL:
        case GREATER_THAN:
        case GREATER_THAN_OR_EQUAL:
        case LIKE:
        case BETWEEN:
        case IN:
        case NOT_IN:
          return call.operandCount() >= 2;
        default:
          return false;
      }
    }

    /** Whether the operand names a column whose predicates never reach the API. */
    private static boolean column(SqlNode n) {
      if (!(n instanceof SqlIdentifier) || ((SqlIdentifier) n).isStar()) {
        return false;
      }
      List<String> names = ((SqlIdentifier) n).names;
      return !PUSHABLE.contains(names.get(names.size() - 1).toLowerCase(java.util.Locale.ROOT));
    }

    private SqlNode parameterize(SqlNode n, SqlCall call) {
      if (n instanceof SqlCharStringLiteral) {
        values.add(((SqlCharStringLiteral) n).getValueAs(String.class));
        return new SqlDynamicParam(values.size() - 1, n.getParserPosition());
      }
      if (n instanceof SqlNodeList
          && (call.getKind() == SqlKind.IN || call.getKind() == SqlKind.NOT_IN)) {
        SqlNodeList list = (SqlNodeList) n;
        if (list.size() >= SqlToRelConverter.DEFAULT_IN_SUB_QUERY_THRESHOLD) {
          // A long list becomes rows the engine holds as data; as parameters it would become
          // a chain of comparisons, generated as code per value, too large to compile.
          return n;
        }
        for (SqlNode e : list) {
          if (!(e instanceof SqlCharStringLiteral)) {
            return n;
          }
        }
        SqlNodeList out = new SqlNodeList(list.getParserPosition());
        for (SqlNode e : list) {
          out.add(parameterize(e, call));
        }
        return out;
      }
      return n.accept(this);
    }
  }

  /** The most recently used plans of one connection; a value is a signature or FALSE. */
  static final class PlanCache {
    private final Map<String, Object> plans;

    /** Returns a cache of {@code capacity} plans, or null for a capacity of 0 (none kept). */
    static PlanCache of(int capacity) {
      return capacity > 0 ? new PlanCache(capacity) : null;
    }

    private PlanCache(int capacity) {
      plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
          return size() > capacity;
        }
      };
    }

    synchronized Object get(String key) {
      return plans.get(key);
    }

    synchronized void put(String key, Object plan) {
      plans.put(key, plan);
    }
  }
}
