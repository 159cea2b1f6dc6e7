package io.incidentql.adapter.plan;

import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.TableDef;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.RelFactories;

/**
 * Planner rule that gives a child table's scan the filters pushed into its parent's scan when
 * the two are joined on the parent's key: a child row joins only the parent row it was read
 * from, so only the children of parents that pass the filters can join. The child is read from
 * the parent's own requests, so with the same filters both scans send the same requests, and
 * the response cache answers the second; without this, the child read every parent row.
 *
 * <p>It applies to an inner join, and to an outer join that keeps the parent's rows (the child's
 * unmatched rows are not kept, so none is lost), with the equality of the parent's key and the
 * child's carried key among the join's conditions. Only filters whose every condition the child
 * can carry are given, and none of a statement parameter's: those are bound per execution.
 */
final class IncidentIoChildFilterRule extends RelRule<IncidentIoRules.RuleConfig> {
  /** The parent's scan is the join's left input. */
  static final RelOptRule PARENT_LEFT = config("IncidentIoChildFilterRule:left", true);

  /** The parent's scan is the join's right input. */
  static final RelOptRule PARENT_RIGHT = config("IncidentIoChildFilterRule:right", false);

  private final boolean parentOnLeft;

  private IncidentIoChildFilterRule(IncidentIoRules.RuleConfig config, boolean parentOnLeft) {
    super(config);
    this.parentOnLeft = parentOnLeft;
  }

  private static RelOptRule config(String description, boolean parentOnLeft) {
    RelRule.OperandTransform scan = b -> b.operand(IncidentIoTableScan.class)
        .predicate(s -> s.getConvention() == Convention.NONE).noInputs();
    return new IncidentIoRules.RuleConfig(
        b -> b.operand(Join.class).inputs(scan, scan), description, RelFactories.LOGICAL_BUILDER,
        c -> new IncidentIoChildFilterRule(c, parentOnLeft)).toRule();
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    IncidentIoTableScan parent = call.rel(parentOnLeft ? 1 : 2);
    IncidentIoTableScan child = call.rel(parentOnLeft ? 2 : 1);
    IncidentIoQuery p = parent.query();
    IncidentIoQuery c = child.query();
    TableDef.Child spec = c.table().child();
    if (spec == null || !spec.parentTable().equals(p.table().name())) {
      return;
    }
    JoinRelType type = join.getJoinType();
    boolean keepsOnlyParent = type == (parentOnLeft ? JoinRelType.LEFT : JoinRelType.RIGHT);
    if (type != JoinRelType.INNER && !keepsOnlyParent) {
      return;
    }
    if (p.isCount() || p.hasLimit() || !p.params().isEmpty() || !p.filter().any().isEmpty()
        || p.filter().all().isEmpty() || p.filter().isContradiction()
        || c.isCount() || c.hasLimit() || !c.filter().any().isEmpty()
        || !joinsOnParentKey(join, parent, child)) {
      return;
    }
    IncidentIoFilter given = c.filter();
    for (Condition condition : p.filter().all()) {
      Condition carried = carried(c.table(), p.table(), condition);
      if (carried == null) {
        return;
      }
      given = given.and(carried);
    }
    if (given.equals(c.filter())) {
      return;
    }
    RelNode narrowed = child.withQuery(c.withFilter(given));
    call.transformTo(join.copy(join.getTraitSet(),
        parentOnLeft ? List.of(parent, narrowed) : List.of(narrowed, parent)));
  }

  /**
   * Whether an equality among the join's conditions compares the parent scan's primary key with
   * the child scan's column that carries it.
   */
  private boolean joinsOnParentKey(Join join, IncidentIoTableScan parent, IncidentIoTableScan child) {
    TableDef p = parent.query().table();
    for (JoinEquality e : JoinEquality.of(join)) {
      ColumnDef parentColumn = column(parent.query(), parentOnLeft ? e.left() : e.right());
      ColumnDef childColumn = column(child.query(), parentOnLeft ? e.right() : e.left());
      if (parentColumn.name().equals(p.primaryKey()) && p.name().equals(childColumn.references())
          && childColumn.path().equals(parentColumn.path())) {
        return true;
      }
    }
    return false;
  }

  private static ColumnDef column(IncidentIoQuery query, int field) {
    return query.table().columns().get(query.projection().get(field));
  }

  /**
   * The parent's condition as the child's query holds it, or null where the child carries no
   * column it filters: a lookup names the column (the child's name for it), the other forms the
   * API's field, which the carried column keeps.
   */
  private static Condition carried(TableDef child, TableDef parent, Condition condition) {
    for (ColumnDef c : child.columns()) {
      ColumnFilter f = c.filter();
      if (f == null) {
        continue;
      }
      if (condition.op() == Op.LOOKUP) {
        int at = parent.columnIndex(condition.field());
        ColumnDef from = at < 0 ? null : parent.columns().get(at);
        if (from != null && f.kind() == ColumnFilter.Kind.LOOKUP && c.path().equals(from.path())) {
          return new Condition(c.name(), condition.op(), condition.values(), condition.resolve());
        }
      } else if (f.kind() != ColumnFilter.Kind.LOOKUP && f.field().equals(condition.field())) {
        return condition;
      }
    }
    return null;
  }
}
