package io.incidentql.adapter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test that keeps docs/tables.md, and the filter table of docs/pushdown.md, equal to the table
 * catalog, so the documented columns and filters are those the driver has.
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
    return CatalogDocs.tablesPage(IncidentIoTables.all());
  }

  private static final Path PUSHDOWN = Path.of("..", "docs", "pushdown.md");

  @org.junit.jupiter.api.Test
  void docsPushdownPageListsEveryFilterOfTheCatalog() throws IOException {
    String actual = Files.readString(PUSHDOWN, StandardCharsets.UTF_8);
    int from = actual.indexOf(CatalogDocs.FILTERS_BEGIN);
    int to = actual.indexOf(CatalogDocs.FILTERS_END);
    org.junit.jupiter.api.Assertions.assertTrue(from >= 0 && to > from,
        "docs/pushdown.md lacks the markers of its generated filter table");
    String expected = actual.substring(0, from) + CatalogDocs.filtersTable(IncidentIoTables.all())
        + actual.substring(to + CatalogDocs.FILTERS_END.length() + 1);
    if (Boolean.getBoolean("incidentql.writeDocs")) {
      Files.writeString(PUSHDOWN, expected, StandardCharsets.UTF_8);
      actual = expected;
    }
    assertEquals(expected, actual, "docs/pushdown.md's filter table is out of date; regenerate it with "
        + "./mvnw -pl calcite-adapter test -Dtest=TablesDocTest -Dincidentql.writeDocs=true");
  }
}
