package io.incidentql.grammar.ast;

/**
 * Value or condition in a query: a column, a literal, a parameter, a function call or a
 * predicate combined with AND, OR and NOT.
 */
public sealed interface Expression extends Node
        permits ColumnRef, Comparison, And, Or, Not, InList, Between, Like, IsNull, Aggregate, FunctionCall,
                Literal, Parameter {

    /** Calls the visitor method for this node's type; Java 17 has no exhaustive type switch. */
    <R> R accept(ExpressionVisitor<R> visitor);
}
