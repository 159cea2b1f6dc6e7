package io.incidentql.grammar.ast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Query: the root of the tree, one SELECT over one table.
 *
 * @param select the select list, never empty
 * @param from the one table queried
 * @param where the row filter, if any
 * @param groupBy the grouping expressions, empty without GROUP BY
 * @param having the group filter, if any
 * @param orderBy the sort keys, empty without ORDER BY
 * @param limit the LIMIT count, if any
 * @param offset the OFFSET count, if any
 * @param position the position of SELECT
 */
public record Query(
        List<SelectItem> select,
        TableRef from,
        Optional<Expression> where,
        List<Expression> groupBy,
        Optional<Expression> having,
        List<OrderItem> orderBy,
        OptionalLong limit,
        OptionalLong offset,
        Position position) implements Node {

    public Query {
        select = List.copyOf(select);
        if (select.isEmpty()) {
            throw new IllegalArgumentException("select list is empty");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(where, "where");
        groupBy = List.copyOf(groupBy);
        Objects.requireNonNull(having, "having");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public List<Node> children() {
        List<Node> children = new ArrayList<>(select);
        children.add(from);
        where.ifPresent(children::add);
        children.addAll(groupBy);
        having.ifPresent(children::add);
        children.addAll(orderBy);
        return Collections.unmodifiableList(children);
    }

    /**
     * Returns every parameter occurrence in source order; a name used twice appears twice, once
     * per position, each with its own {@link Parameter#expandable()} flag.
     */
    public List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        // Iterative, depth-first, children in source order: trees can be deep, stacks are not.
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof Parameter parameter) {
                parameters.add(parameter);
            }
            List<Node> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
        return List.copyOf(parameters);
    }

    /** Returns the distinct parameter names in order of first use. */
    public Set<String> parameterNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Parameter parameter : parameters()) {
            names.add(parameter.name());
        }
        return Collections.unmodifiableSet(names);
    }
}
