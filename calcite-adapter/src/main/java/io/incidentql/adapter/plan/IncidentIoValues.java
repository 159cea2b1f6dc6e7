package io.incidentql.adapter.plan;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.ConstantExpression;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.util.BuiltInMethod;

/**
 * Relational node for a long list of constant rows (what a long {@code IN} list becomes) whose
 * rows are stashed with the plan rather than written into generated code: Calcite's own values
 * node generates code per value, which for thousands of values is too large to compile.
 */
public final class IncidentIoValues extends Values implements EnumerableRel {
  /**
   * From how many rows the stash is used; below it Calcite's node is as good. An IN list this
   * long already became rows (Calcite makes rows of lists of 20 values or more).
   */
  static final int MIN_ROWS = SqlToRelConverter.DEFAULT_IN_SUB_QUERY_THRESHOLD;

  /** Replaces a long logical values node with a stashed one. */
  public static final ConverterRule RULE =
      ConverterRule.Config.INSTANCE
          .withConversion(LogicalValues.class, v -> v.getTuples().size() >= MIN_ROWS
                  && javaRows(v.getTuples(), v.getRowType(), v.getCluster()) != null,
              Convention.NONE,
              EnumerableConvention.INSTANCE, "IncidentIoValuesRule")
          .withRuleFactory(Rule::new)
          .toRule(Rule.class);

  private IncidentIoValues(
      RelOptCluster cluster,
      RelDataType rowType,
      ImmutableList<ImmutableList<RexLiteral>> tuples,
      RelTraitSet traits) {
    super(cluster, List.of(), rowType, tuples, traits);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new IncidentIoValues(getCluster(), getRowType(), tuples, traitSet);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Cheaper than the generated-code alternative, which may not even compile.
    return super.computeSelfCost(planner, mq).multiplyBy(0.5);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    JavaRowFormat format = getRowType().getFieldCount() == 1 ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY;
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), format);
    List<Object> rows = javaRows(tuples, getRowType(), getCluster());
    Expression stashed = implementor.stash(rows, List.class);
    BlockBuilder builder = new BlockBuilder();
    builder.add(
        Expressions.return_(
            null, Expressions.call(BuiltInMethod.AS_ENUMERABLE2.method, stashed)));
    return implementor.result(physType, builder.toBlock());
  }

  /**
   * Returns the rows as the generated code would hold them (one value per row for one column,
   * an {@code Object[]} per row otherwise), or null when a value is not a plain constant (a
   * decimal, say) and the rows are better left to Calcite.
   */
  static List<Object> javaRows(
      List<? extends List<RexLiteral>> tuples, RelDataType rowType, RelOptCluster cluster) {
    JavaTypeFactory types = (JavaTypeFactory) cluster.getTypeFactory();
    int n = rowType.getFieldCount();
    List<Object> rows = new ArrayList<>(tuples.size());
    for (List<RexLiteral> tuple : tuples) {
      Object[] row = new Object[n];
      for (int i = 0; i < n; i++) {
        Expression e =
            RexToLixTranslator.translateLiteral(
                tuple.get(i), rowType.getFieldList().get(i).getType(), types,
                RexImpTable.NullAs.NULL);
        if (!(e instanceof ConstantExpression constant)) {
          return null;
        }
        row[i] = constant.value;
      }
      rows.add(n == 1 ? row[0] : row);
    }
    return rows;
  }

  /** Rule that converts a long logical values node. */
  static final class Rule extends ConverterRule {
    Rule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      LogicalValues v = (LogicalValues) rel;
      return new IncidentIoValues(
          v.getCluster(), v.getRowType(), v.getTuples(),
          v.getCluster().traitSetOf(EnumerableConvention.INSTANCE));
    }
  }
}
