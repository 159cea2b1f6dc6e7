package io.incidentql.dsl;

import io.incidentql.grammar.ast.Aggregate;
import io.incidentql.grammar.ast.ColumnRef;
import io.incidentql.grammar.ast.Expression;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * Scope above an aggregation: only the grouping expressions and the aggregates exist there, so a
 * bare column must be one of the groups.
 */
final class DslAggregateScope implements DslScope {
  private final RelBuilder builder;
  private final DslExpressions expressions;
  private final DslInputScope input;
  private final List<Expression> groups;
  private final List<Aggregate> aggregates;
  String clause = "SELECT";

  DslAggregateScope(RelBuilder builder, DslExpressions expressions, DslInputScope input, List<Expression> groups,
      List<Aggregate> aggregates) {
    this.builder = builder;
    this.expressions = expressions;
    this.input = input;
    this.groups = groups;
    this.aggregates = aggregates;
  }

  @Override
  public String clause() {
    return clause;
  }

  @Override
  public Typed column(ColumnRef ref) {
    int index = input.index(ref);
    for (int i = 0; i < groups.size(); i++) {
      if (input.same(groups.get(i), ref)) {
        return field(i, input.describe(index));
      }
    }
    throw expressions.error(ref.position(), "column '" + ref.name().value()
        + "' must appear in GROUP BY or be used in an aggregate function");
  }

  @Override
  public java.util.Optional<Typed> group(Expression e) {
    if (e instanceof ColumnRef) {
      return java.util.Optional.empty();
    }
    for (int i = 0; i < groups.size(); i++) {
      if (input.same(groups.get(i), e)) {
        return java.util.Optional.of(field(i, "grouped expression"));
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public Typed aggregate(Aggregate aggregate) {
    int i = aggregates.indexOf(aggregate);
    return field(groups.size() + i, aggregate.function() + "(...)");
  }

  private Typed field(int index, String description) {
    RexNode field = builder.field(index);
    RelDataTypeField f = builder.peek().getRowType().getFieldList().get(index);
    return new Typed(field, DslType.of(f.getType()), f.getType(), description);
  }
}
