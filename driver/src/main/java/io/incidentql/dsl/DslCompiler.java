package io.incidentql.dsl;

import io.incidentql.dsl.DslScope.Typed;
import io.incidentql.grammar.DslSemanticException;
import io.incidentql.grammar.NameSuggester;
import io.incidentql.grammar.ast.Aggregate;
import io.incidentql.grammar.ast.AggregateFunction;
import io.incidentql.grammar.ast.AllColumns;
import io.incidentql.grammar.ast.ColumnRef;
import io.incidentql.grammar.ast.Expression;
import io.incidentql.grammar.ast.Identifier;
import io.incidentql.grammar.ast.LongLiteral;
import io.incidentql.grammar.ast.Node;
import io.incidentql.grammar.ast.OrderItem;
import io.incidentql.grammar.ast.Query;
import io.incidentql.grammar.ast.SelectItem;
import io.incidentql.grammar.ast.SingleColumn;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.tools.RelBuilder;

/**
 * Compiler of a parsed DSL query into a relational plan, built with a {@link RelBuilder} so that
 * it meets the same planner, rules and executor as SQL.
 *
 * <p>The plan has the shape SQL's has: scan, filter, aggregate, filter (HAVING), project, sort,
 * limit. Every name and type is checked on the way, and a mistake is reported at its line and
 * column, with the nearest valid name where one is close.
 */
final class DslCompiler {
  private final RelBuilder builder;
  private final SchemaPlus schema;
  private final String schemaName;
  private final String text;
  private final DslExpressions expressions;

  DslCompiler(RelBuilder builder, SchemaPlus schema, String schemaName, String text, DslBindings bindings, Instant now) {
    this.builder = builder;
    this.schema = schema;
    this.schemaName = schemaName;
    this.text = text;
    this.expressions = new DslExpressions(builder, text, bindings, now);
  }

