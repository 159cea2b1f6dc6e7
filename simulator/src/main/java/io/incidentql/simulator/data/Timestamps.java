package io.incidentql.simulator.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Conversions between the simulator's time unit (microseconds since the epoch, UTC) and the
 * API's {@code date-time} strings.
 *
 * <p>Strings follow RFC 3339 in UTC the way the API's Go back end writes them: the fraction
 * keeps up to six digits with trailing zeros dropped, and disappears when it is zero
 * ({@code 2021-08-17T13:28:57.801578Z}, {@code 2021-08-17T13:28:57.8Z},
 * {@code 2024-03-01T00:00:00Z}), so readers meet every form a real response can carry.
 */
public final class Timestamps {
  /** Microseconds in one UTC day. */
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  private Timestamps() {}

  /** Formats {@code micros} as an RFC 3339 UTC timestamp. */
  public static String format(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int fraction = (int) Math.floorMod(micros, 1_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(27);
    pad(out, t.getYear(), 4).append('-');
    pad(out, t.getMonthValue(), 2).append('-');
    pad(out, t.getDayOfMonth(), 2).append('T');
    pad(out, t.getHour(), 2).append(':');
    pad(out, t.getMinute(), 2).append(':');
    pad(out, t.getSecond(), 2);
    if (fraction != 0) {
      int digits = 6;
      while (fraction % 10 == 0) {
        fraction /= 10;
        digits--;
      }
      out.append('.');
      pad(out, fraction, digits);
    }
    return out.append('Z').toString();
  }

  /** Returns the first microsecond of {@code date} in UTC. */
  public static long startOfDay(LocalDate date) {
    return date.toEpochDay() * MICROS_PER_DAY;
  }

  /** Returns the microsecond at which the UTC day holding {@code micros} starts. */
  public static long floorToDay(long micros) {
    return Math.floorDiv(micros, MICROS_PER_DAY) * MICROS_PER_DAY;
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
