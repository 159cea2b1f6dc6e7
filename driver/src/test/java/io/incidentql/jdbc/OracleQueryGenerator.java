package io.incidentql.jdbc;

import io.incidentql.adapter.schema.ColumnDef;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Generator of SQL queries over the four tables that the driver and the oracle's H2 database
 * both accept with the same meaning: filters mixing the predicates the API takes (docs/pushdown.md)
 * with local ones, NULLs, timestamp bounds on and around midnight, IN lists of present and
 * missing values; inner and left joins over every foreign key; aggregates, HAVING, DISTINCT,
 * subqueries, window functions, set operations, ORDER BY with LIMIT and OFFSET.
 *
 * <p>Literals are picked from the data so that predicates match rows. What is left out, and
 * why (each a difference between the engines, not a question about the driver):
 * <ul>
 *   <li>an ORDER BY without an explicit NULLS FIRST/LAST (each engine has its own default);
 *   <li>LIMIT or OFFSET under an order that is not total (either engine may pick any rows), except
 *       when only the number of rows is read ({@code SELECT COUNT(*) FROM (... LIMIT n)});
 *   <li>AVG and division of integers (Calcite keeps the integer type, H2 gives a decimal);
 *   <li>UPPER/LOWER (H2 uses the JVM's locale rules, Calcite the root locale);
 *   <li>a backslash in a LIKE pattern (H2's default escape character; Calcite has none);
 *   <li>string literals as values of CASE or COALESCE results (Calcite types them CHAR(n) and pads);
 *   <li>JSON columns (their text is a rendering choice of the driver).
 * </ul>
 * A query is a pure function of the seed and its index, so that one query can be run again.
 */
final class OracleQueryGenerator {
  /** A generated query; {@code ordered} when its ORDER BY is total, so row order is compared. */
  record Query(String sql, boolean ordered) {}

  /** Kind of a column, for the predicates and aggregates that suit it. */
  enum Kind { STR, TS, BOOL, DBL, INT }

  record Col(String name, Kind kind, List<Object> values) {}

  /** A table as the generator sees it: the columns it uses, the API-filterable ones first. */
  record Table(String name, String alias, List<Col> cols, List<String> pushable) {
    Col col(String name) {
      for (Col c : cols) {
        if (c.name.equals(name)) {
          return c;
        }
      }
      throw new IllegalArgumentException(this.name + "." + name);
    }
  }

  /** A foreign key: {@code child.column} references {@code parent.id}. */
  record Fk(String child, String column, String parent) {}

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final List<String> MISSING =
      List.of("nope", "01ZZZZZZZZZZZZZZZZZZZZZZZZ", "", "O'Brien");

  private static final Map<String, List<String>> COLUMNS = Map.of(
      "alerts", List.of("id", "status", "alert_source_id", "deduplication_key", "created_at",
          "title", "description", "resolved_at", "updated_at", "source_url"),
      "incidents", List.of("id", "incident_status_category", "incident_status_id", "severity_id",
          "incident_type_id", "mode", "created_at", "updated_at", "reference", "name",
          "severity_name", "severity_rank", "incident_type_name", "has_debrief",
          "creator_user_name", "workload_minutes_late", "workload_minutes_total",
          "incident_status_rank", "visibility", "summary", "external_issue_reference_provider"),
      "incident_alerts", List.of("id", "incident_id", "alert_id", "alert_status", "alert_title",
          "alert_created_at", "alert_resolved_at", "incident_reference",
          "incident_status_category", "incident_external_id", "alert_route_id"),
      "incident_updates", List.of("id", "incident_id", "created_at",
          "new_incident_status_category", "new_severity_name", "new_severity_rank", "message",
          "updater_user_name", "merged_into_incident_id", "new_incident_status_rank"));

  private static final Map<String, List<String>> PUSHABLE = Map.of(
      "alerts", List.of("id", "status", "alert_source_id", "deduplication_key", "created_at"),
      "incidents", List.of("incident_status_category", "incident_status_id", "severity_id",
          "incident_type_id", "mode", "created_at", "updated_at", "id", "reference",
          "severity_name", "severity_rank", "incident_type_name"),
      "incident_alerts", List.of("incident_id", "alert_id"),
      "incident_updates", List.of("incident_id"));

  private static final Map<String, String> ALIASES = Map.of(
      "alerts", "a", "incidents", "i", "incident_alerts", "ia", "incident_updates", "iu");

  static final List<Fk> FKS = List.of(
      new Fk("incident_alerts", "incident_id", "incidents"),
      new Fk("incident_alerts", "alert_id", "alerts"),
      new Fk("incident_updates", "incident_id", "incidents"));

  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final long seed;
  private Random r;

  OracleQueryGenerator(OracleDatabase db, long seed) throws SQLException {
    this.seed = seed;
    for (Map.Entry<String, List<ColumnDef>> e : db.columns().entrySet()) {
      String table = e.getKey();
      List<Col> cols = new ArrayList<>();
      for (String name : COLUMNS.get(table)) {
        ColumnDef def = e.getValue().stream().filter(c -> c.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalStateException("no column " + table + "." + name));
        cols.add(new Col(name, kind(def), db.distinctValues(table, name)));
      }
      tables.put(table, new Table(table, ALIASES.get(table), cols, PUSHABLE.get(table)));
    }
  }

  private static Kind kind(ColumnDef def) {
    switch (def.type()) {
      case TIMESTAMP:
        return Kind.TS;
      case BOOLEAN:
        return Kind.BOOL;
      case DOUBLE:
        return Kind.DBL;
      case BIGINT:
        return Kind.INT;
      default:
        return Kind.STR;
    }
  }

  /** The query of the given index: the same for the same seed and index. */
  Query query(int index) {
    r = new Random(seed * 1_000_003L + index);
    switch (r.nextInt(20)) {
      case 0: case 1: case 2: case 3:
        return simpleSelect();
      case 4: case 5: case 6: case 7:
        return join();
      case 8: case 9: case 10:
        return aggregate();
      case 11:
        return distinct();
      case 12: case 13: case 14:
        return subquery();
      case 15: case 16:
        return window();
      case 17:
        return setOperation();
      default:
        return derived();
    }
  }

  // Shapes.

  private Query simpleSelect() {
    Table t = anyTable();
    String a = t.alias;
    List<String> items = columnsOf(t, 1 + r.nextInt(4));
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", items))
        .append(" FROM ").append(t.name).append(' ').append(a);
    where(sql, predicate(t, a, 1 + r.nextInt(3)));
    if (r.nextInt(3) > 0) {
      List<String> keys = new ArrayList<>();
      if (r.nextBoolean()) {
        keys.add(orderKey(a + "." + pick(t.cols).name));
      }
      keys.add(a + ".id " + (r.nextBoolean() ? "ASC" : "DESC"));
      return ordered(sql, String.join(", ", keys));
    }
    return new Query(sql.toString(), false);
  }

  private Query join() {
    Fk fk = pick(FKS);
    Table child = tables.get(fk.child);
    Table parent = tables.get(fk.parent);
    String c = child.alias;
    String p = parent.alias;
    boolean childFirst = r.nextBoolean();
    String type = r.nextInt(3) == 0 ? "JOIN" : "LEFT JOIN";
    List<String> items = new ArrayList<>();
    items.addAll(columnsOf(childFirst ? child : parent, 1 + r.nextInt(2)));
    items.addAll(columnsOf(childFirst ? parent : child, 1 + r.nextInt(2)));
    Table first = childFirst ? child : parent;
    Table second = childFirst ? parent : child;
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", items))
        .append(" FROM ").append(first.name).append(' ').append(first.alias)
        .append(' ').append(type).append(' ').append(second.name).append(' ')
        .append(second.alias).append(" ON ").append(c).append('.').append(fk.column)
        .append(" = ").append(p).append(".id");
    if (type.equals("LEFT JOIN") && r.nextInt(3) == 0) {
      // A filter on the inner side in ON keeps the outer rows it rejects.
      sql.append(" AND ").append(predicate(second, second.alias, 1));
    }
    String where = null;
    switch (r.nextInt(4)) {
      case 0:
        break;
      case 1:
        where = predicate(first, first.alias, 1 + r.nextInt(2));
        break;
      case 2:
        where = predicate(second, second.alias, 1 + r.nextInt(2));
        break;
      default:
        where = predicate(first, first.alias, 1) + " AND " + predicate(second, second.alias, 1);
    }
    where(sql, where);
    if (r.nextBoolean()) {
      return ordered(sql, first.alias + ".id, " + orderKey(second.alias + ".id"));
    }
    return new Query(sql.toString(), false);
  }

  private Query aggregate() {
    String from;
    List<Table> sources = new ArrayList<>();
    String where;
    if (r.nextBoolean()) {
      Table t = anyTable();
      sources.add(t);
      from = t.name + " " + t.alias;
      where = r.nextInt(3) == 0 ? null : predicate(t, t.alias, 1 + r.nextInt(2));
    } else {
      Fk fk = pick(FKS);
      Table child = tables.get(fk.child);
      Table parent = tables.get(fk.parent);
      sources.add(parent);
      sources.add(child);
      String type = r.nextBoolean() ? "JOIN" : "LEFT JOIN";
      from = parent.name + " " + parent.alias + " " + type + " " + child.name + " " + child.alias
          + " ON " + child.alias + "." + fk.column + " = " + parent.alias + ".id";
      Table t = pick(sources);
      where = r.nextInt(3) == 0 ? null : predicate(t, t.alias, 1);
    }
    int groups = r.nextInt(3);
    List<String> keys = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      Table t = pick(sources);
      Col col = groupable(t);
      String key = t.alias + "." + col.name;
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    List<String> items = new ArrayList<>(keys);
    int aggs = 1 + r.nextInt(3);
    for (int k = 0; k < aggs; k++) {
      items.add(aggregateCall(pick(sources)));
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", items))
        .append(" FROM ").append(from);
    where(sql, where);
    if (!keys.isEmpty()) {
      sql.append(" GROUP BY ").append(String.join(", ", keys));
    }
    if (r.nextInt(3) == 0) {
      sql.append(" HAVING ").append(having(pick(sources)));
    }
    if (!keys.isEmpty() && r.nextBoolean()) {
      return ordered(sql, keys.stream().map(this::orderKey)
          .collect(Collectors.joining(", ")));
    }
    return new Query(sql.toString(), false);
  }

  private Query distinct() {
    Table t = anyTable();
    List<String> items = new ArrayList<>();
    int n = 1 + r.nextInt(2);
    while (items.size() < n) {
      String item = t.alias + "." + groupable(t).name;
      if (!items.contains(item)) {
        items.add(item);
      }
    }
    StringBuilder sql = new StringBuilder("SELECT DISTINCT ").append(String.join(", ", items))
        .append(" FROM ").append(t.name).append(' ').append(t.alias);
    where(sql, r.nextBoolean() ? predicate(t, t.alias, 1 + r.nextInt(2)) : null);
    if (r.nextBoolean()) {
      List<String> ords = new ArrayList<>();
      for (int k = 1; k <= items.size(); k++) {
        ords.add(k + (r.nextBoolean() ? " ASC" : " DESC") + nulls());
      }
      return ordered(sql, String.join(", ", ords));
    }
    return new Query(sql.toString(), false);
  }

  private Query subquery() {
    Fk fk = pick(FKS);
    Table child = tables.get(fk.child);
    Table parent = tables.get(fk.parent);
    String ca = child.alias + "2";
    String pa = parent.alias;
    String cond;
    boolean scalarItem = false;
    Table outer = parent;
    switch (r.nextInt(7)) {
      case 0:
        cond = pa + ".id " + (r.nextInt(4) == 0 ? "NOT IN" : "IN") + " (SELECT " + ca + "."
            + fk.column + " FROM " + child.name + " " + ca + " WHERE "
            + predicate(child, ca, 1 + r.nextInt(2)) + ")";
        break;
      case 1:
        cond = (r.nextInt(3) == 0 ? "NOT " : "") + "EXISTS (SELECT 1 FROM " + child.name + " "
            + ca + " WHERE " + ca + "." + fk.column + " = " + pa + ".id"
            + (r.nextBoolean() ? " AND " + predicate(child, ca, 1) : "") + ")";
        break;
      case 2: {
        outer = child;
        String pa2 = parent.alias + "2";
        cond = child.alias + "." + fk.column + (r.nextInt(4) == 0 ? " NOT IN" : " IN")
            + " (SELECT " + pa2 + ".id FROM " + parent.name + " " + pa2 + " WHERE "
            + predicate(parent, pa2, 1 + r.nextInt(2)) + ")";
        break;
      }
      case 3: {
        // An uncorrelated scalar subquery as a bound.
        Table t = anyTable();
        outer = t;
        Col col = pickOf(t, Kind.TS, Kind.DBL, Kind.INT);
        if (col == null) {
          col = t.col("id");
        }
        String t2 = t.alias + "2";
        cond = t.alias + "." + col.name + (r.nextBoolean() ? " >= " : " < ") + "(SELECT "
            + (r.nextBoolean() ? "MIN" : "MAX") + "(" + t2 + "." + col.name + ") FROM "
            + t.name + " " + t2 + " WHERE " + predicate(t, t2, 1) + ")";
        break;
      }
      default:
        scalarItem = true;
        cond = r.nextBoolean() ? predicate(parent, pa, 1) : null;
    }
    List<String> items = new ArrayList<>(columnsOf(outer, 1 + r.nextInt(2)));
    if (scalarItem) {
      Col agg = pickOf(child, Kind.TS, Kind.DBL, Kind.INT);
      String fn = agg == null || r.nextBoolean()
          ? "COUNT(*)" : (r.nextBoolean() ? "MAX(" : "MIN(") + ca + "." + agg.name + ")";
      items.add("(SELECT " + fn + " FROM " + child.name + " " + ca + " WHERE " + ca + "."
          + fk.column + " = " + pa + ".id) AS sub");
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", items))
        .append(" FROM ").append(outer.name).append(' ').append(outer.alias);
    String extra = r.nextInt(3) == 0 ? predicate(outer, outer.alias, 1) : null;
    where(sql, cond == null ? extra : extra == null ? cond : cond + " AND " + extra);
    if (r.nextBoolean()) {
      return ordered(sql, outer.alias + ".id");
    }
    return new Query(sql.toString(), false);
  }

  private Query window() {
    Table t = anyTable();
    String a = t.alias;
    String part = a + "." + groupable(t).name;
    Col ordered = pick(t.cols);
    List<String> items = new ArrayList<>();
    items.add(a + ".id");
    items.add(part);
    switch (r.nextInt(4)) {
      case 0:
        items.add("COUNT(*) OVER (PARTITION BY " + part + ") AS w");
        break;
      case 1:
        items.add("ROW_NUMBER() OVER (PARTITION BY " + part + " ORDER BY "
            + orderKey(a + "." + ordered.name) + ", " + a + ".id) AS w");
        break;
      case 2:
        items.add("RANK() OVER (" + (r.nextBoolean() ? "PARTITION BY " + part + " " : "")
            + "ORDER BY " + orderKey(a + "." + ordered.name) + ") AS w");
        break;
      default: {
        Col num = pickOf(t, Kind.DBL, Kind.INT, Kind.TS);
        String fn = num == null ? "COUNT(" + a + "." + ordered.name + ")"
            : (num.kind == Kind.TS ? pick(List.of("MIN", "MAX")) : pick(List.of("MIN", "MAX", "SUM")))
                + "(" + a + "." + num.name + ")";
        items.add(fn + " OVER (PARTITION BY " + part
            + (r.nextBoolean() ? " ORDER BY " + orderKey(a + "." + ordered.name) : "") + ") AS w");
      }
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", items))
        .append(" FROM ").append(t.name).append(' ').append(a);
    where(sql, r.nextBoolean() ? predicate(t, a, 1 + r.nextInt(2)) : null);
    if (r.nextBoolean()) {
      return ordered(sql, a + ".id");
    }
    return new Query(sql.toString(), false);
  }

  private Query setOperation() {
    String op = pick(List.of("UNION", "UNION ALL", "INTERSECT", "EXCEPT"));
    String left;
    String right;
    if (r.nextBoolean()) {
      // Incident ids from both children, or from the parent and a child.
      Table ia = tables.get("incident_alerts");
      Table iu = tables.get("incident_updates");
      Table i = tables.get("incidents");
      List<String> sides = new ArrayList<>(List.of(
          "SELECT ia.incident_id FROM incident_alerts ia WHERE " + predicate(ia, "ia", 1),
          "SELECT iu.incident_id FROM incident_updates iu WHERE " + predicate(iu, "iu", 1),
          "SELECT i.id FROM incidents i WHERE " + predicate(i, "i", 1)));
      left = sides.remove(r.nextInt(sides.size()));
      right = pick(sides);
    } else {
      Table t = anyTable();
      Col col = groupable(t);
      left = "SELECT " + t.alias + "." + col.name + " FROM " + t.name + " " + t.alias
          + " WHERE " + predicate(t, t.alias, 1);
      right = "SELECT " + t.alias + "." + col.name + " FROM " + t.name + " " + t.alias
          + " WHERE " + predicate(t, t.alias, 1);
    }
    String sql = left + " " + op + " " + right;
    if (!op.equals("UNION ALL") && r.nextBoolean()) {
      return ordered(new StringBuilder(sql), "1" + (r.nextBoolean() ? " DESC" : " ASC") + nulls());
    }
    return new Query(sql, false);
  }

  private Query derived() {
    Table t = anyTable();
    String a = t.alias;
    switch (r.nextInt(3)) {
      case 0: {
        // Only the number of rows under a LIMIT is read, so no order is needed.
        return new Query("SELECT COUNT(*) FROM (SELECT " + a + ".id FROM " + t.name + " " + a
            + whereText(r.nextBoolean() ? predicate(t, a, 1 + r.nextInt(2)) : null)
            + " LIMIT " + (1 + r.nextInt(120)) + ") d", false);
      }
      case 1: {
        Col col = pick(t.cols);
        StringBuilder inner = new StringBuilder("SELECT " + a + "." + col.name + " AS v FROM "
            + t.name + " " + a);
        where(inner, r.nextBoolean() ? predicate(t, a, 1) : null);
        inner.append(" ORDER BY ").append(orderKey(a + "." + col.name)).append(", ")
            .append(a).append(".id");
        inner.append(" LIMIT ").append(1 + r.nextInt(80));
        if (r.nextBoolean()) {
          inner.append(" OFFSET ").append(r.nextInt(40));
        }
        return new Query("SELECT COUNT(*), COUNT(d.v), COUNT(DISTINCT d.v) FROM (" + inner
            + ") d", false);
      }
      default: {
        Col g = groupable(t);
        return new Query("SELECT d.g, d.n FROM (SELECT " + a + "." + g.name + " AS g, COUNT(*) AS n"
            + " FROM " + t.name + " " + a
            + whereText(r.nextBoolean() ? predicate(t, a, 1) : null)
            + " GROUP BY " + a + "." + g.name + ") d WHERE d.n " + pick(List.of(">", ">=", "<"))
            + " " + (1 + r.nextInt(4)), false);
      }
    }
  }

  // Parts.

  /** Appends a total order and maybe a LIMIT and OFFSET: the rows then compare in order. */
  private Query ordered(StringBuilder sql, String totalOrder) {
    sql.append(" ORDER BY ").append(totalOrder);
    limit(sql);
    return new Query(sql.toString(), true);
  }

  private void limit(StringBuilder sql) {
    int kind = r.nextInt(4);
    if (kind == 0) {
      return;
    }
    sql.append(" LIMIT ").append(1 + r.nextInt(r.nextBoolean() ? 10 : 120));
    if (kind == 3) {
      sql.append(" OFFSET ").append(r.nextInt(60));
    }
  }

  private static void where(StringBuilder sql, String predicate) {
    sql.append(whereText(predicate));
  }

  private static String whereText(String predicate) {
    return predicate == null ? "" : " WHERE " + predicate;
  }

  private String orderKey(String expression) {
    return expression + (r.nextBoolean() ? " ASC" : " DESC") + nulls();
  }

  private String nulls() {
    return r.nextBoolean() ? " NULLS FIRST" : " NULLS LAST";
  }

  private List<String> columnsOf(Table t, int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      String item = t.alias + "." + pick(t.cols).name;
      if (!out.contains(item)) {
        out.add(item);
      }
    }
    return out;
  }

  /** A column worth grouping by: few distinct values, or a foreign key. */
  private Col groupable(Table t) {
    while (true) {
      Col c = pick(t.cols);
      if (c.kind != Kind.DBL && !c.name.equals("id")
          && (c.values.size() <= 40 || c.name.endsWith("_id") || r.nextInt(4) == 0)) {
        return c;
      }
    }
  }

  private String aggregateCall(Table t) {
    String a = t.alias;
    switch (r.nextInt(6)) {
      case 0:
        return "COUNT(*)";
      case 1:
        return "COUNT(" + a + "." + pick(t.cols).name + ")";
      case 2:
        return "COUNT(DISTINCT " + a + "." + pick(t.cols).name + ")";
      case 3: {
        Col c = pick(t.cols);
        return (r.nextBoolean() ? "MIN(" : "MAX(") + a + "."
            + (c.kind == Kind.BOOL ? "id" : c.name) + ")";
      }
      case 4: {
        Col c = pickOf(t, Kind.DBL, Kind.INT);
        return c == null ? "COUNT(*)" : "SUM(" + a + "." + c.name + ")";
      }
      default: {
        Col c = pickOf(t, Kind.DBL);
        return c == null ? "COUNT(" + a + ".id)" : "AVG(" + a + "." + c.name + ")";
      }
    }
  }

  private String having(Table t) {
    switch (r.nextInt(3)) {
      case 0:
        return "COUNT(*) > " + r.nextInt(4);
      case 1:
        return "COUNT(DISTINCT " + t.alias + "." + pick(t.cols).name + ") >= " + r.nextInt(3);
      default: {
        Col c = pickOf(t, Kind.TS, Kind.DBL, Kind.INT);
        return c == null ? "COUNT(*) < " + (2 + r.nextInt(5))
            : "MAX(" + t.alias + "." + c.name + ") IS NOT NULL";
      }
    }
  }

  /** A predicate over the table's columns: atoms under AND, OR and NOT. */
  private String predicate(Table t, String alias, int atoms) {
    StringBuilder out = new StringBuilder(atom(t, alias));
    for (int k = 1; k < atoms; k++) {
      int op = r.nextInt(10);
      if (op < 6) {
        out.append(" AND ").append(atom(t, alias));
      } else if (op < 9) {
        out = new StringBuilder("(" + out + " OR " + atom(t, alias) + ")");
      } else {
        out.append(" AND NOT (").append(atom(t, alias)).append(")");
      }
    }
    return out.toString();
  }

  private String atom(Table t, String alias) {
    // Columns the API filters on are picked more often, so that pushdown is exercised.
    Col c = r.nextInt(5) < 3 ? t.col(pick(t.pushable)) : pick(t.cols);
    String ref = alias + "." + c.name;
    int roll = r.nextInt(100);
    if (roll < 6) {
      return ref + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
    }
    switch (c.kind) {
      case TS:
        return timestampAtom(ref, c);
      case BOOL:
        return pick(List.of(ref + " = TRUE", ref + " = FALSE", ref + " IS TRUE",
            ref + " IS NOT TRUE", "NOT " + ref, ref + " IS FALSE"));
      case DBL:
      case INT:
        return numberAtom(ref, c);
      default:
        return stringAtom(ref, c);
    }
  }

  private String stringAtom(String ref, Col c) {
    switch (r.nextInt(12)) {
      case 0: case 1: case 2:
        return ref + " = " + stringValue(c);
      case 3:
        return ref + " <> " + stringValue(c);
      case 4: case 5: case 6:
        return ref + " IN (" + stringValues(c) + ")";
      case 7:
        return ref + " NOT IN (" + stringValues(c) + ")";
      case 8: {
        String v = c.values.isEmpty() ? "x" : (String) pick(c.values);
        // Whole code points: half of a surrogate pair is no text either engine reads alike.
        String prefix = v.substring(0,
            v.offsetByCodePoints(0, Math.min(v.codePointCount(0, v.length()), 1 + r.nextInt(3))));
        return ref + (r.nextInt(4) == 0 ? " NOT LIKE " : " LIKE ")
            + quote(prefix.replaceAll("[%_\\\\]", "") + "%");
      }
      case 9:
        return ref + pick(List.of(" < ", " >= ", " > ")) + stringValue(c);
      case 10:
        return "CHAR_LENGTH(" + ref + ") > " + r.nextInt(30);
      default:
        return "(" + ref + " IS NULL OR " + ref + " = " + stringValue(c) + ")";
    }
  }

  private String stringValue(Col c) {
    if (c.values.isEmpty() || r.nextInt(4) == 0) {
      return quote(pick(MISSING));
    }
    return quote((String) pick(c.values));
  }

  private String stringValues(Col c) {
    int n = 1 + r.nextInt(c.name.endsWith("id") && r.nextInt(4) == 0 ? 25 : 4);
    List<String> values = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      values.add(stringValue(c));
    }
    return String.join(", ", values);
  }

  private String timestampAtom(String ref, Col c) {
    switch (r.nextInt(7)) {
      case 0:
        return ref + " >= " + timestamp(c);
      case 1:
        return ref + " > " + timestamp(c);
      case 2:
        return ref + " < " + timestamp(c);
      case 3:
        return ref + " <= " + timestamp(c);
      case 4:
        return ref + " = " + timestamp(c);
      default: {
        String x = timestamp(c);
        String y = timestamp(c);
        return ref + (r.nextInt(5) == 0 ? " NOT BETWEEN " : " BETWEEN ")
            + (x.compareTo(y) <= 0 ? x + " AND " + y : y + " AND " + x);
      }
    }
  }

  /** A timestamp literal near the data: a value, its midnight, or a millisecond either side. */
  private String timestamp(Col c) {
    LocalDateTime t = c.values.isEmpty()
        ? LocalDateTime.of(2024, 3, 1, 0, 0)
        : (LocalDateTime) pick(c.values);
    switch (r.nextInt(6)) {
      case 0:
        break;
      case 1:
        t = t.truncatedTo(ChronoUnit.DAYS);
        break;
      case 2:
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
        break;
      case 3:
        t = t.truncatedTo(ChronoUnit.DAYS).minusNanos(1_000_000);
        break;
      case 4:
        t = t.plusNanos(r.nextBoolean() ? 1_000_000 : -1_000_000);
        break;
      default:
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(r.nextInt(30) - 15);
    }
    return "TIMESTAMP '" + TS.format(t) + "'";
  }

  private String numberAtom(String ref, Col c) {
    String v = number(c);
    switch (r.nextInt(6)) {
      case 0:
        return ref + " = " + v;
      case 1:
        return ref + " > " + v;
      case 2:
        return ref + " <= " + v;
      case 3: {
        String w = number(c);
        return ref + " BETWEEN " + (new BigDecimal(v).compareTo(new BigDecimal(w)) <= 0
            ? v + " AND " + w : w + " AND " + v);
      }
      case 4:
        return ref + " IN (" + v + ", " + number(c) + ")";
      default:
        return ref + " + 1 > " + v;
    }
  }

  private String number(Col c) {
    if (c.values.isEmpty() || r.nextInt(5) == 0) {
      return Integer.toString(r.nextInt(200) - 10);
    }
    Object v = pick(c.values);
    return v instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : v.toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private Table anyTable() {
    return pick(new ArrayList<>(tables.values()));
  }

  private Col pickOf(Table t, Kind... kinds) {
    List<Col> out = new ArrayList<>();
    for (Col c : t.cols) {
      for (Kind k : kinds) {
        if (c.kind == k) {
          out.add(c);
        }
      }
    }
    return out.isEmpty() ? null : pick(out);
  }

  private <T> T pick(List<T> list) {
    return list.get(r.nextInt(list.size()));
  }
}
