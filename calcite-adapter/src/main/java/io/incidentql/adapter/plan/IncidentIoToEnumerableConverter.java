package io.incidentql.adapter.plan;

import io.incidentql.adapter.exec.IncidentIoExecutor;
import io.incidentql.adapter.schema.IncidentIoTable;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
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
    IncidentIoTable table = ((IncidentIoTableScan) scan).incidentIoTable();
    // Object[] rows, except the single value of a one-column row and the list of a no-column one.
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    String method;
    switch (physType.getFormat()) {
      case SCALAR:
        method = "scalars";
        break;
      case LIST:
        method = "lists";
        break;
      default:
        method = "enumerable";
    }
    BlockBuilder block = new BlockBuilder();
    Expression tableExpr = implementor.stash(table, IncidentIoTable.class);
    Expression queryExpr = implementor.stash(scan.query(), IncidentIoQuery.class);
    Expression enumerable = block.append("enumerable",
        Expressions.call(
            Types.lookupMethod(IncidentIoExecutor.class, method,
                DataContext.class, IncidentIoTable.class, IncidentIoQuery.class),
            DataContext.ROOT, tableExpr, queryExpr));
    block.add(Expressions.return_(null, enumerable));
    return implementor.result(physType, block.toBlock());
  }
}
