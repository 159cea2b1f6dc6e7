package io.incidentql.simulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Tests of the RFC 3339 timestamps the simulator writes. */
class TimestampsTest {
  private static long micros(String instant) {
    Instant t = Instant.parse(instant);
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  @Test
  void writesMicrosecondsLikeTheDocumentation() {
    assertEquals("2021-08-17T13:28:57.801578Z", Timestamps.format(micros("2021-08-17T13:28:57.801578Z")));
  }

  @Test
  void dropsTrailingZerosOfTheFraction() {
    assertEquals("2021-08-17T13:28:57.8Z", Timestamps.format(micros("2021-08-17T13:28:57.800Z")));
    assertEquals("2021-08-17T13:28:57.00001Z", Timestamps.format(micros("2021-08-17T13:28:57.00001Z")));
  }

  @Test
  void leavesTheFractionOutAtWholeSeconds() {
    assertEquals("2024-03-01T00:00:00Z", Timestamps.format(micros("2024-03-01T00:00:00Z")));
  }

  @Test
  void findsTheStartOfADayInUtc() {
    long start = Timestamps.startOfDay(LocalDate.of(2024, 2, 29));
    assertEquals(micros("2024-02-29T00:00:00Z"), start);
    assertEquals(start, Timestamps.floorToDay(start + Timestamps.MICROS_PER_DAY - 1));
  }
}
