package io.incidentql.grammar.ast;

/**
 * Operator of a {@link Comparison}; {@code !=} and {@code <>} are both {@link #NOT_EQUAL}.
 */
public enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** Returns the SQL spelling of the operator. */
    public String symbol() {
        return symbol;
    }

    /** Returns the operator that holds when the operands are swapped: {@code a < b} iff {@code b > a}. */
    public ComparisonOperator flip() {
        return switch (this) {
            case EQUAL, NOT_EQUAL -> this;
            case LESS_THAN -> GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> LESS_THAN_OR_EQUAL;
        };
    }

    /** Returns the operator that holds exactly when this one does not, for non-NULL operands. */
    public ComparisonOperator negate() {
        return switch (this) {
            case EQUAL -> NOT_EQUAL;
            case NOT_EQUAL -> EQUAL;
            case LESS_THAN -> GREATER_THAN_OR_EQUAL;
            case LESS_THAN_OR_EQUAL -> GREATER_THAN;
            case GREATER_THAN -> LESS_THAN_OR_EQUAL;
            case GREATER_THAN_OR_EQUAL -> LESS_THAN;
        };
    }
}
