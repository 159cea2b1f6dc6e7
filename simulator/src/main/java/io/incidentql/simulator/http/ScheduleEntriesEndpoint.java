package io.incidentql.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.data.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Handler of {@code GET /v2/schedule_entries}: the entries of one schedule that overlap a window
 * of time (start before the window's end, end after its start), grouped as the contract shows
 * into {@code scheduled}, {@code overrides} and {@code final}. The simulated schedules have no
 * overrides, so {@code final} equals {@code scheduled}.
 *
 * <p>{@code schedule_id} is required (a 422 {@code is_required} without it); an id that is no
 * schedule gives empty lists. Each schedule's weekly rotation runs without end, so any window
 * has entries. {@code entry_window_start} and {@code entry_window_end} are RFC
 * 3339 timestamps; without a start the window starts now, without an end it lasts
 * {@link #DEFAULT_SPAN} (the contract says only "a sensible range starting from now"). An end
 * before the start is a 422. A page holds at most {@link #PAGE_SIZE} entries, fewer when told
 * (see {@link RuntimeSettings#servedPageSize}); while more follow, {@code pagination_meta.after}
 * is the last entry's {@code end_at} and {@code after_url} the next page's URL, and the client
 * sends {@code after} back as {@code entry_window_start}, as the contract says. The last page
 * has no {@code pagination_meta}.
 */
final class ScheduleEntriesEndpoint {
  static final String PATH = "/v2/schedule_entries";
  static final int PAGE_SIZE = 100;
  static final Duration DEFAULT_SPAN = Duration.ofDays(7);
  private static final Set<String> PLAIN =
      Set.of("schedule_id", "entry_window_start", "entry_window_end");

  private final Workspace workspace;
  private final RuntimeSettings settings;
  private final Clock clock;

  ScheduleEntriesEndpoint(Workspace workspace, RuntimeSettings settings, Clock clock) {
    this.workspace = workspace;
    this.settings = settings;
    this.clock = clock;
  }

  ApiResponse list(QueryParams params) {
    FilterParser.Parsed query = FilterParser.parse(params, PLAIN, List.of());
    String scheduleId = query.single("schedule_id");
    if (scheduleId == null) {
      throw ApiError.validation("schedule_id", "is_required", "schedule_id is required");
    }
    String startText = query.single("entry_window_start");
    String endText = query.single("entry_window_end");
    Instant start = startText == null ? clock.instant() : instant("entry_window_start", startText);
    Instant end = endText == null ? start.plus(DEFAULT_SPAN) : instant("entry_window_end", endText);
    if (end.isBefore(start)) {
      throw ApiError.invalidValue("entry_window_end",
          "entry_window_end must not come before entry_window_start");
    }
    List<ObjectNode> schedules = workspace.schedules();
    List<ObjectNode> overlapping = List.of();
    for (int i = 0; i < schedules.size(); i++) {
      if (schedules.get(i).get("id").asText().equals(scheduleId)) {
        overlapping = workspace.scheduleEntries(i, micros(start), micros(end));
      }
    }
    int size = Math.min(PAGE_SIZE, settings.servedPageSize(PATH));
    boolean more = overlapping.size() > size;
    List<ObjectNode> page = more ? overlapping.subList(0, size) : overlapping;
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode groups = body.putObject("schedule_entries");
    ArrayNode finals = groups.putArray("final");
    groups.putArray("overrides");
    ArrayNode scheduled = groups.putArray("scheduled");
    for (ObjectNode e : page) {
      finals.add(e.deepCopy());
      scheduled.add(e.deepCopy());
    }
    if (more) {
      String after = page.get(page.size() - 1).get("end_at").asText();
      body.putObject("pagination_meta").put("after", after)
          .put("after_url", "https://api.incident.io" + PATH + "?schedule_id=" + scheduleId
              + "&entry_window_start=" + after
              + (endText == null ? "" : "&entry_window_end=" + endText));
    }
    return ApiResponse.ok(body);
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  private static Instant instant(String name, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.invalidValue(name, name + " must be an RFC 3339 timestamp, not '" + text + "'");
    }
  }
}
