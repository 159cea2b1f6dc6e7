package io.incidentql.adapter.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Generator of the documentation the catalog determines: docs/tables.md whole, and the table of
 * filters in docs/pushdown.md. Tests keep both files equal to what this renders, so the docs say
 * what the driver does.
 */
public final class CatalogDocs {
  /** The line before the generated filter table in docs/pushdown.md. */
  public static final String FILTERS_BEGIN = "<!-- generated from the catalog: filters -->";

  /** The line after it. */
  public static final String FILTERS_END = "<!-- end of generated filters -->";

  private CatalogDocs() {}

  /** Renders docs/tables.md. */
  public static String tablesPage(List<TableDef> tables) {
    StringBuilder b = new StringBuilder();
    b.append("# Tables and columns\n\n");
    b.append("Generated from the driver's table catalog (`IncidentIoTables`); ")
        .append("do not edit by hand.\n\n");
    b.append("Every table lives in the schema `incidentio`, the connection's default. ")
        .append("Nested objects are flattened into `<object>_<field>` columns; arrays are JSON ")
        .append("text (use `JSON_VALUE` / `JSON_QUERY`); `TIMESTAMP` columns hold UTC times with ")
        .append("millisecond precision. \"Always set\" marks the fields the API documents as ")
        .append("required; such a column is NOT NULL, and an answer that lacks one fails the query ")
        .append("(SQLState 22000) rather than return a NULL. Every other column may be NULL. ")
        .append("\"Pushed as\" says how a predicate on ")
        .append("the column reaches the API (docs/pushdown.md); \"refers to\" names the table whose ")
        .append("primary key the column holds, as `DatabaseMetaData.getImportedKeys` reports. ")
        .append("A column named after an SQL reserved word must be quoted in queries, as marked.\n\n");
    for (TableDef table : tables) {
      b.append("- [`").append(table.name()).append("`](#").append(table.name()).append(")\n");
    }
    for (TableDef table : tables) {
      b.append("\n## ").append(table.name()).append("\n\n");
      b.append(table.remarks()).append("\n\n");
      b.append("Endpoint: `GET ").append(table.path()).append("`, ");
      if (table.paged()) {
        b.append("at most ").append(table.maxPageSize()).append(" rows a page")
            .append(table.pageSizeRequired() ? " (`page_size` required)" : "");
      } else if (table.entryWindow() != null) {
        b.append("pages as long as the API makes them");
      } else {
        b.append("every row in one response");
      }
      b.append(".");
      if (table.show() != null) {
        b.append(" One row: `GET ").append(table.show().path()).append("/{id}`.");
      }
      b.append("\n");
      String always = always(table);
      if (!always.isEmpty()) {
        b.append("Every request sends ").append(always).append(".\n");
      }
      if (table.child() != null) {
        TableDef.Child c = table.child();
        b.append("One row per element of `").append(c.parentTable()).append(".")
            .append(c.arrayColumn()).append("`")
            .append(c.innerArray() == null ? "" : ", per item of its `" + c.innerArray() + "`"
                + (c.innerFallback() == null ? "" : " (or its single `" + c.innerFallback() + "`)"))
            .append(", read from the `").append(c.parentTable())
            .append("` requests; a `LIMIT` is not sent to the API.\n");
      }
      if (table.parent() != null) {
        b.append("Every request needs a `").append(table.parent().column())
            .append("`: without one in `WHERE`, each row of `").append(table.parent().table())
            .append("` is read in turn.\n");
      }
      TableDef.EntryWindow w = table.entryWindow();
      if (w != null) {
        b.append("Every request asks for a window, `").append(w.startParam()).append("` to `")
            .append(w.endParam()).append("`: set by bounds in `WHERE`, else from ")
            .append(w.daysBefore()).append(" days before today to ").append(w.daysAfter())
            .append(" days after it (UTC); next pages carry the cursor in `")
            .append(w.startParam()).append("`.\n");
      }
      if (table.primaryKey() != null) {
        b.append("Primary key: `").append(table.primaryKey()).append("`.\n");
      }
      b.append("\n| column | type | always set | pushed as | refers to | description |\n");
      b.append("|---|---|---|---|---|---|\n");
      for (ColumnDef c : table.columns()) {
        String type = c.type() == ColumnType.JSON ? "VARCHAR (JSON)" : c.type().sqlType().getName();
        b.append("| `").append(c.name()).append("`")
            .append(reserved(c.name()) ? " (quote it: `\"" + c.name() + "\"`)" : "")
            .append(" | ").append(type).append(" | ")
            .append(c.required() ? "yes" : "").append(" | ")
            .append(c.filter() == null ? "" : pushedAs(table, c)).append(" | ")
            .append(c.references() == null ? "" : "`" + c.references() + "`").append(" | ")
            .append(cell(c.remarks())).append(" |\n");
      }
    }
    return b.toString();
  }

