package io.incidentql.simulator.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generator of the simulated account's rows: the same seed and counts always give the same rows.
 *
 * <p>Every table draws from its own random stream derived from the seed, so changing one count
 * leaves the other tables' rows unchanged (except where they point at the changed table).
 * Creation times fall in the {@link #DAYS} days that end with the last day asked for ({@link
 * #DEFAULT_LAST_DAY} unless told otherwise); a fixed share of rows
 * sits exactly at midnight UTC, one microsecond either side of it, at 23:59:59Z, at 00:00:00.5Z,
 * or shares its timestamp with another row, so that date filters and tie breaks are exercised.
 */
public final class DataGenerator {
  /** The last day of generated creation times unless one is given: 2024-12-31. */
  public static final LocalDate DEFAULT_LAST_DAY = LocalDate.of(2024, 12, 31);
  /** How many days of creation times there are: 2023-01-01 to 2024-12-31 by default. */
  public static final long DAYS = 731;

  /** An alert status the documentation does not list. */
  public static final String UNDOCUMENTED_ALERT_STATUS = "acknowledged";
  /** An incident mode the documentation does not list. */
  public static final String UNDOCUMENTED_MODE = "drill";

  private static final long HOUR = 3_600_000_000L;
  // Status weights by catalog position: triage, declined, merged, canceled, investigating, fixing,
  // monitoring, paused, waiting (undocumented category), documenting, closed.
  private static final int[] STATUS_WEIGHTS = {6, 5, 4, 4, 5, 4, 4, 3, 2, 13, 50};

  static final Comparator<AlertRow> ALERTS_NEWEST_FIRST =
      Comparator.comparingLong(AlertRow::createdMicros).thenComparing(AlertRow::id).reversed();
  static final Comparator<IncidentRow> INCIDENTS_NEWEST_FIRST =
      Comparator.comparingLong(IncidentRow::createdMicros).thenComparing(IncidentRow::id).reversed();
  static final Comparator<IncidentUpdateRow> UPDATES_NEWEST_FIRST =
      Comparator.comparingLong(IncidentUpdateRow::createdMicros)
          .thenComparing(IncidentUpdateRow::id).reversed();

  private DataGenerator() {}

  /** Generates the rows of every endpoint, created up to {@link #DEFAULT_LAST_DAY}. */
  public static Tables generate(long seed, int alertCount, int incidentCount,
      int incidentAlertCount, int incidentUpdateCount) {
    return generate(seed, alertCount, incidentCount, incidentAlertCount, incidentUpdateCount,
        DEFAULT_LAST_DAY);
  }

  /**
   * Generates the rows of every endpoint, created in the {@link #DAYS} days up to {@code lastDay}
   * (UTC). Counts may be 0. Another last day gives the same rows, every time moved by whole days.
   */
  public static Tables generate(long seed, int alertCount, int incidentCount,
      int incidentAlertCount, int incidentUpdateCount, LocalDate lastDay) {
    long start = Timestamps.startOfDay(lastDay.plusDays(1)) - DAYS * Timestamps.MICROS_PER_DAY;
    if (alertCount < 0 || incidentCount < 0 || incidentAlertCount < 0 || incidentUpdateCount < 0) {
      throw new IllegalArgumentException("row counts must not be negative");
    }
    Catalog catalog = CatalogFactory.create(stream(seed, 1));
    List<AlertRow> alerts = alerts(stream(seed, 2), catalog, alertCount, start);
    List<IncidentRow> incidents = incidents(stream(seed, 3), catalog, alerts, incidentCount, start);
    List<IncidentAlertRow> links =
        incidentAlerts(stream(seed, 4), catalog, alerts, incidents, incidentAlertCount);
    List<IncidentUpdateRow> updates =
        incidentUpdates(stream(seed, 5), catalog, incidents, incidentUpdateCount);
    Workspace workspace = Workspace.generate(stream(seed, 6), catalog, alerts, incidents, start);
    return new Tables(seed, catalog, alerts, incidents, links, updates, workspace);
  }

  private static SplittableRandom stream(long seed, int table) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + table * 0xBF58476D1CE4E5B9L);
  }

  private static long createdAt(SplittableRandom r, int i, long[] earlier, long start) {
    long day = start + r.nextLong(DAYS) * Timestamps.MICROS_PER_DAY;
    switch (i % 97) {
      case 0:
        return day;
      case 1:
        return day + Timestamps.MICROS_PER_DAY - 1;
      case 2:
        return day + 1;
      case 3:
        return earlier[i - 3];
      case 4:
        return day + 500_000;
      case 5:
        return day + Timestamps.MICROS_PER_DAY - 1_000_000;
      default:
        return start + r.nextLong(DAYS * Timestamps.MICROS_PER_DAY);
    }
  }

  private static <T> List<T> sorted(T[] rows, Comparator<? super T> order) {
    Arrays.sort(rows, order);
    return Collections.unmodifiableList(Arrays.asList(rows));
  }

  private static List<AlertRow> alerts(SplittableRandom r, Catalog catalog, int n, long start) {
    AlertRow[] rows = new AlertRow[n];
    long[] created = new long[n];
    String[] keys = new String[n];
    int sources = catalog.alertSources().size();
    for (int i = 0; i < n; i++) {
      long t = createdAt(r, i, created, start);
      created[i] = t;
      int roll = r.nextInt(100);
      String status = roll < 70 ? "resolved" : roll < 97 ? "firing" : UNDOCUMENTED_ALERT_STATUS;
      long updated = r.nextInt(5) == 0 ? t : t + r.nextLong(6 * HOUR);
      long resolved = AlertRow.ABSENT;
      if (status.equals("resolved") && r.nextInt(100) < 95) {
        resolved = t + 60_000_000L + r.nextLong(48 * HOUR);
        updated = Math.max(updated, resolved);
      }
      int source = Math.min(r.nextInt(sources), r.nextInt(sources));
      keys[i] = deduplicationKey(r, i, keys);
      boolean maintenance = r.nextInt(100) < 6;
      rows[i] = new AlertRow(Ulid.next(t / 1000, r), t, updated, resolved, status, source, keys[i],
          maintenance, r.nextLong());
    }
    return sorted(rows, ALERTS_NEWEST_FIRST);
  }

  private static String deduplicationKey(SplittableRandom r, int i, String[] earlier) {
    int roll = r.nextInt(100);
    if (roll < 3 && i > 0) {
      // Keys are unique per alert source only, so the same key on another alert is legitimate.
      return earlier[r.nextInt(i)];
    }
    if (roll < 80) {
      return Long.toString(1_000_000_000L + r.nextLong(9_000_000_000L));
    }
    if (roll < 90) {
      return "host-" + r.nextInt(500) + "/disk-" + r.nextInt(4);
    }
    if (roll < 95) {
      return "clé-" + r.nextInt(10_000) + "-ü";
    }
    // Characters that break a query string unless they are percent-encoded.
    return "a&b=c %" + (10 + r.nextInt(90)) + "+1 #frag";
  }

  private static List<IncidentRow> incidents(SplittableRandom r, Catalog catalog,
      List<AlertRow> alerts, int n, long start) {
    IncidentRow[] rows = new IncidentRow[n];
    long[] created = new long[n];
    for (int i = 0; i < n; i++) {
      long t = createdAt(r, i, created, start);
      created[i] = t;
      long updated = r.nextInt(10) == 0 ? t : t + r.nextLong(30 * 24 * HOUR);
      int status = weighted(r, STATUS_WEIGHTS);
      String category = catalog.statuses().get(status).category();
      boolean early = category.equals("triage") || category.equals("declined");
      int severity = r.nextInt(100) < (early ? 50 : 5)
          ? -1 : weighted(r, new int[] {40, 35, 20, 5});
      int type = r.nextInt(10) == 0 ? -1 : r.nextInt(catalog.incidentTypes().size());
      int modeRoll = r.nextInt(100);
      String mode = modeRoll < 81 ? "standard" : modeRoll < 89 ? "retrospective"
          : modeRoll < 94 ? "test" : modeRoll < 98 ? "tutorial" : UNDOCUMENTED_MODE;
      boolean privateOnly = type >= 0 && catalog.incidentTypes().get(type).privateIncidentsOnly();
      String visibility = privateOnly || r.nextInt(100) < 8 ? "private" : "public";
      int[] assignees = assignees(r, catalog);
      int[][] fieldValues = customFieldValues(r, catalog);
      int creatorRoll = r.nextInt(100);
      int creatorKind;
      int creatorIndex;
      if (creatorRoll < 60 || (creatorRoll >= 80 && alerts.isEmpty())) {
        creatorKind = IncidentRow.CREATOR_USER;
        creatorIndex = r.nextInt(catalog.users().size());
      } else if (creatorRoll < 70) {
        creatorKind = IncidentRow.CREATOR_API_KEY;
        creatorIndex = r.nextInt(catalog.apiKeys().size());
      } else if (creatorRoll < 80) {
        creatorKind = IncidentRow.CREATOR_WORKFLOW;
        creatorIndex = r.nextInt(catalog.workflows().size());
      } else {
        creatorKind = IncidentRow.CREATOR_ALERT;
        creatorIndex = alertAtOrBefore(alerts, t);
      }
      rows[i] = new IncidentRow(Ulid.next(t / 1000, r), 0, t, updated, status, severity, type, mode,
          visibility, assignees, fieldValues, creatorKind, creatorIndex, r.nextLong());
    }
    Arrays.sort(rows, INCIDENTS_NEWEST_FIRST);
    for (int i = 0; i < n; i++) {
      // External ids count up in creation order, as the API's INC-123 references do.
      rows[i] = rows[i].withExternalId(n - i);
    }
    return Collections.unmodifiableList(Arrays.asList(rows));
  }

  private static int[] assignees(SplittableRandom r, Catalog catalog) {
    if (r.nextInt(10) == 0) {
      return null;
    }
    int[] out = new int[catalog.roles().size()];
    for (int role = 0; role < out.length; role++) {
      boolean assigned = r.nextInt(100) < (role == 0 ? 85 : 50);
      out[role] = assigned ? r.nextInt(catalog.users().size()) : -1;
    }
    return out;
  }

  private static int[][] customFieldValues(SplittableRandom r, Catalog catalog) {
    if (r.nextInt(10) == 0) {
      return null;
    }
    List<Catalog.CustomField> fields = catalog.customFields();
    int[][] out = new int[fields.size()][];
    for (int f = 0; f < out.length; f++) {
      Catalog.CustomField field = fields.get(f);
      int choices = field.valueCount();
      if (choices == 0) {
        out[f] = new int[0];
      } else if (field.fieldType().equals("multi_select")) {
        int count = r.nextInt(Math.min(choices, 3) + 1);
        int start = r.nextInt(choices);
        out[f] = new int[count];
        for (int k = 0; k < count; k++) {
          out[f][k] = (start + k) % choices;
        }
      } else {
        out[f] = r.nextInt(100) < 70 ? new int[] {r.nextInt(choices)} : new int[0];
      }
    }
    return out;
  }

  /** Position of the newest alert created at or before {@code micros}, or the oldest alert. */
  private static int alertAtOrBefore(List<AlertRow> alerts, long micros) {
    int lo = 0;
    int hi = alerts.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (alerts.get(mid).createdMicros() > micros) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return Math.min(lo, alerts.size() - 1);
  }

  private static List<IncidentAlertRow> incidentAlerts(SplittableRandom r, Catalog catalog,
      List<AlertRow> alerts, List<IncidentRow> incidents, int wanted) {
    if (alerts.isEmpty() || incidents.isEmpty()) {
      return List.of();
    }
    long possible = (long) alerts.size() * incidents.size();
    int target = (int) Math.min(wanted, possible);
    List<IncidentAlertRow> rows = new ArrayList<>(target);
    Set<Long> pairs = new HashSet<>();
    long attempts = 0;
    while (rows.size() < target) {
      int incident = r.nextInt(incidents.size());
      int alert;
      if (attempts++ > 20L * target || r.nextInt(10) == 0) {
        alert = r.nextInt(alerts.size());
      } else {
        // An alert usually fires shortly before the incident it opens.
        long created = incidents.get(incident).createdMicros();
        alert = Math.min(alertAtOrBefore(alerts, created) + r.nextInt(6), alerts.size() - 1);
      }
      if (!pairs.add((long) incident * alerts.size() + alert)) {
        continue;
      }
      long linked = Math.max(alerts.get(alert).createdMicros(),
          incidents.get(incident).createdMicros()) + r.nextLong(300_000_000L);
      int route = r.nextInt(100) < 85 ? r.nextInt(catalog.alertRouteIds().size()) : -1;
      rows.add(new IncidentAlertRow(Ulid.next(linked / 1000, r), alert, incident, route,
          r.nextLong()));
    }
    IncidentAlertRow[] array = rows.toArray(new IncidentAlertRow[0]);
    return sorted(array, Comparator.comparing(IncidentAlertRow::id).reversed());
  }

  private static List<IncidentUpdateRow> incidentUpdates(SplittableRandom r, Catalog catalog,
      List<IncidentRow> incidents, int wanted) {
    if (incidents.isEmpty()) {
      return List.of();
    }
    int[] counts = new int[incidents.size()];
    for (int i = 0; i < wanted; i++) {
      counts[r.nextInt(counts.length)]++;
    }
    IncidentUpdateRow[] rows = new IncidentUpdateRow[wanted];
    int next = 0;
    for (int i = 0; i < counts.length; i++) {
      IncidentRow incident = incidents.get(i);
      long[] times = new long[counts[i]];
      long span = incident.updatedMicros() - incident.createdMicros() + 1;
      for (int k = 0; k < times.length; k++) {
        times[k] = incident.createdMicros() + r.nextLong(span);
      }
      Arrays.sort(times);
      for (int k = 0; k < times.length; k++) {
        boolean last = k == times.length - 1;
        // The last update leaves the incident in the status it shows now.
        int status = last ? incident.statusIndex() : weighted(r, STATUS_WEIGHTS);
        int severity = -1;
        if (incident.severityIndex() >= 0 && r.nextInt(100) < 60) {
          severity = last ? incident.severityIndex() : r.nextInt(catalog.severities().size());
        }
        int mergedInto = -1;
        if (catalog.statuses().get(status).category().equals("merged") && incidents.size() > 1) {
          mergedInto = (i + 1 + r.nextInt(incidents.size() - 1)) % incidents.size();
        }
        rows[next++] = new IncidentUpdateRow(Ulid.next(times[k] / 1000, r), i, times[k], status,
            severity, mergedInto, r.nextLong());
      }
    }
    return sorted(rows, UPDATES_NEWEST_FIRST);
  }

  private static int weighted(SplittableRandom r, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int roll = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      roll -= weights[i];
      if (roll < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
