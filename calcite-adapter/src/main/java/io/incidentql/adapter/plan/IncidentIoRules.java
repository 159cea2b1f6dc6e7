package io.incidentql.adapter.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableMergeUnionRule;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Holder of the planner rules that push work into an {@link IncidentIoTableScan}: filters,
 * projections, sort order and limits, and {@code COUNT(*)}; plus the rule that converts the
 * scan to the enumerable convention. Each rule checks in {@code matches} that it can translate
 * its node; what it cannot push stays above the scan as a residual node.
 */
public final class IncidentIoRules {
  private IncidentIoRules() {}

  /** Pushes a Filter's pushable conjuncts into the scan below it. */
  public static final RelOptRule FILTER =
      config("IncidentIoFilterRule", FilterRule::new,
          b -> b.operand(Filter.class).oneInput(IncidentIoRules::logicalScan))
          .toRule();

  /** Narrows the columns the scan converts to those a Project reads. */
  public static final RelOptRule PROJECT =
      config("IncidentIoProjectRule", ProjectRule::new,
          b -> b.operand(Project.class).oneInput(IncidentIoRules::logicalScan))
          .toRule();

  /** Pushes an ORDER BY the API can deliver, and LIMIT / OFFSET, into the scan. */
  public static final RelOptRule SORT =
      config("IncidentIoSortRule", SortRule::new,
          b -> b.operand(Sort.class).oneInput(IncidentIoRules::logicalScan))
          .toRule();

  /** Answers {@code COUNT(*)} from {@code total_record_count} where the table sends it. */
  public static final RelOptRule COUNT =
      config("IncidentIoCountRule", CountRule::new,
          b -> b.operand(Aggregate.class).oneInput(IncidentIoRules::logicalScan))
          .toRule();

  /** Moves a logical scan, with what has been pushed into it, into the adapter's convention. */
  public static final RelOptRule TO_API =
      ConverterRule.Config.INSTANCE
          .withConversion(IncidentIoTableScan.class, Convention.NONE, IncidentIoRel.CONVENTION,
              "IncidentIoScanRule")
          .withRuleFactory(ToApiRule::new)
          .toRule(ToApiRule.class);

  /** Converts a scan to the enumerable convention. */
  public static final RelOptRule TO_ENUMERABLE =
      ConverterRule.Config.INSTANCE
          .withConversion(RelNode.class, IncidentIoRel.CONVENTION, EnumerableConvention.INSTANCE,
              "IncidentIoToEnumerableConverterRule")
          .withRuleFactory(ToEnumerableRule::new)
          .toRule(ToEnumerableRule.class);

  /** The rules that push work into the API. */
  public static final List<RelOptRule> PUSHDOWN_RULES = List.of(FILTER, PROJECT, SORT, COUNT,
      IncidentIoChildFilterRule.PARENT_LEFT, IncidentIoChildFilterRule.PARENT_RIGHT);

  /** The rules that offer to read a join's side by the keys of the other side. */
  public static final List<RelOptRule> KEY_JOIN_RULES =
      List.of(IncidentIoKeyJoinRule.RIGHT, IncidentIoKeyJoinRule.LEFT);

  /**
   * Calcite's rule that merges the sorted inputs of a UNION under an ORDER BY, except under a
   * LIMIT over a UNION DISTINCT: Calcite's own pushes the LIMIT into each input, whose first n
   * rows may repeat a value and so hold fewer than n distinct ones, and the union then lacks rows
   * ({@code SELECT status ... UNION SELECT status ... ORDER BY 1 LIMIT 12} gave two statuses of
   * three, with pushdown on or off).
   */
  public static final RelOptRule MERGE_UNION =
      new EnumerableMergeUnionRule(EnumerableMergeUnionRule.Config.DEFAULT_CONFIG) {
        @Override
        public boolean matches(RelOptRuleCall call) {
          Sort sort = call.rel(0);
          Union union = call.rel(1);
          return (union.all || (sort.fetch == null && sort.offset == null))
              && super.matches(call);
        }
      };