  /** Renders the filter table of docs/pushdown.md, markers included. */
  public static String filtersTable(List<TableDef> tables) {
    StringBuilder b = new StringBuilder(FILTERS_BEGIN).append("\n");
    b.append("| table | SQL | request | checked again locally |\n|---|---|---|---|\n");
    for (TableDef t : tables) {
      for (ColumnDef c : t.columns()) {
        if (c.filter() != null) {
          b.append("| ").append(t.name()).append(" | ").append(sql(c)).append(" | ")
              .append(request(t, c)).append(" | ").append(checked(c)).append(" |\n");
        }
      }
      if (t.anyFilterMode()) {
        b.append("| ").append(t.name()).append(" | `a = x OR b IN (y, z)` (different fields)")
            .append(" | `...&filter_mode=any` | yes, beside the scopes (see **OR**) |\n");
      }
    }
    return b.append(FILTERS_END).append("\n").toString();
  }

  private static String always(TableDef t) {
    List<String> parts = new java.util.ArrayList<>();
    for (TableDef.Scope s : t.scopes()) {
      parts.add("`" + s.field() + "[one_of]=` " + s.values().stream().collect(Collectors.joining(", ")));
    }
    for (TableDef.FixedParam p : t.fixedParams()) {
      parts.add(p.values().size() == 1 ? "`" + p.name() + "=" + p.values().get(0) + "`"
          : "`" + p.name() + "=` " + String.join(", ", p.values()) + " (one request sequence each)");
    }
    return String.join("; ", parts);
  }

  private static String pushedAs(TableDef t, ColumnDef c) {
    ColumnFilter f = c.filter();
    String field = f.field();
    switch (f.kind()) {
      case LIST:
        return "`" + field + "[one_of]`, `[not_in]`";
      case IS:
        return "`" + field + "[is]`";
      case DATE:
        if (t.entryWindow() != null) {
          return "`" + t.entryWindow().startParam() + "`, `" + t.entryWindow().endParam() + "`";
        }
        return "`" + field + "[gte]`, `[lte]`, `[date_range]`";
      case SCOPE:
        return "`" + field + "[one_of]`";
      case EQUALS:
        return "`" + field + "=`";
      case LOOKUP:
        return "`GET " + t.show().path() + "/{id}`";
      case BY_NAME:
        return "`" + field + "[one_of]` via `" + f.via().table() + "`";
      case BY_RANK:
        return "`" + field + "[gte]`, `[lte]` via `" + f.via().table() + "`";
      case KEYED:
        return "`" + field + "[<" + f.keyColumn() + ">][one_of]`";
      default:
        throw new IllegalStateException(f.kind().name());
    }
  }

