package io.incidentql.adapter.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.plan.IncidentIoWindows.Window;
import io.incidentql.adapter.schema.IncidentIoTables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of which scans may be split into created_at windows, and into which. */
class IncidentIoWindowsTest {
  private static final LocalDate FROM = LocalDate.of(2023, 1, 1);
  private static final ApiRequest ALERTS = ApiRequest.of("/v2/alerts").with("page_size", "50")
      .with("created_at[gte]", "2023-01-01").with("status[one_of]", "firing");

  private static IncidentIoQuery alerts(Condition... conditions) {
    IncidentIoFilter f = IncidentIoFilter.NONE;
    for (Condition c : conditions) {
      f = f.and(c);
    }
    return IncidentIoQuery.fullScan(IncidentIoTables.byName("alerts")).withFilter(f);
  }

  private static Condition gte(String day) {
    return Condition.of("created_at", Op.GTE, List.of(day));
  }

  /** Times of a page of {@code n} rows spread evenly from {@code newest} back {@code hours}. */
  private static List<Long> page(String newest, int n, double hours) {
    long top = Instant.parse(newest).toEpochMilli();
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(top - (long) (hours * 3_600_000L * i / (n - 1)));
    }
    return out;
  }

  @Test
  void onlyAScanWithALowerBoundOnCreatedAtAndNoLimitOrCountQualifies() {
    assertTrue(IncidentIoWindows.qualifies(alerts(gte("2023-01-01"))));
    assertFalse(IncidentIoWindows.qualifies(alerts()));
    assertFalse(IncidentIoWindows.qualifies(
        alerts(Condition.of("created_at", Op.LTE, List.of("2024-01-01")))));
    assertFalse(IncidentIoWindows.qualifies(alerts(gte("2023-01-01")).withLimit(0, 500)));
    assertFalse(IncidentIoWindows.qualifies(alerts(gte("2023-01-01")).withCount("n")));
    IncidentIoQuery incidents = IncidentIoQuery.fullScan(IncidentIoTables.byName("incidents"))
        .withFilter(IncidentIoFilter.NONE.and(gte("2023-01-01")));
    assertTrue(IncidentIoWindows.qualifies(incidents));
    assertTrue(IncidentIoWindows.qualifies(incidents.withSort(new IncidentIoQuery.Sort(incidents.table().columnIndex("created_at"), false))));
    assertFalse(IncidentIoWindows.qualifies(incidents.withSort(new IncidentIoQuery.Sort(incidents.table().columnIndex("created_at"), true))));
    assertFalse(IncidentIoWindows.qualifies(
        incidents.withFilter(IncidentIoFilter.NONE.withAny(List.of(gte("2023-01-01"),
            Condition.of("severity", Op.ONE_OF, List.of("s1")))))));
    // An equality on several values is one request sequence per value.
    assertFalse(IncidentIoWindows.qualifies(alerts(gte("2023-01-01"),
        Condition.of("alert_source", Op.EQUALS, List.of("a", "b")))));
  }

  @Test
  void aLongRangeIsCutIntoAdjacentWindowsOfAboutEightPagesNewestFirst() {
    // 50 rows in 10 days, 720 days to go: about 3,500 rows, 70 pages, 8 windows.
    List<Long> times = page("2024-12-31T12:00:00Z", 50, 240);
    List<Window> w = IncidentIoWindows.split(ALERTS, "created_at", FROM, null, 50, times, 50, null, 4);
    assertEquals(8, w.size());
    assertEquals("GET /v2/alerts?page_size=50&created_at[gte]=" + w.get(0).from()
        + "&status[one_of]=firing", w.get(0).request().toString());
    assertNull(w.get(0).to());
    assertNull(w.get(0).upperExclusiveMillis());
    for (int i = 1; i < w.size(); i++) {
      assertEquals(w.get(i - 1).from(), w.get(i).to(), "windows touch");
      assertTrue(w.get(i).from().isBefore(w.get(i).to()));
      assertEquals(IncidentIoWindows.millis(w.get(i).to()), w.get(i).upperExclusiveMillis());
      assertEquals("GET /v2/alerts?page_size=50&created_at[date_range]=" + w.get(i).from() + "~"
          + w.get(i).to() + "&status[one_of]=firing", w.get(i).request().toString());
    }
    assertEquals(FROM, w.get(w.size() - 1).from());
    // The first window reaches up to the page's oldest row, at a midnight.
    assertTrue(w.get(0).from().isBefore(LocalDate.of(2024, 12, 22)));
  }

  @Test
  void theQuerysUpperBoundStaysOnTheNewestWindow() {
    List<Long> times = page("2024-12-31T12:00:00Z", 50, 240);
    List<Window> w = IncidentIoWindows.split(
        ApiRequest.of("/v2/alerts").with("page_size", "50")
            .with("created_at[date_range]", "2023-01-01~2025-01-01"),
        "created_at", FROM, LocalDate.of(2025, 1, 1), 50, times, 50, null, 4);
    assertEquals("GET /v2/alerts?page_size=50&created_at[date_range]=" + w.get(0).from()
        + "~2025-01-01", w.get(0).request().toString());
  }

  @Test
  void fewerThanSixteenPagesToGoStaysSerial() {
    // 50 rows in 10 days, 140 days to go: about 700 rows, 14 pages.
    List<Long> times = page("2023-05-31T12:00:00Z", 50, 240);
    assertEquals(List.of(),
        IncidentIoWindows.split(ALERTS, "created_at", FROM, null, 50, times, 50, null, 8));
    // 22 pages: two windows.
    times = page("2023-08-20T12:00:00Z", 50, 240);
    assertEquals(2, IncidentIoWindows.split(ALERTS, "created_at", FROM, null, 50, times, 50, null, 8).size());
  }

  @Test
  void theApisTotalRecordCountDecidesWhenItIsSent() {
    List<Long> times = page("2024-12-31T12:00:00Z", 250, 1);
    ApiRequest incidents = ApiRequest.of("/v2/incidents").with("page_size", "250")
        .with("created_at[gte]", "2023-01-01");
    // 9,750 rows to go at 250 a page: 39 pages, 4 windows, however dense the first page looks.
    assertEquals(4,
        IncidentIoWindows.split(incidents, "created_at", FROM, null, 250, times, 250, 10_000L, 4).size());
    // 2,750 rows to go: 11 pages, too few.
    assertEquals(List.of(),
        IncidentIoWindows.split(incidents, "created_at", FROM, null, 250, times, 250, 3_000L, 4));
  }

  @Test
  void aWindowIsNeverShorterThanADay() {
    // Every row of the first page in the same second: the rest cannot be estimated, only cut
    // at midnights, and two days hold two windows at most.
    List<Long> times = page("2023-01-02T12:00:00Z", 50, 0.0001);
    List<Window> w = IncidentIoWindows.split(ALERTS, "created_at", FROM, null, 50, times, 50, null, 8);
    assertEquals(2, w.size());
    assertEquals(LocalDate.of(2023, 1, 2), w.get(0).from());
    assertEquals(FROM, w.get(1).from());
    assertEquals(List.of(), IncidentIoWindows.split(
        ALERTS, "created_at", FROM, null, 50, page("2023-01-01T12:00:00Z", 50, 0.0001), 50, null, 8));
  }

  @Test
  void parallelismOneNeverSplits() {
    List<Long> times = page("2024-12-31T12:00:00Z", 50, 240);
    assertEquals(List.of(), IncidentIoWindows.split(ALERTS, "created_at", FROM, null, 50, times, 50, null, 1));
  }

  @Test
  void theBufferOfAWindowIsAboutFourMegabytesOfWholePages() {
    assertEquals(750, IncidentIoWindows.bufferRows(
        IncidentIoTables.byName("alerts").columns().size(), 50));
    // An incident row is large: one page, whatever its size.
    assertEquals(250, IncidentIoWindows.bufferRows(
        IncidentIoTables.byName("incidents").columns().size(), 250));
    // Never more than two windows of pages.
    assertEquals(32, IncidentIoWindows.bufferRows(1, 2));
  }
}
