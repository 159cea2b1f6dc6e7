package io.incidentql.adapter.plan;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Relational expression that joins its input (the outer side) with a table read through the API
 * by the outer side's keys: it reads outer rows, sends requests for their distinct keys (one per
 * key, or lists of keys where the API takes lists) and joins the rows that come back, instead of
 * scanning the whole inner table; when the keys turn out too many for that, it scans the inner
 * table once and joins in memory. {@link IncidentIoKeyJoinRule} offers it where the inner column
 * can fetch by key and one key costs less than the scan.
 */
public final class IncidentIoKeyJoin extends SingleRel implements EnumerableRel {
  private final RelOptTable innerTable;
  private final IncidentIoQueryable incidentIoTable;
  private final IncidentIoKeyFetch fetch;
  /**
   * The selectivity of the join's condition, so that this join estimates its rows as any other
   * join of the same inputs and only the costs of reading the inner side differ.
   */
  private final double selectivity;

  IncidentIoKeyJoin(RelOptCluster cluster, RelTraitSet traits, RelNode outer, RelDataType rowType,
      RelOptTable innerTable, IncidentIoQueryable incidentIoTable, IncidentIoKeyFetch fetch,
      double selectivity) {
    super(cluster, traits, outer);
    this.rowType = rowType;
    this.innerTable = innerTable;
    this.incidentIoTable = incidentIoTable;
    this.fetch = fetch;
    this.selectivity = selectivity;
  }

  /** Creates the node in the enumerable convention over the outer side. */
  static IncidentIoKeyJoin create(RelNode outer, RelDataType rowType, IncidentIoTableScan inner,
      IncidentIoKeyFetch fetch, double selectivity) {
    RelOptCluster cluster = outer.getCluster();
    return new IncidentIoKeyJoin(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE),
        outer, rowType, inner.getTable(), inner.incidentIoTable(), fetch, selectivity);
  }

  public IncidentIoKeyFetch fetch() {
    return fetch;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new IncidentIoKeyJoin(getCluster(), traitSet, sole(inputs), rowType, innerTable,
        incidentIoTable, fetch, selectivity);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  /** Estimated distinct keys the outer side yields. */
  private double keys(RelMetadataQuery mq) {
    double rows = mq.getRowCount(getInput());
    Double distinct = mq.getDistinctRowCount(getInput(), ImmutableBitSet.of(fetch.outerKey()), null);
    return distinct == null ? rows : Math.min(rows, distinct);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    // As Calcite estimates a join: both sides' rows times the condition's selectivity.
    double outer = mq.getRowCount(getInput());
    double joined = outer * fetch.query().estimatedRows() * selectivity;
    return fetch.keepUnmatched() ? Math.max(outer, joined) : joined;
  }

  /**
   * The cost of what runs: requests by key while they cost no more than a scan of the inner
   * side, the scan otherwise (see {@code IncidentIoKeyJoins}, which runs it). Never above the scan's, so where
   * this join applies the planner prefers it to a hash join over the same scan: when the keys
   * turn out fewer than estimated, it still reads by key.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double keys = keys(mq);
    double byKey = fetch.estimatedRequests(keys);
    double scan = fetch.query().estimatedRequests();
    double requests = Math.min(byKey, scan);
    double rowsRead = byKey <= scan
        ? keys * fetch.estimatedRowsPerKey()
        : fetch.query().estimatedRowsFetched();
    // In the scan's units (IncidentIoQuery#estimatedCost): requests dominate, then rows read.
    double cost = IncidentIoQuery.costOf(requests, rowsRead) + estimateRowCount(mq);
    return planner.getCostFactory().makeCost(cost, cost, requests);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    String outerColumn = getInput().getRowType().getFieldNames().get(fetch.outerKey());
    return super.explainTerms(pw)
        .item("table", innerTable.getQualifiedName())
        .item("joinType", fetch.keepUnmatched() ? "left" : "inner")
        .item("key", outerColumn + " = " + fetch.column().name())
        .item("requests", fetch.describe(outerColumn));
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    Result outer = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression outerRows = outer.physType.convertTo(
        block.append("outer", outer.block), JavaRowFormat.ARRAY);
    // The inner table and the key fetch are stashed, as for a scan, so the code is reused.
    Expression table = implementor.stash(incidentIoTable, IncidentIoQueryable.class);
    Expression keyFetch = implementor.stash(fetch, IncidentIoKeyFetch.class);
    block.add(Expressions.return_(null, Expressions.call(table,
        Types.lookupMethod(IncidentIoQueryable.class, "joinByKeys", DataContext.class,
            Enumerable.class, IncidentIoKeyFetch.class),
        DataContext.ROOT, outerRows, keyFetch)));
    // Both sides give a column at least (the keys), so rows are always arrays.
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    return implementor.result(physType, block.toBlock());
  }
}
