package io.incidentql.grammar.ast;

/**
 * Visitor over the {@link Expression} types, one method each, so that a translator handles
 * every type or fails to compile.
 *
 * @param <R> the result type
 */
public interface ExpressionVisitor<R> {

    R visitColumnRef(ColumnRef node);

    R visitComparison(Comparison node);

    R visitAnd(And node);

    R visitOr(Or node);

    R visitNot(Not node);

    R visitInList(InList node);

    R visitBetween(Between node);

    R visitLike(Like node);

    R visitIsNull(IsNull node);

    R visitAggregate(Aggregate node);

    R visitFunctionCall(FunctionCall node);

    R visitStringLiteral(StringLiteral node);

    R visitLongLiteral(LongLiteral node);

    R visitDecimalLiteral(DecimalLiteral node);

    R visitBooleanLiteral(BooleanLiteral node);

    R visitNullLiteral(NullLiteral node);

    R visitDateLiteral(DateLiteral node);

    R visitTimestampLiteral(TimestampLiteral node);

    R visitRelativeTime(RelativeTime node);

    R visitParameter(Parameter node);
}
