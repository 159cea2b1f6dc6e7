package io.incidentql.jdbc;

import io.incidentql.adapter.api.internal.ResponseCache;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Statements about the response cache, {@code SHOW CACHE} and {@code CLEAR CACHE}, which SQL and
 * DSL statements of a connection answer alike: each returns one row of the cache's figures (after
 * clearing, for {@code CLEAR CACHE}), read through the engine as a query over {@code VALUES}, so
 * that its result set is an ordinary one.
 */
final class IncidentIoCacheStatements {
  /** The columns of the row, in order. */
  static final List<String> COLUMNS =
      List.of("ttl_seconds", "entries", "bytes", "max_bytes", "hits", "misses", "evictions");

  private static final Pattern COMMENTS = Pattern.compile("--[^\n]*|/\\*.*?\\*/", Pattern.DOTALL);

  private final ResponseCache cache;
  private final Duration ttl;

  /** Answers the statements of a connection whose client uses {@code cache} with {@code ttl}. */
  IncidentIoCacheStatements(ResponseCache cache, Duration ttl) {
    this.cache = cache;
    this.ttl = ttl;
  }

  /**
   * Returns the SQL query that answers {@code text} when it is one of these statements (in any
   * case, with comments, blanks and a final {@code ;} allowed), clearing the cache first for
   * {@code CLEAR CACHE}; null for any other text.
   */
  String answer(String text) {
    String verb = verb(text);
    if (verb == null) {
      return null;
    }
    if (verb.equals("CLEAR")) {
      cache.clear();
    }
    ResponseCache.Stats s = cache.stats();
    BigDecimal seconds = BigDecimal.valueOf(ttl.toMillis()).movePointLeft(3);
    return "SELECT * FROM (VALUES (CAST(" + seconds.toPlainString() + " AS DOUBLE), "
        + bigint(s.entries()) + ", " + bigint(s.bytes()) + ", " + bigint(s.maxBytes()) + ", "
        + bigint(s.hits()) + ", " + bigint(s.misses()) + ", " + bigint(s.evictions())
        + ")) AS cache(" + String.join(", ", COLUMNS) + ")";
  }

  /** Returns whether {@code text} is one of these statements. */
  boolean matches(String text) {
    return verb(text) != null;
  }

  /** Returns {@code SHOW} or {@code CLEAR} when {@code text} is one of these statements, or null. */
  private static String verb(String text) {
    if (text == null) {
      return null;
    }
    String words = COMMENTS.matcher(text).replaceAll(" ").strip();
    if (words.endsWith(";")) {
      words = words.substring(0, words.length() - 1);
    }
    String[] w = words.strip().toUpperCase(Locale.ROOT).split("\\s+");
    boolean ours = w.length == 2 && w[1].equals("CACHE")
        && (w[0].equals("SHOW") || w[0].equals("CLEAR"));
    return ours ? w[0] : null;
  }

  private static String bigint(long n) {
    return "CAST(" + n + " AS BIGINT)";
  }
}
