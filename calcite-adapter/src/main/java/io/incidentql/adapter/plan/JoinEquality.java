package io.incidentql.adapter.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Equality among a join's conditions between a field of its left input and a field of its
 * right input, as the rules that read one side by the other's keys or give one side the
 * other's filters look for them.
 *
 * @param conjunct the condition, one of the join condition's conjuncts
 * @param left the field of the left input
 * @param right the field of the right input, counted from the right input's first
 */
record JoinEquality(RexNode conjunct, int left, int right) {
  /** Returns the join condition's equalities of a left and a right field, in order. */
  static List<JoinEquality> of(Join join) {
    int leftCount = join.getLeft().getRowType().getFieldCount();
    List<JoinEquality> out = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
      if (conjunct.getKind() != SqlKind.EQUALS) {
        continue;
      }
      List<RexNode> operands = ((RexCall) conjunct).getOperands();
      if (!(operands.get(0) instanceof RexInputRef a) || !(operands.get(1) instanceof RexInputRef b)) {
        continue;
      }
      int low = Math.min(a.getIndex(), b.getIndex());
      int high = Math.max(a.getIndex(), b.getIndex());
      if (low < leftCount && high >= leftCount) {
        out.add(new JoinEquality(conjunct, low, high - leftCount));
      }
    }
    return out;
  }
}
