package io.incidentql.jdbc;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;

/**
 * Holder of the in-process simulator that demo connections share; it starts with the first demo
 * connection and stops when the last one closes.
 */
final class DemoServer {
  private static Simulator simulator;
  private static int users;

  private DemoServer() {}

  /** Starts the simulator if needed and returns its base URL; pair with {@link #release()}. */
  static synchronized String acquire() {
    if (simulator == null) {
      simulator = Simulator.start(SimulatorConfig.defaults());
    }
    users++;
    return simulator.baseUrl();
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