  /**
   * Adds the converter, and with {@code pushdown} the pushdown rules (and with {@code keyJoins}
   * too the key join rules), to a planner; replaces Calcite's merge-union rule by
   * {@link #MERGE_UNION}.
   */
  public static void register(RelOptPlanner planner, boolean pushdown, boolean keyJoins) {
    planner.addRule(TO_API);
    planner.addRule(TO_ENUMERABLE);
    // Not a pushdown: long IN lists must compile whether or not work is pushed.
    planner.addRule(IncidentIoValues.RULE);
    if (planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_UNION_RULE)) {
      planner.addRule(MERGE_UNION);
    }
    if (pushdown) {
      PUSHDOWN_RULES.forEach(planner::addRule);
      if (keyJoins) {
        KEY_JOIN_RULES.forEach(planner::addRule);
      }
    }
  }

  /** Rule that pushes a Filter's conjuncts into the scan and keeps the rest as a Filter. */
  static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      IncidentIoTableScan scan = call.rel(1);
      IncidentIoQuery q = scan.query();
      // A filter above a limit or a count cannot move below it.
      return !q.isCount() && !q.hasLimit()
          && IncidentIoPredicateTranslator.translate(q, filter.getCondition()).changed();
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      IncidentIoTableScan scan = call.rel(1);
      IncidentIoPredicateTranslator.Result r =
          IncidentIoPredicateTranslator.translate(scan.query(), filter.getCondition());
      RelNode pushed = scan.withQuery(scan.query().withFilter(r.filter()).withParams(r.params()));
      if (!r.residual().isEmpty()) {
        RexNode rest = RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), r.residual());
        pushed = filter.copy(filter.getTraitSet(), pushed, rest);
      }
      call.transformTo(pushed);
    }
  }

  /** Rule that converts only the columns a Project reads, keeping computed ones in a Project. */
  static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      Project project = call.rel(0);
      IncidentIoTableScan scan = call.rel(1);
      if (scan.query().isCount()) {
        return false;
      }
      if (allInputRefs(project)) {
        return true;
      }
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      return used.cardinality() < scan.getRowType().getFieldCount();
    }

    private static boolean allInputRefs(Project project) {
      return project.getProjects().stream().allMatch(e -> e instanceof RexInputRef);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      IncidentIoTableScan scan = call.rel(1);
      List<Integer> current = scan.query().projection();
      if (allInputRefs(project)) {
        List<Integer> next = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
          next.add(current.get(((RexInputRef) e).getIndex()));
        }
        call.transformTo(scan.withQuery(scan.query().withProjection(next)));
        return;
      }
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      List<Integer> next = new ArrayList<>();
      int[] map = new int[current.size()];
      for (int field : used) {
        map[field] = next.size();
        next.add(current.get(field));
      }
      IncidentIoTableScan narrow = scan.withQuery(scan.query().withProjection(next));
      List<RexNode> exprs = new ArrayList<>();
      RexShuttle remap = new RexShuttle() {
        @Override
        public RexNode visitInputRef(RexInputRef ref) {
          return new RexInputRef(map[ref.getIndex()], ref.getType());
        }
      };
      for (RexNode e : project.getProjects()) {
        exprs.add(e.accept(remap));
      }
      call.transformTo(project.copy(project.getTraitSet(), narrow, exprs, project.getRowType()));
    }
  }

  /** Rule that pushes an ORDER BY the API can deliver, and LIMIT and OFFSET, into the scan. */
  static final class SortRule extends RelRule<RuleConfig> {
    SortRule(RuleConfig config) {
      super(config);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      IncidentIoTableScan scan = call.rel(1);
      IncidentIoQuery q = scan.query();
      if (q.isCount() || q.hasLimit() || q.table().child() != null) {
        return false; // a child's rows are not the API's items: a limit cannot size its pages
      }
      if (!literalOrAbsent(sort.offset) || !literalOrAbsent(sort.fetch)) {
        return false;
      }
      if (sort.getCollation().getFieldCollations().isEmpty()) {
        return sort.offset != null || sort.fetch != null;
      }
      IncidentIoQuery.Sort order = apiOrder(q, sort.getCollation());
      return order != null && (q.sort().isNone() || q.sort().equals(order));
    }

    private static boolean literalOrAbsent(RexNode e) {
      if (e == null) {
        return true;
      }
      Long v = e instanceof RexLiteral ? ((RexLiteral) e).getValueAs(Long.class) : null;
      return v != null && v >= 0;
    }

    /**
     * The API order that is exactly the collation, or null: one of the table's sort keys (the
     * catalog's), either way, with nulls where SQL puts them by default; the API breaks ties its
     * own way, which a single key leaves open anyway.
     */
    static IncidentIoQuery.Sort apiOrder(IncidentIoQuery q, RelCollation collation) {
      List<RelFieldCollation> keys = collation.getFieldCollations();
      if (keys.size() != 1 || q.requests().size() > 1 || q.isLookup()) {
        return null;
      }
      RelFieldCollation key = keys.get(0);
      int column = q.projection().get(key.getFieldIndex());
      if (q.table().sortOn(column) == null) {
        return null;
      }
      if (key.direction == RelFieldCollation.Direction.ASCENDING
          && key.nullDirection == RelFieldCollation.NullDirection.LAST) {
        return new IncidentIoQuery.Sort(column, true);
      }
      if (key.direction == RelFieldCollation.Direction.DESCENDING
          && key.nullDirection == RelFieldCollation.NullDirection.FIRST) {
        return new IncidentIoQuery.Sort(column, false);
      }
      return null;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      IncidentIoTableScan scan = call.rel(1);
      IncidentIoQuery q = scan.query();
      if (!sort.getCollation().getFieldCollations().isEmpty()) {
        q = q.withSort(apiOrder(q, sort.getCollation()));
      }
      if (sort.offset != null || sort.fetch != null) {
        long offset = sort.offset == null ? 0 : ((RexLiteral) sort.offset).getValueAs(Long.class);
        long fetch = sort.fetch == null ? -1 : ((RexLiteral) sort.fetch).getValueAs(Long.class);
        q = q.withLimit(offset, fetch);
      }
      call.transformTo(scan.withQuery(q));
    }
  }

  /** Rule that answers COUNT(*) with one request of one row, on tables that send a total. */
  static final class CountRule extends RelRule<RuleConfig> {
    CountRule(RuleConfig config) {
      super(config);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      Aggregate aggregate = call.rel(0);
      IncidentIoTableScan scan = call.rel(1);
      IncidentIoQuery q = scan.query();
      if (!q.table().countable() || q.isCount() || q.hasLimit() || q.isLookup()
          || q.requests().size() > 1) {
        return false;
      }
      if (!aggregate.getGroupSet().isEmpty() || aggregate.getGroupSets().size() != 1
          || aggregate.getAggCallList().size() != 1) {
        return false;
      }
      AggregateCall count = aggregate.getAggCallList().get(0);
      return count.getAggregation().getKind() == SqlKind.COUNT
          && count.getArgList().isEmpty()
          && !count.isDistinct()
          && count.filterArg < 0;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Aggregate aggregate = call.rel(0);
      IncidentIoTableScan scan = call.rel(1);
      String name = aggregate.getRowType().getFieldNames().get(0);
      call.transformTo(scan.withQuery(scan.query().withCount(name)));
    }
  }

  /** Rule that moves a logical scan into the adapter's convention. */
  static final class ToApiRule extends ConverterRule {
    ToApiRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return ((IncidentIoTableScan) rel).toApiConvention();
    }
  }

  /** Rule that puts a converter to the enumerable convention on top of a scan. */
  static final class ToEnumerableRule extends ConverterRule {
    ToEnumerableRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return new IncidentIoToEnumerableConverter(
          rel.getCluster(), rel.getTraitSet().replace(getOutConvention()), rel);
    }
  }

  private static RelRule.Done logicalScan(RelRule.OperandBuilder b) {
    return b.operand(IncidentIoTableScan.class)
        .predicate(s -> s.getConvention() == Convention.NONE)
        .noInputs();
  }

  private static RuleConfig config(
      String description,
      Function<RuleConfig, RelOptRule> factory,
      RelRule.OperandTransform operands) {
    return new RuleConfig(operands, description, RelFactories.LOGICAL_BUILDER, factory);
  }

  /** Configuration of the rules above, written out instead of generated. */
  record RuleConfig(
      RelRule.OperandTransform operandSupplier,
      String description,
      RelBuilderFactory relBuilderFactory,
      Function<RuleConfig, RelOptRule> factory)
      implements RelRule.Config {
    @Override
    public RelOptRule toRule() {
      return factory.apply(this);
    }

    @Override
    public RuleConfig withRelBuilderFactory(RelBuilderFactory f) {
      return new RuleConfig(operandSupplier, description, f, factory);
    }

    @Override
    public RuleConfig withDescription(String d) {
      return new RuleConfig(operandSupplier, d, relBuilderFactory, factory);
    }

    @Override
    public RuleConfig withOperandSupplier(RelRule.OperandTransform t) {
      return new RuleConfig(t, description, relBuilderFactory, factory);
    }
  }
}
