package io.incidentql.grammar.ast;

/**
 * Entry of a select list: either {@link AllColumns} or {@link SingleColumn}.
 */
public sealed interface SelectItem extends Node permits AllColumns, SingleColumn {
}
