package io.incidentql.jdbc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Recorder of every log line of the driver's tests, whatever its logger or level, while capturing
 * is on (with each exception's stack trace), so that a test can prove the API key never reaches
 * a log.
 *
 * <p>The tests log as the self-contained jar does: SLF4J through {@link SystemLoggerProvider}
 * (selected with the {@code slf4j.provider} system property) to System.Logger, which is
 * java.util.logging here; this class listens at its root logger.
 */
final class CapturingLog {
  private static final StringBuffer LINES = new StringBuffer();
  /** Held here: java.util.logging keeps loggers only weakly, and a collected one loses its level. */
  private static final Logger ROOT = Logger.getLogger("");
  private static final Handler HANDLER =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          StringBuilder line =
              new StringBuilder()
                  .append(r.getLevel())
                  .append(' ')
                  .append(r.getLoggerName())
                  .append(" - ")
                  .append(
                      r.getParameters() == null
                          ? r.getMessage()
                          : MessageFormat.format(r.getMessage(), r.getParameters()))
                  .append('\n');
          if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
          }
          LINES.append(line);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private static Level saved;

  private CapturingLog() {}

  /** Starts recording every level of every logger, from an empty record. */
  static synchronized void start() {
    LINES.setLength(0);
    saved = ROOT.getLevel();
    HANDLER.setLevel(Level.ALL);
    ROOT.addHandler(HANDLER);
    ROOT.setLevel(Level.ALL);
  }

  /** Stops recording and returns what was logged since {@link #start()}. */
  static synchronized String stop() {
    ROOT.setLevel(saved);
    ROOT.removeHandler(HANDLER);
    return LINES.toString();
  }
}
