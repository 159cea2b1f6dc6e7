package io.incidentql.jdbc;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Holder of the in-process simulator that demo connections share; it starts with the first demo
 * connection and stops when the last one closes.
 *
 * <p>The demo's two years of data end yesterday (UTC), so that "last week" has new incidents,
 * open ones and firing alerts whenever the demo runs. The system property {@value #LAST_DAY}
 * pins that day (the build's tests set it, so that their expected rows stay put).
 */
final class DemoServer {
  /** System property with the last day of the demo's data, as in {@code 2024-12-31}. */
  static final String LAST_DAY = "incidentql.demo.lastDay";

  private static Simulator simulator;
  private static int users;

  private DemoServer() {}

  /** Starts the simulator if needed and returns its base URL; pair with {@link #release()}. */
  static synchronized String acquire() {
    if (simulator == null) {
      simulator =
          Simulator.start(
              SimulatorConfig.builder()
                  .lastDay(lastDay(System.getProperty(LAST_DAY), Clock.systemUTC()))
                  .build());
    }
    users++;
    return simulator.baseUrl();
  }

  /** Returns {@code pinned} as a day if set, else the day before today (UTC) by {@code clock}. */
  static LocalDate lastDay(String pinned, Clock clock) {
    if (pinned != null && !pinned.isBlank()) {
      return LocalDate.parse(pinned.strip());
    }
    return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
  }

  /** The key the demo simulator accepts. */
  static String apiKey() {
    return SimulatorConfig.DEMO_API_KEY;
  }

  static synchronized void release() {
    if (users > 0 && --users == 0) {
      simulator.close();
      simulator = null;
    }
  }
}
