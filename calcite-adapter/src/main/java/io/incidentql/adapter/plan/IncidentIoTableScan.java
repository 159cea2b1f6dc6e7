package io.incidentql.adapter.plan;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Relational expression that reads a table through the API, with whatever filter, order, limit,
 * projection or count the rules have pushed into its {@link IncidentIoQuery}.
 *
 * <p>A table becomes a scan in {@link Convention#NONE}, a logical node among logical nodes, so
 * that the pushdown rules meet it under every Filter, Project, Sort and Aggregate the planner
 * derives; {@link IncidentIoRules#TO_API} then moves the finished scan into
 * {@link IncidentIoRel#CONVENTION}, where it is costed and implemented.
 */
public final class IncidentIoTableScan extends TableScan implements IncidentIoRel {
  private final IncidentIoQueryable incidentIoTable;
  private final IncidentIoQuery query;

  /** Creates a logical scan. */
  public IncidentIoTableScan(
      RelOptCluster cluster, RelOptTable table, IncidentIoQueryable incidentIoTable, IncidentIoQuery query) {
    this(cluster, traits(cluster, Convention.NONE, query), table, incidentIoTable, query);
  }

  private IncidentIoTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      IncidentIoQueryable incidentIoTable, IncidentIoQuery query) {
    super(cluster, traits, List.of(), table);
    this.incidentIoTable = incidentIoTable;
    this.query = query;
  }

  private static RelTraitSet traits(
      RelOptCluster cluster, Convention convention, IncidentIoQuery query) {
    RelTraitSet traits = cluster.traitSetOf(convention);
    if (cluster.getPlanner().getRelTraitDefs().contains(RelCollationTraitDef.INSTANCE)) {
      traits = traits.replace(collation(query));
    }
    return traits;
  }

  /** The order the API delivers the rows in, as far as it is promised. */
  static RelCollation collation(IncidentIoQuery query) {
    if (query.sort().isNone() || query.isCount()) {
      return RelCollations.EMPTY;
    }
    int field = query.projection().indexOf(query.sort().column());
    if (field < 0) {
      return RelCollations.EMPTY;
    }
    return RelCollations.of(
        query.sort().ascending()
            ? new RelFieldCollation(field, RelFieldCollation.Direction.ASCENDING,
                RelFieldCollation.NullDirection.LAST)
            : new RelFieldCollation(field, RelFieldCollation.Direction.DESCENDING,
                RelFieldCollation.NullDirection.FIRST));
  }

  public IncidentIoQueryable incidentIoTable() {
    return incidentIoTable;
  }

  @Override
  public IncidentIoQuery query() {
    return query;
  }

  /** Returns a scan of the same table with another query. */
  public IncidentIoTableScan withQuery(IncidentIoQuery q) {
    return new IncidentIoTableScan(
        getCluster(), traits(getCluster(), getConvention(), q), table, incidentIoTable, q);
  }

  /** Returns this scan in the adapter's convention, ready to be implemented. */
  IncidentIoTableScan toApiConvention() {
    return new IncidentIoTableScan(
        getCluster(), getTraitSet().replace(CONVENTION), table, incidentIoTable, query);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return traitSet.equals(getTraitSet())
        ? this
        : new IncidentIoTableScan(getCluster(), traitSet, table, incidentIoTable, query);
  }

  @Override
  public RelDataType deriveRowType() {
    RelDataTypeFactory typeFactory = getCluster().getTypeFactory();
    if (query.isCount()) {
      return typeFactory.builder()
          .add(query.countName(), typeFactory.createSqlType(SqlTypeName.BIGINT))
          .build();
    }
    List<RelDataTypeField> fields = table.getRowType().getFieldList();
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (int i : query.projection()) {
      builder.add(fields.get(i));
    }
    return builder.build();
  }

  @Override
  public void register(RelOptPlanner planner) {
    IncidentIoRules.register(planner, incidentIoTable.pushdown(), incidentIoTable.keyJoins());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return query.estimatedRows();
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double cost = query.estimatedCost();
    return planner.getCostFactory().makeCost(cost, cost, query.estimatedRequests());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw);
    if (query.isCount()) {
      pw.item("count", "pagination_meta.total_record_count");
    } else if (!query.isFullProjection()) {
      pw.item("fields", query.projection().stream()
          .map(i -> query.table().columns().get(i).name())
          .collect(Collectors.joining(", ")));
    }
    if (query.offset() > 0) {
      pw.item("offset", query.offset());
    }
    if (query.fetch() >= 0) {
      pw.item("fetch", query.fetch());
    }
    pw.item("requests", query.describeRequests());
    // Whether the rest is read in windows depends on the first page; EXPLAIN says when.
    String windows = IncidentIoWindows.describe(incidentIoTable.parallelism(), query);
    return pw.itemIf("windows", windows, windows != null);
  }
}