  RelNode compile(Query query) {
    DslInputScope input = scan(query);
    query.where().ifPresent(where -> {
      input.clause = "WHERE";
      builder.filter(expressions.condition(where, input));
    });

    List<SingleColumn> select = expandStars(query.select(), input);
    DslScope scope = input;
    boolean aggregating = !query.groupBy().isEmpty() || query.having().isPresent()
        || select.stream().anyMatch(s -> containsAggregate(s.expression()))
        || query.orderBy().stream().anyMatch(o -> containsAggregate(o.expression()));
    if (aggregating) {
      scope = aggregate(query, select, input);
    }

    input.clause = "SELECT";
    List<RexNode> projects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < select.size(); i++) {
      SingleColumn item = select.get(i);
      projects.add(expressions.compile(item.expression(), scope).rex());
      names.add(outputName(item, i));
    }
    int visible = projects.size();
    List<Integer> sortIndexes = new ArrayList<>();
    for (OrderItem item : query.orderBy()) {
      int index = selectIndex(item, select, names);
      if (index < 0) {
        input.clause = "ORDER BY";
        projects.add(expressions.compile(item.expression(), scope).rex());
        names.add("order$" + projects.size());
        index = projects.size() - 1;
      }
      sortIndexes.add(index);
    }
    builder.project(projects, names, true);
    // Sort keys refer to fields of the projection, so they are made once it exists.
    List<RexNode> keys = new ArrayList<>();
    for (int k = 0; k < query.orderBy().size(); k++) {
      keys.add(sortKey(query.orderBy().get(k), sortIndexes.get(k)));
    }
    int offset = (int) Math.min(Integer.MAX_VALUE, query.offset().orElse(0));
    int fetch = query.limit().isPresent() ? (int) Math.min(Integer.MAX_VALUE, query.limit().getAsLong()) : -1;
    if (!keys.isEmpty() || offset > 0 || fetch >= 0) {
      builder.sortLimit(offset, fetch, keys);
    }
    if (projects.size() > visible) {
      List<RexNode> fields = new ArrayList<>(builder.fields().subList(0, visible));
      builder.project(fields, names.subList(0, visible), true);
    }
    return builder.build();
  }

  private RexNode sortKey(OrderItem item, int index) {
    RexNode key = builder.field(index);
    boolean descending = item.ordering() == OrderItem.Ordering.DESCENDING;
    if (descending) {
      key = builder.desc(key);
    }
    // SQL's default here puts NULLs last going up and first going down; the DSL does the same.
    boolean nullsFirst = switch (item.nullOrdering()) {
      case FIRST -> true;
      case LAST -> false;
      case UNSPECIFIED -> descending;
    };
    return nullsFirst ? builder.nullsFirst(key) : builder.nullsLast(key);
  }

  /** The select item an ORDER BY item names by position or alias, or -1. */
  private int selectIndex(OrderItem item, List<SingleColumn> select, List<String> names) {
    Expression e = item.expression();
    if (e instanceof LongLiteral ordinal) {
      if (ordinal.value() < 1 || ordinal.value() > select.size()) {
        throw expressions.error(e.position(), "ORDER BY position " + ordinal.value()
            + " is not in the select list (1 to " + select.size() + ")");
      }
      return (int) ordinal.value() - 1;
    }
    if (e instanceof ColumnRef ref && ref.qualifier().isEmpty()) {
      // As in SQL, a bare name in ORDER BY is first an output column (an alias or a selected column).
      return names.subList(0, select.size()).indexOf(ref.name().canonical());
    }
    return -1;
  }

  private String outputName(SingleColumn item, int i) {
    if (item.alias().isPresent()) {
      return item.alias().get().canonical();
    }
    if (item.expression() instanceof ColumnRef ref) {
      return ref.name().canonical();
    }
    if (item.expression() instanceof Aggregate a) {
      return a.function().name().toLowerCase(Locale.ROOT);
    }
    return "EXPR$" + i;
  }

  private DslInputScope scan(Query query) {
    Identifier table = query.from().name();
    String name = table.canonical();
    if (schema.tables().get(name) == null) {
      throw new DslSemanticException(text, table.position(), "table '" + table.value() + "' not found",
          NameSuggester.nearest(table.value(), schema.tables().getNames(LikePattern.any())));
    }
    builder.scan(schemaName, name);
    String qualifier = query.from().alias().map(Identifier::canonical).orElse(name);
    return new DslInputScope(builder, expressions, builder.peek().getRowType().getFieldList(), qualifier, name);
  }

  private List<SingleColumn> expandStars(List<SelectItem> items, DslInputScope input) {
    List<SingleColumn> out = new ArrayList<>();
    for (SelectItem item : items) {
      if (item instanceof AllColumns all) {
        all.qualifier().ifPresent(q -> input.checkQualifier(q));
        for (RelDataTypeField f : input.fields) {
          out.add(new SingleColumn(
              new ColumnRef(Optional.empty(), new Identifier(f.getName(), true, all.position()), all.position()),
              Optional.empty(), all.position()));
        }
      } else {
        out.add((SingleColumn) item);
      }
    }
    return out;
  }

  private DslScope aggregate(Query query, List<SingleColumn> select, DslInputScope input) {
    input.clause = "GROUP BY";
    List<Expression> groups = new ArrayList<>();
    List<RexNode> keys = new ArrayList<>();
    for (Expression g : query.groupBy()) {
      Expression resolved = groupAlias(g, select);
      if (groups.stream().noneMatch(existing -> input.same(existing, resolved))) {
        groups.add(resolved);
        keys.add(expressions.compile(resolved, input).rex());
      }
    }
    List<Aggregate> aggregates = new ArrayList<>();
    select.forEach(s -> collectAggregates(s.expression(), aggregates));
    query.having().ifPresent(h -> collectAggregates(h, aggregates));
    query.orderBy().forEach(o -> collectAggregates(o.expression(), aggregates));
    List<RelBuilder.AggCall> calls = new ArrayList<>();
    for (Aggregate a : aggregates) {
      calls.add(aggCall(a, input).as(aggregateName(a, select)));
    }
    builder.aggregate(builder.groupKey(keys), calls);
    DslAggregateScope scope = new DslAggregateScope(builder, expressions, input, groups, aggregates);
    query.having().ifPresent(h -> {
      scope.clause = "HAVING";
      builder.filter(expressions.condition(h, scope));
    });
    scope.clause = "SELECT";
    return scope;
  }

  /** The name SQL gives an aggregate: the alias of the select item it is, if any. */
  private String aggregateName(Aggregate a, List<SingleColumn> select) {
    for (int i = 0; i < select.size(); i++) {
      if (select.get(i).expression().equals(a)) {
        return outputName(select.get(i), i);
      }
    }
    return null;
  }

  /** GROUP BY may name a select alias, as many databases allow; it stands for the aliased expression. */
  private static Expression groupAlias(Expression g, List<SingleColumn> select) {
    if (g instanceof ColumnRef ref && ref.qualifier().isEmpty()) {
      for (SingleColumn item : select) {
        if (item.alias().isPresent() && item.alias().get().canonical().equals(ref.name().canonical())
            && !(item.expression() instanceof Aggregate)) {
          return item.expression();
        }
      }
    }
    return g;
  }

  private RelBuilder.AggCall aggCall(Aggregate a, DslInputScope input) {
    if (a.argument().isEmpty()) {
      return builder.countStar(null);
    }
    String previous = input.clause;
    input.clause = a.function().name() + "()";
    input.insideAggregate = true;
    Typed arg = expressions.compile(a.argument().get(), input);
    input.insideAggregate = false;
    input.clause = previous;
    switch (a.function()) {
      case SUM:
      case AVG:
        if (arg.type() != DslType.NUMBER && arg.type() != DslType.NULL) {
          throw expressions.error(a.argument().get().position(), a.function() + " needs a number, but "
              + arg.description() + " is " + DslExpressions.typeName(arg));
        }
        return a.function() == AggregateFunction.SUM
            ? builder.sum(a.distinct(), null, arg.rex())
            : builder.avg(a.distinct(), null, arg.rex());
      case MIN:
        return builder.min(null, arg.rex());
      case MAX:
        return builder.max(null, arg.rex());
      default:
        return builder.count(a.distinct(), null, arg.rex());
    }
  }

  static boolean containsAggregate(Node node) {
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(node);
    while (!pending.isEmpty()) {
      Node n = pending.pop();
      if (n instanceof Aggregate) {
        return true;
      }
      n.children().forEach(pending::push);
    }
    return false;
  }

  private static void collectAggregates(Node node, List<Aggregate> out) {
    if (node instanceof Aggregate a) {
      if (!out.contains(a)) {
        out.add(a);
      }
      return;
    }
    node.children().forEach(child -> collectAggregates(child, out));
  }
}
