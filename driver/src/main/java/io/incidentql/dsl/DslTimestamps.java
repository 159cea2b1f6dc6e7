package io.incidentql.dsl;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * Reader of the timestamp strings a query may compare with a TIMESTAMP column: the forms the
 * TIMESTAMP literal accepts, and a plain date (midnight UTC).
 */
final class DslTimestamps {
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart().appendOffsetId().optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private DslTimestamps() {}

  static Optional<Instant> parse(String text) {
    String s = text.trim();
    try {
      if (s.length() == 10) {
        return Optional.of(LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT))
            .atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
      TemporalAccessor parsed = TIMESTAMP.parse(iso);
      return Optional.of(parsed.isSupported(ChronoField.OFFSET_SECONDS)
          ? OffsetDateTime.from(parsed).toInstant()
          : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
