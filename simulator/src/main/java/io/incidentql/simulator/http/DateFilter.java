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
 *   <li>{@code date_range=A~B}: on alerts the same as {@code gte=A} and {@code lte=B}, exact
 *       timestamps; on incidents matched by date, both ends inclusive: the value's UTC date is
 *       A's date or later and B's date or earlier (LIVE-API-NOTES, Incidents 5).
 * </ul>
 *
 * <p>{@code gte} and {@code lte} on the same field in one request are a 422, as on the live API
 * (LIVE-API-NOTES, Incidents 5): two bounds go as one {@code date_range}.
 */
final class DateFilter {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private DateFilter() {}

  /** Refuses {@code gte} and {@code lte} on one field of one request, as the live API does. */
  static void refuseTwoBounds(java.util.List<FilterParam> filters) {
    java.util.Set<String> lower = new java.util.HashSet<>();
    for (FilterParam f : filters) {
      if (f.operator().equals("gte")) {
        lower.add(f.field());
      }
    }
    for (FilterParam f : filters) {
      if (f.operator().equals("lte") && lower.contains(f.field())
          && (f.field().equals("created_at") || f.field().equals("updated_at"))) {
        throw ApiError.invalidValue(f.name(), "'" + f.field() + "[gte]' and '" + f.field()
            + "[lte]' cannot be combined; send both bounds as " + f.field()
            + "[date_range]=start~end");
      }
    }
  }

  /** The predicate of an alert's date filter: bounds are exact instants. */
  static LongPredicate of(FilterParam filter) {
    return of(filter, false);
  }

  /**
   * The predicate of a date filter.
   *
   * @param rangeByDate whether {@code date_range} compares UTC dates, both ends inclusive
   */
  static LongPredicate of(FilterParam filter, boolean rangeByDate) {
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
        if (rangeByDate) {
          long firstDay = Timestamps.floorToDay(from);
          long afterLastDay = Timestamps.floorToDay(to) + Timestamps.MICROS_PER_DAY;
          return v -> v >= firstDay && v < afterLastDay;
        }
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
