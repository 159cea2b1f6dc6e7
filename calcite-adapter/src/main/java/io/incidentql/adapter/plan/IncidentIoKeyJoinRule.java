package io.incidentql.adapter.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.tools.RelBuilder;

/**
 * Planner rule that offers to read one side of a join, a scan whose join column can fetch by key
 * (a catalog capability: a show request, a plain parameter or a list filter), by the keys of the
 * other side: an {@link IncidentIoKeyJoin}. It handles inner joins with the scan on either side
 * and outer joins that keep the other side's rows. The join chooses between keys and a scan when
 * it runs, on the number of keys; its cost is never above the scan's, so the planner keeps it.
 */
final class IncidentIoKeyJoinRule extends RelRule<IncidentIoRules.RuleConfig> {
  /** The scan is the join's right input. */
  static final RelOptRule RIGHT = config("IncidentIoKeyJoinRule:right", true);

  /** The scan is the join's left input. */
  static final RelOptRule LEFT = config("IncidentIoKeyJoinRule:left", false);

  private final boolean scanOnRight;

  private IncidentIoKeyJoinRule(IncidentIoRules.RuleConfig config, boolean scanOnRight) {
    super(config);
    this.scanOnRight = scanOnRight;
  }

  private static RelOptRule config(String description, boolean scanOnRight) {
    RelRule.OperandTransform scan = b -> b.operand(IncidentIoTableScan.class)
        .predicate(s -> s.getConvention() == Convention.NONE).noInputs();
    RelRule.OperandTransform other = b -> b.operand(RelNode.class).anyInputs();
    return new IncidentIoRules.RuleConfig(
        b -> b.operand(Join.class).inputs(scanOnRight ? other : scan, scanOnRight ? scan : other),
        description, RelFactories.LOGICAL_BUILDER,
        c -> new IncidentIoKeyJoinRule(c, scanOnRight)).toRule();
  }

  /** The equality between an outer and an inner column that the keys are sent for. */
  private record Key(RexNode conjunct, int outer, int inner) {}

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    IncidentIoTableScan scan = call.rel(scanOnRight ? 2 : 1);
    JoinRelType type = join.getJoinType();
    // The outer side's rows are all kept only when the outer join keeps them.
    boolean keepOuter = type == (scanOnRight ? JoinRelType.LEFT : JoinRelType.RIGHT);
    if (type != JoinRelType.INNER && !keepOuter) {
      return;
    }
    RelNode outer = scanOnRight ? join.getLeft() : join.getRight();
    int leftCount = join.getLeft().getRowType().getFieldCount();
    List<RexNode> conjuncts = RelOptUtil.conjunctions(join.getCondition());
    Key key = null;
    for (JoinEquality e : JoinEquality.of(join)) {
      key = key(e, join, scan);
      if (key != null) {
        break;
      }
    }
    if (key == null) {
      return;
    }
    List<RexNode> rest = new ArrayList<>(conjuncts);
    rest.remove(key.conjunct());
    if (keepOuter && !rest.isEmpty()) {
      // An outer join's other conditions decide which rows are padded: not a filter after it.
      return;
    }
    IncidentIoKeyFetch fetch =
        new IncidentIoKeyFetch(scan.query(), key.inner(), key.outer(), keepOuter);
    if (fetch.keysWorthReading() == 0) {
      // Even one key costs more requests than the scan: it would always scan.
      return;
    }
    RelDataType rowType = scanOnRight
        ? join.getRowType()
        : SqlValidatorUtil.deriveJoinRowType(outer.getRowType(), scan.getRowType(),
            keepOuter ? JoinRelType.LEFT : JoinRelType.INNER, join.getCluster().getTypeFactory(),
            null, List.of());
    RelNode keyJoin = IncidentIoKeyJoin.create(
        convert(outer, outer.getTraitSet().replace(EnumerableConvention.INSTANCE)),
        rowType, scan, fetch, RelMdUtil.guessSelectivity(join.getCondition()));
    RelBuilder b = call.builder().push(keyJoin);
    if (!scanOnRight) {
      // Back to the join's column order: the scan's columns first.
      int outerCount = outer.getRowType().getFieldCount();
      List<RexNode> fields = new ArrayList<>();
      for (int i = 0; i < leftCount; i++) {
        fields.add(b.field(outerCount + i));
      }
      for (int i = 0; i < outerCount; i++) {
        fields.add(b.field(i));
      }
      b.project(fields, join.getRowType().getFieldNames(), true);
    }
    if (!rest.isEmpty()) {
      b.filter(rest);
    }
    call.transformTo(b.build());
  }

  /**
   * Returns the key of an equality {@code outer column = inner column} whose inner column can
   * fetch by key, both columns strings (compared as Java strings when rows are joined), or null.
   */
  private Key key(JoinEquality e, Join join, IncidentIoTableScan scan) {
    if (type(join.getLeft(), e.left()) != SqlTypeName.VARCHAR
        || type(join.getRight(), e.right()) != SqlTypeName.VARCHAR) {
      return null;
    }
    int outer = scanOnRight ? e.left() : e.right();
    int inner = scanOnRight ? e.right() : e.left();
    return IncidentIoKeyFetch.supports(scan.query(), inner)
        ? new Key(e.conjunct(), outer, inner) : null;
  }

  private static SqlTypeName type(RelNode input, int field) {
    return input.getRowType().getFieldList().get(field).getType().getSqlTypeName();
  }
}
