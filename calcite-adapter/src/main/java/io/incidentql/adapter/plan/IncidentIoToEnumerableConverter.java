package io.incidentql.adapter.plan;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.runtime.FlatLists;

/**
 * Relational expression that turns an {@link IncidentIoTableScan} into enumerable code: the
 * table and its query are stashed in the plan's data context, not written into the code, so
 * that the code is the same for every query and its compilation is reused.
 */
public final class IncidentIoToEnumerableConverter extends ConverterImpl implements EnumerableRel {
  IncidentIoToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new IncidentIoToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Converting costs nothing beyond the rows the scan already pays for.
    return planner.getCostFactory().makeTinyCost();
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    IncidentIoRel scan = (IncidentIoRel) getInput();
    IncidentIoQueryable table = ((IncidentIoTableScan) scan).incidentIoTable();
    // Object[] rows, except the single value of a one-column row and the list of a no-column one.
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    BlockBuilder block = new BlockBuilder();
    Expression tableExpr = implementor.stash(table, IncidentIoQueryable.class);
    Expression queryExpr = implementor.stash(scan.query(), IncidentIoQuery.class);
    Expression rows = Expressions.call(tableExpr,
        Types.lookupMethod(IncidentIoQueryable.class, "rows", DataContext.class, IncidentIoQuery.class),
        DataContext.ROOT, queryExpr);
    switch (physType.getFormat()) {
      case SCALAR:
        rows = Expressions.call(
            Types.lookupMethod(IncidentIoToEnumerableConverter.class, "scalars", Enumerable.class), rows);
        break;
      case LIST:
        rows = Expressions.call(
            Types.lookupMethod(IncidentIoToEnumerableConverter.class, "lists", Enumerable.class), rows);
        break;
      default:
        break;
    }
    Expression enumerable = block.append("enumerable", rows);
    block.add(Expressions.return_(null, enumerable));
    return implementor.result(physType, block.toBlock());
  }

  /**
   * Returns the single values of one-column rows. This and {@link #lists} are called by the
   * generated code, here rather than on {@link IncidentIoQueryable}: Janino, which compiles that
   * code, calls no static method of an interface.
   */
  public static Enumerable<Object> scalars(Enumerable<Object[]> rows) {
    return rows.select((Function1<Object[], Object>) row -> row[0]);
  }

  /**
   * Returns rows as lists, the form Calcite uses for rows without columns: its generated code
   * casts each to a {@link FlatLists.ComparableList}, so each (empty) row is its empty one.
   */
  public static Enumerable<List<Object>> lists(Enumerable<Object[]> rows) {
    return rows.select((Function1<Object[], List<Object>>) row -> {
      if (row.length != 0) {
        throw new IllegalStateException("a row of " + row.length + " columns read as a list");
      }
      return FlatLists.of();
    });
  }
}
