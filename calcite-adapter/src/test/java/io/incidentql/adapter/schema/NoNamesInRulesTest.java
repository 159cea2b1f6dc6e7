package io.incidentql.adapter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Test that the planner and the executor take what they know of tables from the catalog: no
 * string literal under {@code plan/} or {@code exec/} is the name of a table or of a column.
 */
class NoNamesInRulesTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "io", "incidentql", "adapter");
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void noClassUnderPlanOrExecNamesATableOrAColumn() throws IOException {
    Set<String> names = new TreeSet<>();
    for (TableDef t : IncidentIoTables.all()) {
      names.add(t.name());
      t.columns().forEach(c -> names.add(c.name()));
    }
    List<String> found = new ArrayList<>();
    int files = 0;
    for (String dir : List.of("plan", "exec")) {
      Path root = SOURCES.resolve(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
          files++;
          int line = 0;
          for (String text : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            line++;
            if (text.trim().startsWith("*") || text.trim().startsWith("//")) {
              continue;
            }
            Matcher m = LITERAL.matcher(text);
            while (m.find()) {
              if (names.contains(m.group(1))) {
                found.add(p.getFileName() + ":" + line + " \"" + m.group(1) + "\"");
              }
            }
          }
        }
      }
    }
    assertTrue(files > 10, "read the sources of plan/ and exec/ (" + files + " files)");
    assertEquals(List.of(), found);
  }
}
