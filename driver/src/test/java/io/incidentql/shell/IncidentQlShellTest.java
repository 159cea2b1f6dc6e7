package io.incidentql.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of the shell: its options, and a statement run on demo data in each output format. */
class IncidentQlShellTest {

  @Test
  void demoConnectsToTheInProcessSimulatorWithoutAKey() {
    List<String> args = IncidentQlShell.sqllineArguments(new String[] {"--demo"}, false);
    assertEquals("jdbc:incidentio:demo=true", args.get(args.indexOf("-u") + 1));
    assertEquals("io.incidentql.jdbc.IncidentIoDriver", args.get(args.indexOf("-d") + 1));
  }

  @Test
  void withoutDemoOrAKeyTheShellSaysWhatToDo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IncidentQlShell.sqllineArguments(new String[0], false));
    assertTrue(e.getMessage().contains("INCIDENT_IO_API_KEY"), e.getMessage());
    assertTrue(e.getMessage().contains("--demo"), e.getMessage());
  }

  @Test
  void helpAndBadOptions() {
    assertNull(IncidentQlShell.sqllineArguments(new String[] {"--help"}, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> IncidentQlShell.sqllineArguments(new String[] {"--demo", "--format", "xml"}, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> IncidentQlShell.sqllineArguments(new String[] {"--demo", "-e"}, false));
  }

  @Test
  void aStatementRunsOnDemoDataAndPrintsCsv() throws Exception {
    String out =
        run("--demo", "--format", "csv", "-e", "SELECT reference FROM incidents ORDER BY reference LIMIT 3");
    String[] lines = out.strip().split("\\R");
    assertEquals("'reference'", lines[0]);
    assertEquals(4, lines.length, out);
    for (int i = 1; i < 4; i++) {
      assertTrue(lines[i].startsWith("'INC-"), out);
    }
  }

  @Test
  void aStatementPrintsJson() throws Exception {
    String out = run("--demo", "--format", "json", "-e", "SELECT COUNT(*) AS n FROM alerts");
    assertTrue(out.contains("\"n\":"), out);
  }

  @Test
  void sqllineMetadataCommandsShowTablesKeysAndRelations() throws Exception {
    String out =
        run("--demo", "--format", "csv", "-e", "!tables", "-e", "!primarykeys alerts",
            "-e", "!importedkeys incident_updates", "-e", "!columns incidents");
    assertTrue(out.contains("'incidentio','incident_alerts','TABLE','The connections between incidents"), out);
    assertTrue(out.contains("'incidentio','alerts','id','1','pk_alerts'"), out);
    assertTrue(
        out.contains("'incidentio','incidents','id','','incidentio','incident_updates','incident_id','1'"), out);
    assertTrue(out.contains("'incidents','severity_name','12','VARCHAR'"), out);
    assertTrue(out.contains("Human readable name of the severity"), out);
  }

  private static String run(String... args) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      int code = IncidentQlShell.run(args, capture, capture);
      assertEquals(0, code, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(saved);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
