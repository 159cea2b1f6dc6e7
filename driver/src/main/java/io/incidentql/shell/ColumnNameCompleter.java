package io.incidentql.shell;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completer of unqualified column names, as in {@code SELECT ref<Tab>}: sqlline's own SQL
 * completer offers a column only after its table's name and a dot.
 */
public final class ColumnNameCompleter implements Completer {
  private final Supplier<Collection<String>> columnNames;

  /** Creates the completer; {@code columnNames} is asked at each completion (it may cache). */
  public ColumnNameCompleter(Supplier<Collection<String>> columnNames) {
    this.columnNames = columnNames;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (reader.getBuffer().toString().stripLeading().startsWith("!")) {
      return; // a shell command: its own completer knows its arguments
    }
    String word = line.word().substring(0, line.wordCursor());
    if (word.contains(".") || word.startsWith("\"") || word.startsWith("'")) {
      return; // qualified names are sqlline's; quoted text is not a name to complete
    }
    for (String name : columnNames.get()) {
      candidates.add(new Candidate(name, name, "column", null, null, null, true));
    }
  }
}
