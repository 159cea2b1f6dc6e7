package sqlline;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.history.DefaultHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of the shell's interactive behaviour that sqlline's package-private hooks decide: what
 * Ctrl-C at an idle prompt does, and what Tab completes.
 */
class IncidentQlSqlLineTest {
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private IncidentQlSqlLine shell;
  private LineReader reader;

  @BeforeEach
  void connectToDemoData() throws Exception {
    shell = new IncidentQlSqlLine(false, false);
    // The interactive reader, as begin() builds it without an input stream (here on a dumb
    // terminal): statements are parsed with it, and Tab completes through it.
    reader = shell.getConsoleReader(null, new DefaultHistory());
    PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8);
    shell.setOutputStream(capture);
    shell.setErrorStream(capture);
    DispatchCallback connect = new DispatchCallback();
    shell.dispatch(
        "!connect -p driver io.incidentql.jdbc.IncidentIoDriver -p user \"\" -p password \"\""
            + " jdbc:incidentio:demo=true",
        connect);
    assertTrue(connect.isSuccess(), output.toString(StandardCharsets.UTF_8));
  }

  @AfterEach
  void close() {
    shell.dispatch("!closeall", new DispatchCallback());
  }

  @Test
  void ctrlCAtAnIdlePromptAfterAQueryHasNothingToCancel() {
    DispatchCallback callback = new DispatchCallback();
    shell.dispatch("SELECT reference FROM incidents LIMIT 1", callback);
    assertTrue(callback.isSuccess(), output.toString(StandardCharsets.UTF_8));
    // What sqlline's Ctrl-C handler does with the prompt's callback.
    assertDoesNotThrow(callback::forceKillSqlQuery);
  }

  @Test
  void tabCompletesAnUnqualifiedColumnName() throws Exception {
    String typed = "SELECT ref";
    reader.getBuffer().write(typed);
    ParsedLine line = reader.getParser().parse(typed, typed.length(), Parser.ParseContext.COMPLETE);
    List<Candidate> candidates = new ArrayList<>();
    ((org.jline.reader.impl.LineReaderImpl) reader).getCompleter().complete(reader, line, candidates);
    List<String> matching =
        candidates.stream()
            .map(Candidate::value)
            .filter(v -> v.startsWith("ref"))
            .distinct()
            .sorted()
            .toList();
    assertTrue(matching.contains("reference"), matching.toString());
    assertEquals("reference", commonPrefix(matching), matching.toString());
  }

  private static String commonPrefix(List<String> values) {
    String prefix = values.get(0);
    for (String v : values) {
      while (!v.startsWith(prefix)) {
        prefix = prefix.substring(0, prefix.length() - 1);
      }
    }
    return prefix;
  }
}
