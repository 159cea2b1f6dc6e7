package io.incidentql.simulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tests of the last day the generated data ends on: tests keep 2024-12-31, the demo takes a recent
 * day, and either way the seed gives the same rows, moved by whole days.
 */
class DataGeneratorLastDayTest {
  private static final LocalDate RECENT = LocalDate.of(2026, 12, 5);
  private static final Set<String> OPEN_CATEGORIES = Set.of("triage", "live", "paused");

  private static Tables generate(LocalDate lastDay) {
    return DataGenerator.generate(1, 2_000, 1_000, 1_500, 4_000, lastDay);
  }

  @Test
  void withoutALastDayTheDataEndsOnTheLastDayTestsExpect() {
    Tables fixed = DataGenerator.generate(1, 2_000, 1_000, 1_500, 4_000);
    Tables explicit = generate(LocalDate.of(2024, 12, 31));
    assertEquals(fixed.alerts(), explicit.alerts());
    assertEquals(
        fixed.incidents().stream().map(IncidentRow::createdMicros).toList(),
        explicit.incidents().stream().map(IncidentRow::createdMicros).toList());
  }

  @Test
  void anotherLastDayMovesEveryRowByWholeDays() {
    Tables fixed = generate(DataGenerator.DEFAULT_LAST_DAY);
    Tables recent = generate(RECENT);
    long shift =
        ChronoUnit.DAYS.between(DataGenerator.DEFAULT_LAST_DAY, RECENT) * Timestamps.MICROS_PER_DAY;
    assertEquals(fixed.alerts().size(), recent.alerts().size());
    for (int i = 0; i < fixed.alerts().size(); i++) {
      AlertRow a = fixed.alerts().get(i);
      AlertRow b = recent.alerts().get(i);
      assertEquals(a.createdMicros() + shift, b.createdMicros(), "alert " + i);
      assertEquals(a.updatedMicros() + shift, b.updatedMicros(), "alert " + i);
      assertEquals(a.status(), b.status(), "alert " + i);
    }
    for (int i = 0; i < fixed.incidents().size(); i++) {
      IncidentRow a = fixed.incidents().get(i);
      IncidentRow b = recent.incidents().get(i);
      assertEquals(a.createdMicros() + shift, b.createdMicros(), "incident " + i);
      assertEquals(a.statusIndex(), b.statusIndex(), "incident " + i);
    }
    for (int i = 0; i < fixed.incidentUpdates().size(); i++) {
      assertEquals(
          fixed.incidentUpdates().get(i).createdMicros() + shift,
          recent.incidentUpdates().get(i).createdMicros(),
          "update " + i);
    }
  }

  @Test
  void theLastWeekHasNewIncidentsOpenOnesAndFiringAlertsAndNothingLater() {
    Tables recent = generate(RECENT);
    long end = Timestamps.startOfDay(RECENT.plusDays(1));
    long weekAgo = end - 7 * Timestamps.MICROS_PER_DAY;
    List<AlertRow> lastWeekAlerts =
        recent.alerts().stream().filter(a -> a.createdMicros() >= weekAgo).toList();
    List<IncidentRow> lastWeekIncidents =
        recent.incidents().stream().filter(r -> r.createdMicros() >= weekAgo).toList();
    assertTrue(recent.alerts().stream().allMatch(a -> a.createdMicros() < end));
    assertTrue(recent.incidents().stream().allMatch(r -> r.createdMicros() < end));
    assertTrue(lastWeekAlerts.stream().anyMatch(a -> a.status().equals("firing")), "firing alerts");
    assertTrue(lastWeekIncidents.size() >= 3, "new incidents: " + lastWeekIncidents.size());
    assertTrue(
        lastWeekIncidents.stream()
            .anyMatch(
                r ->
                    OPEN_CATEGORIES.contains(
                        recent.catalog().statuses().get(r.statusIndex()).category())),
        "an open incident among the new ones");
  }
}
