package io.incidentql.dsl;

import io.incidentql.grammar.ast.Aggregate;
import io.incidentql.grammar.ast.ColumnRef;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/** Resolver of the names an expression uses, against the row it is evaluated over. */
interface DslScope {

  /** An expression compiled to Calcite, with its type and how error messages name it. */
  record Typed(RexNode rex, DslType type, RelDataType relType, String description) {
    static Typed of(RexNode rex, String description) {
      return new Typed(rex, DslType.of(rex.getType()), rex.getType(), description);
    }
  }

  Typed column(ColumnRef ref);

  Typed aggregate(Aggregate aggregate);

  /** The whole expression when the scope has it ready-made, as a grouping key. */
  default java.util.Optional<Typed> group(io.incidentql.grammar.ast.Expression e) {
    return java.util.Optional.empty();
  }

  /** The clause being compiled, for messages: {@code WHERE}, {@code GROUP BY}, ... */
  String clause();
}
