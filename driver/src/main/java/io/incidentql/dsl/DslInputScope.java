package io.incidentql.dsl;

import io.incidentql.grammar.NameSuggester;
import io.incidentql.grammar.ast.Aggregate;
import io.incidentql.grammar.ast.ColumnRef;
import io.incidentql.grammar.ast.Expression;
import io.incidentql.grammar.ast.Identifier;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;

/** Scope of the table's own columns: what WHERE, GROUP BY and aggregate arguments see. */
final class DslInputScope implements DslScope {
  final List<RelDataTypeField> fields;
  private final RelBuilder builder;
  private final DslExpressions expressions;
  private final String qualifier;
  private final String table;
  String clause = "WHERE";
  boolean insideAggregate;

  DslInputScope(RelBuilder builder, DslExpressions expressions, List<RelDataTypeField> fields, String qualifier,
      String table) {
    this.builder = builder;
    this.expressions = expressions;
    this.fields = fields;
    this.qualifier = qualifier;
    this.table = table;
  }

  @Override
  public String clause() {
    return clause;
  }

  void checkQualifier(Identifier q) {
    if (!q.canonical().equals(qualifier)) {
      throw expressions.error(q.position(), "table or alias '" + q.value() + "' not found",
          NameSuggester.nearest(q.value(), List.of(qualifier)));
    }
  }

  /** Returns the index of the column a reference names, or fails with a suggestion. */
  int index(ColumnRef ref) {
    ref.qualifier().ifPresent(this::checkQualifier);
    String name = ref.name().canonical();
    for (RelDataTypeField f : fields) {
      if (f.getName().equals(name)) {
        return f.getIndex();
      }
    }
    throw expressions.error(ref.name().position(),
        "column '" + ref.name().value() + "' not found in table '" + table + "'",
        NameSuggester.nearest(ref.name().value(), fields.stream().map(RelDataTypeField::getName).toList()));
  }

  @Override
  public Typed column(ColumnRef ref) {
    int index = index(ref);
    RelDataTypeField f = fields.get(index);
    RexNode field = builder.field(index);
    return new Typed(field, DslType.of(f.getType()), f.getType(), describe(index));
  }

  String describe(int index) {
    RelDataTypeField f = fields.get(index);
    return f.getType().getSqlTypeName().getName() + " column '" + f.getName() + "'";
  }

  @Override
  public Typed aggregate(Aggregate aggregate) {
    if (insideAggregate) {
      throw expressions.error(aggregate.position(), "aggregate function " + aggregate.function()
          + " cannot be nested inside another aggregate function");
    }
    throw expressions.error(aggregate.position(), "aggregate function " + aggregate.function()
        + " is not allowed in " + clause);
  }

  /** Whether two expressions are the same over this table: same column, or equal trees. */
  boolean same(Expression a, Expression b) {
    if (a instanceof ColumnRef x && b instanceof ColumnRef y) {
      return index(x) == index(y);
    }
    return a.equals(b);
  }
}
