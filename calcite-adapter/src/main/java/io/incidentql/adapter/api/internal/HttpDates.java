package io.incidentql.adapter.api.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Parser of the date formats the API uses to say when to retry: the rate-limit body's
 * {@code Thu, 17 Apr 2025 11:17:18 UTC}, the HTTP date of {@code Date} and {@code Retry-After}
 * headers, and ISO 8601 as a tolerant fallback.
 */
public final class HttpDates {
  private static final List<DateTimeFormatter> ZONED =
      List.of(
          // Zone names such as UTC and GMT; the HTTP date is this format with GMT.
          DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss zzz", Locale.ENGLISH),
          DateTimeFormatter.RFC_1123_DATE_TIME);

  private HttpDates() {}

  /** Returns the instant the text names, or null when it is in none of the known formats. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.strip();
    for (DateTimeFormatter f : ZONED) {
      try {
        return ZonedDateTime.parse(s, f).toInstant();
      } catch (DateTimeParseException e) {
        // Try the next format.
      }
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
