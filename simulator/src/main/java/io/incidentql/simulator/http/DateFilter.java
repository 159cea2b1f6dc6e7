package io.incidentql.simulator.http;

import io.incidentql.simulator.data.Timestamps;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * Translator of the date operators into predicates on a timestamp in microseconds.
 *
 * <p>A bound is a date {@code YYYY-MM-DD}, meaning that day at 00:00:00Z, or a full RFC 3339
 * timestamp with an offset, meaning that instant:
 * <ul>
 *   <li>{@code gte=D}: the value is at or after D at 00:00:00Z;
 *   <li>{@code lte=D}: the value is at or before D at 00:00:00Z (the documentation: "created
 *       before or on 2021-01-02T00:00:00Z" for {@code lte=2021-01-02}), so the rest of day D is
 *       not included;
 *   <li>{@code date_range=A~B}: the same as {@code gte=A} and {@code lte=B}.
 * </ul>
 */
final class DateFilter {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private DateFilter() {}

  static LongPredicate of(FilterParam filter) {
    String value = FilterParser.singleValue(filter);
    switch (filter.operator()) {
      case "gte": {
        long bound = bound(filter, value);
        return v -> v >= bound;
      }
      case "lte": {
        long bound = bound(filter, value);
        return v -> v <= bound;
      }
      case "date_range": {
        int tilde = value.indexOf('~');
        if (tilde < 0 || tilde != value.lastIndexOf('~')) {
          throw ApiError.invalidValue(filter.name(), "'" + filter.name()
              + "' takes two dates separated by '~', e.g. 2024-12-02~2024-12-08, not '" + value + "'");
        }
        long from = bound(filter, value.substring(0, tilde));
        long to = bound(filter, value.substring(tilde + 1));
        return v -> v >= from && v <= to;
      }
      default:
        throw new IllegalArgumentException(filter.operator());
    }
  }

  /** Parses one bound into microseconds since the epoch. */
  static long bound(FilterParam filter, String text) {
    try {
      if (DATE.matcher(text).matches()) {
        return Timestamps.startOfDay(LocalDate.parse(text));
      }
      OffsetDateTime t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    } catch (DateTimeParseException e) {
      throw ApiError.invalidValue(filter.name(), "'" + text + "' in '" + filter.name()
          + "' is neither a date (YYYY-MM-DD) nor an RFC 3339 timestamp");
    }
  }
}
