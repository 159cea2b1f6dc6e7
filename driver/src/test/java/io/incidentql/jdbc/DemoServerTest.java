package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Tests of the day the demo's data ends on. */
class DemoServerTest {
  private static final Clock TOKYO_MORNING =
      Clock.fixed(Instant.parse("2026-12-06T01:30:00Z"), ZoneId.of("Asia/Tokyo"));

  @Test
  void theDemoEndsYesterdayInUtcWhateverTheLocalZone() {
    assertEquals(LocalDate.of(2026, 12, 5), DemoServer.lastDay(null, TOKYO_MORNING));
    assertEquals(LocalDate.of(2026, 12, 5), DemoServer.lastDay(" ", TOKYO_MORNING));
  }

  @Test
  void aPinnedDayWins() {
    assertEquals(LocalDate.of(2024, 12, 31), DemoServer.lastDay("2024-12-31", TOKYO_MORNING));
  }
}
