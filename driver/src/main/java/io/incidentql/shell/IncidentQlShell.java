package io.incidentql.shell;

import io.incidentql.jdbc.ConnectionSettings;
import io.incidentql.jdbc.IncidentIoDriver;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import sqlline.IncidentQlSqlLine;
import sqlline.SqlLine;

/**
 * Command-line SQL shell over the driver: sqlline, started with an IncidentQL connection.
 *
 * <p>It adds what sqlline cannot know: how to build the URL from {@code --demo} or the
 * environment, and a short usage text; and through {@link IncidentQlSqlLine} standard CSV, TSV
 * and JSON, plans printed as text, one-line errors and a failing exit status when any statement
 * of a script fails. History, completion and the table formats are sqlline's.
 */
public final class IncidentQlShell {
  private static final Set<String> FORMATS = Set.of("table", "vertical", "csv", "tsv", "json");

  private IncidentQlShell() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the shell and returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    List<String> sqlline;
    try {
      sqlline = sqllineArguments(args, System.getenv(ConnectionSettings.API_KEY_ENV) != null);
    } catch (IllegalArgumentException e) {
      err.println("incidentql: " + e.getMessage());
      err.println("Try 'incidentql --help'.");
      return 2;
    }
    if (sqlline == null) {
      out.print(usage());
      return 0;
    }
    if (System.console() == null) {
      // Output goes to a pipe or file: no terminal to measure, so no warning about one and no
      // width to cut rows to.
      System.setProperty("org.jline.terminal.dumb", "true");
      sqlline.add("--maxWidth=100000");
    }
    // A one-off statement leaves the interactive history alone.
    boolean interactive = !sqlline.contains("-e") && !sqlline.contains("-f");
    // The status line while a statement runs is for a person at a terminal, never for a pipe.
    IncidentQlSqlLine shell =
        new IncidentQlSqlLine(List.of(args).contains("--verbose"), System.console() != null);
    SqlLine.Status status = shell.begin(sqlline.toArray(new String[0]), null, interactive);
    // A script (-e or -f) fails when any of its statements failed, not only the last one.
    return status == SqlLine.Status.OK && (interactive || shell.failures() == 0) ? 0 : 1;
  }

  /**
   * Translates the shell's options into sqlline's; returns null when only help was asked for.
   */
  static List<String> sqllineArguments(String[] args, boolean keyInEnvironment) {
    String url = null;
    boolean demo = false;
    String format = "table";
    List<String> commands = new ArrayList<>();
    String script = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          return null;
        }
        case "--demo" -> demo = true;
        case "--verbose" -> {
          // Read by run(): stack traces after error messages.
        }
        case "--url" -> url = value(args, ++i, a);
        case "-e" -> commands.add(value(args, ++i, a));
        case "-f" -> script = value(args, ++i, a);
        case "--format" -> {
          format = value(args, ++i, a).toLowerCase(java.util.Locale.ROOT);
          if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException(
                "unknown format '" + format + "'; choose one of table, vertical, csv, tsv, json");
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    if (demo && url != null) {
      throw new IllegalArgumentException("--demo and --url cannot be used together");
    }
    if (url == null) {
      if (demo) {
        url = IncidentIoDriver.PREFIX + "demo=true";
      } else if (keyInEnvironment) {
        url = IncidentIoDriver.PREFIX;
      } else {
        throw new IllegalArgumentException(
            "no API key: set " + ConnectionSettings.API_KEY_ENV
                + " (or pass --url with apiKey), or run with --demo to query demo data");
      }
    }
    List<String> out = new ArrayList<>();
    out.add("-d");
    out.add(IncidentIoDriver.class.getName());
    out.add("-u");
    out.add(url);
    // Empty credentials stop sqlline from prompting; the key comes from the URL or environment.
    out.add("-n");
    out.add("");
    out.add("-p");
    out.add("");
    out.add("--outputformat=" + format);
    // Tables need every row to size their columns; the other formats can print as rows arrive.
    out.add("--incremental=" + !format.equals("table"));
    out.add("--isolation=TRANSACTION_NONE");
    // Reads table and column names at connect (from the catalog, no request) for completion.
    out.add("--fastConnect=false");
    if (format.equals("table") || format.equals("vertical")) {
      // A newline inside a value would break the drawn table; show it as \n instead.
      out.add("--escapeOutput=true");
    }
    // NULL reads the same in every column of a table, whatever its type (sqlline's default
    // prints "null" for some types and nothing for others). CSV, TSV and JSON have their own.
    out.add("--nullValue=NULL");
    out.add("--showWarnings=false");
    boolean batch = !commands.isEmpty() || script != null;
    if (batch) {
      out.add("--silent=true");
    }
    for (String c : commands) {
      out.add("-e");
      out.add(c);
    }
    if (script != null) {
      out.add("-f");
      out.add(script);
    }
    return out;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + option + " needs a value");
    }
    return args[i];
  }

  static String usage() {
    return String.join(
        System.lineSeparator(),
        "Usage: incidentql [--demo | --url JDBC_URL] [-e SQL]... [-f FILE] [--format FORMAT]",
        "                 [--verbose]",
        "",
        "Opens an interactive SQL shell over the incident.io API (history, tab completion,",
        "!help for shell commands, !quit to leave).",
        "",
        "  --demo           query generated demo data; no API key needed",
        "  --url JDBC_URL   connect with this URL, e.g. jdbc:incidentio:baseUrl=https://api.incident.io",
        "  -e SQL           run one statement and exit (repeatable; each runs, and the exit",
        "                   status is 1 if any failed)",
        "  -f FILE          run the statements in FILE and exit (stops at the first failure)",
        "  --format FORMAT  table (default), vertical, csv (RFC 4180), tsv or json",
        "  --verbose        print the stack trace after an error's one-line message",
        "  -h, --help       show this text",
        "",
        "Without --demo or --url, the API key is read from " + ConnectionSettings.API_KEY_ENV + ".",
        "");
  }
}
