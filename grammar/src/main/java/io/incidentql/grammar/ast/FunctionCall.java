package io.incidentql.grammar.ast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Call of a function that is not an aggregate; whether the function exists is checked later.
 *
 * @param name the function name
 * @param arguments the arguments, possibly none
 * @param position the position of the function name
 */
public record FunctionCall(Identifier name, List<Expression> arguments, Position position) implements Expression {

    public FunctionCall {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        List<Node> children = new ArrayList<>(arguments.size() + 1);
        children.add(name);
        children.addAll(arguments);
        return Collections.unmodifiableList(children);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitFunctionCall(this);
    }
}
