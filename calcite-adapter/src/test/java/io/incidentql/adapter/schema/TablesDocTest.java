package io.incidentql.adapter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test that keeps docs/tables.md equal to the table catalog, so the documented columns are the
 * columns the driver has.
 *
 * <p>After changing the catalog, regenerate the page with
 * {@code ./mvnw -pl calcite-adapter test -Dtest=TablesDocTest -Dincidentql.writeDocs=true}.
 */
class TablesDocTest {
  private static final Path DOC = Path.of("..", "docs", "tables.md");

  @org.junit.jupiter.api.Test
  void docsTablesPageListsEveryColumnOfTheCatalog() throws IOException {
    String expected = render();
    if (Boolean.getBoolean("incidentql.writeDocs")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
    assertEquals(
        expected,
        actual,
        "docs/tables.md is out of date; regenerate it with "
            + "./mvnw -pl calcite-adapter test -Dtest=TablesDocTest -Dincidentql.writeDocs=true");
  }

  static String render() {
    StringBuilder b = new StringBuilder();
    b.append("# Tables and columns\n\n");
    b.append("Generated from the driver's table catalog (`IncidentIoTables`); ")
        .append("do not edit by hand.\n\n");
    b.append("Every table lives in the schema `incidentio`, the connection's default. ")
        .append("Nested objects are flattened into `<object>_<field>` columns; arrays are JSON ")
        .append("text (use `JSON_VALUE` / `JSON_QUERY`); `TIMESTAMP` columns hold UTC times with ")
        .append("millisecond precision. \"Always set\" marks the fields the API documents as ")
        .append("required; every other column may be NULL.\n\n");
    for (TableDef table : IncidentIoTables.all()) {
      b.append("- [`").append(table.name()).append("`](#").append(table.name()).append(")\n");
    }
    for (TableDef table : IncidentIoTables.all()) {
      b.append("\n## ").append(table.name()).append("\n\n");
      b.append(table.remarks()).append("\n\n");
      b.append("Endpoint: `GET ").append(table.path()).append("`, at most ")
          .append(table.maxPageSize()).append(" rows a page.\n\n");
      b.append("| column | type | always set | description |\n");
      b.append("|---|---|---|---|\n");
      for (ColumnDef c : table.columns()) {
        String type = c.type() == ColumnType.JSON ? "VARCHAR (JSON)" : c.type().sqlType().getName();
        b.append("| `").append(c.name()).append("` | ").append(type).append(" | ")
            .append(c.required() ? "yes" : "").append(" | ")
            .append(c.remarks().replace("\n", " ").replace("|", "\\|").strip()).append(" |\n");
      }
    }
    return b.toString();
  }
}
