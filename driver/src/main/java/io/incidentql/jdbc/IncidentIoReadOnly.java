package io.incidentql.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Guard of the driver's read-only contract: statements that would write or define something are
 * refused before they reach the engine, so before any request.
 */
public final class IncidentIoReadOnly {
  /** SQLState of a refused write: "read-only SQL transaction". */
  public static final String SQL_STATE = "25006";

  private static final Set<String> WRITING_KEYWORDS =
      Set.of(
          "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "TRUNCATE", "CREATE", "DROP",
          "ALTER", "RENAME", "GRANT", "REVOKE", "COMMENT");

  private IncidentIoReadOnly() {}

  /** Throws the read-only error if the statement's first keyword writes or defines something. */
  static void check(String sql) throws SQLException {
    String keyword = firstKeyword(sql);
    if (WRITING_KEYWORDS.contains(keyword)) {
      throw new SQLException(
          "IncidentQL is read-only: " + keyword + " statements are not supported (the incident.io"
              + " API is only read); use SELECT",
          SQL_STATE);
    }
  }

  /** Returns the statement's first word in upper case, past blanks, comments and parentheses. */
  static String firstKeyword(String sql) {
    if (sql == null) {
      return "";
    }
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toUpperCase(Locale.ROOT);
  }
}