  private static String sql(ColumnDef c) {
    String n = c.name();
    switch (c.filter().kind()) {
      case LIST:
      case SCOPE:
        return "`" + n + " = / IN / <> / NOT IN`";
      case IS:
        return "`" + n + " = 'v'`";
      case DATE:
        return "`" + n + " >=, >, <=, <, =, BETWEEN`";
      case BY_RANK:
        return "`" + n + " >=, >, <=, <` n; `= / IN`";
      case KEYED:
        return "`" + n + " = / IN` with `" + c.filter().keyColumn() + " = 'k'`";
      default:
        return "`" + n + " = 'v'`, `" + n + " IN (...)`";
    }
  }

  private static String request(TableDef t, ColumnDef c) {
    ColumnFilter f = c.filter();
    String field = f.field();
    switch (f.kind()) {
      case LIST:
        return "`" + field + "[one_of]` / `" + field + "[not_in]`";
      case IS:
        return "`" + field + "[is]=v`";
      case DATE:
        if (t.entryWindow() != null) {
          return "the window: lower bounds `" + t.entryWindow().startParam() + "`, upper bounds `"
              + t.entryWindow().endParam() + "`, at 00:00Z a day beyond the whole days rounded"
              + " outward";
        }
        return "`" + field + "[gte]`, `[lte]`, `[date_range]`, by whole days rounded outward";
      case SCOPE:
        return "`" + field + "[one_of]` with the matching values of " + t.scope(field).values().stream()
            .collect(Collectors.joining(", "));
      case EQUALS: {
        String s = "`" + field + "=v`, one request sequence per value";
        if (t.parent() != null && t.parent().column().equals(c.name())) {
          s += "; without it, `GET " + table(t.parent().table()).path() + "`, then one sequence"
              + " per `" + t.parent().table() + "` row";
        }
        return s;
      }
      case LOOKUP:
        return f.keyForm() == ColumnFilter.KeyForm.VERBATIM
            ? "`GET " + t.show().path() + "/v` per value (404: no row)"
            : "`GET " + t.show().path() + "/84` for `INC-84`, per value (404: no row)";
      case BY_NAME:
        return "`GET " + table(f.via().table()).path() + "` (cached), then `" + field
            + "[one_of]=` the `" + f.via().keyColumn() + "` of the rows whose `"
            + f.via().matchColumn() + "` matches; none: no request";
      case KEYED:
        return "`" + field + "[k][one_of]=v`: the " + t.child().parentTable() + " that have the value";
      case BY_RANK:
        return "`GET " + table(f.via().table()).path() + "` (cached), then `" + field
            + "[gte]` / `[lte]=` the `" + f.via().keyColumn() + "` of the row whose `"
            + f.via().matchColumn() + "` bounds n (`= / IN`: `[one_of]`); none: no request";
      default:
        throw new IllegalStateException(f.kind().name());
    }
  }

  private static String checked(ColumnDef c) {
    ColumnFilter f = c.filter();
    switch (f.kind()) {
      case LIST:
        return f.notInExact() ? "no" : "`<>` / `NOT IN` only";
      case DATE:
        return "yes";
      case LOOKUP:
        return f.keyForm() == ColumnFilter.KeyForm.VERBATIM ? "other predicates, yes" : "yes";
      case BY_RANK:
        return "a second bound, yes";
      case KEYED:
        return "yes";
      default:
        return "no";
    }
  }

  /** Whether the name is a reserved word of the SQL parser, so that it needs double quotes. */
  static boolean reserved(String name) {
    return PARSER.isReservedWord(name.toUpperCase(java.util.Locale.ROOT));
  }

  private static final org.apache.calcite.sql.parser.SqlAbstractParserImpl.Metadata PARSER =
      org.apache.calcite.sql.parser.impl.SqlParserImpl.FACTORY
          .getParser(new java.io.StringReader("")).getMetadata();

  private static TableDef table(String name) {
    return IncidentIoTables.byName(name);
  }

  private static String cell(String text) {
    return text.replace("\n", " ").replace("|", "\\|").strip();
  }
}
