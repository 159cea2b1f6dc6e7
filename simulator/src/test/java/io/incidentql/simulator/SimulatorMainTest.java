package io.incidentql.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests of the command line of the standalone simulator. */
class SimulatorMainTest {
  @Test
  void parsesEveryOption() throws Exception {
    SimulatorConfig config = SimulatorMain.parse(new String[] {
      "--port", "8080", "--seed", "7", "--alerts", "200000", "--incidents", "10",
      "--incident-alerts", "11", "--incident-updates", "12", "--api-key", "local-one",
      "--api-key", "local-two", "--rate-limit", "5", "--rate-window-seconds", "2",
      "--latency-ms", "30", "--trailing-cursor"});
    assertEquals(8080, config.port());
    assertEquals(7, config.seed());
    assertEquals(200_000, config.alerts());
    assertEquals(10, config.incidents());
    assertEquals(11, config.incidentAlerts());
    assertEquals(12, config.incidentUpdates());
    assertEquals(Map.of("local-one", "key-1", "local-two", "key-2"), config.apiKeys());
    assertEquals(5, config.rateLimit());
    assertEquals(Duration.ofSeconds(2), config.rateLimitWindow());
    assertEquals(Duration.ofMillis(30), config.latency());
    assertTrue(config.trailingCursorOnFullPage());
  }

  @Test
  void usesTheDefaultsWithoutOptions() throws Exception {
    SimulatorConfig config = SimulatorMain.parse(new String[0]);
    assertEquals(0, config.port());
    assertEquals(Map.of(SimulatorConfig.DEMO_API_KEY, "demo",
        SimulatorConfig.DEMO_KEY_WITHOUT_INCIDENTS_SCOPE, "demo-without-incidents-view"),
        config.apiKeys());
    assertEquals(Map.of(SimulatorConfig.DEMO_KEY_WITHOUT_INCIDENTS_SCOPE, "incidents.view"),
        config.missingScopes());
    assertEquals(1200, config.rateLimit());
    assertEquals(Map.of("/v2/incidents", SimulatorConfig.LIVE_INCIDENTS_LIMIT),
        config.endpointLimits());
  }

  @Test
  void turnsTheRateLimitOffWithZero() throws Exception {
    SimulatorConfig config = SimulatorMain.parse(new String[] {"--rate-limit", "0"});
    assertEquals(Integer.MAX_VALUE, config.rateLimit());
    assertEquals(Map.of(), config.endpointLimits());
  }

  @Test
  void asksForHelpWithHelp() throws Exception {
    assertNull(SimulatorMain.parse(new String[] {"--seed", "3", "--help"}));
    assertTrue(SimulatorMain.USAGE.contains("--alerts N"));
    assertTrue(SimulatorMain.USAGE.contains("--api-key KEY"));
  }

  @Test
  void rejectsUnknownOptionsMissingValuesAndBadNumbers() {
    SimulatorMain.UsageException unknown = assertThrows(SimulatorMain.UsageException.class,
        () -> SimulatorMain.parse(new String[] {"--colour"}));
    assertEquals("Unknown option --colour", unknown.getMessage());
    assertThrows(SimulatorMain.UsageException.class,
        () -> SimulatorMain.parse(new String[] {"--port"}));
    assertThrows(SimulatorMain.UsageException.class,
        () -> SimulatorMain.parse(new String[] {"--alerts", "many"}));
    assertThrows(SimulatorMain.UsageException.class,
        () -> SimulatorMain.parse(new String[] {"--port", "70000"}));
    assertThrows(SimulatorMain.UsageException.class,
        () -> SimulatorMain.parse(new String[] {"--alerts", "-1"}));
  }

  @Test
  void describesTheRunningSimulatorWithoutPrintingKeys() throws Exception {
    SimulatorConfig config = SimulatorMain.parse(new String[] {"--api-key", "local-secret",
        "--alerts", "10", "--incidents", "5", "--incident-alerts", "3", "--incident-updates", "5"});
    try (Simulator sim = Simulator.start(config)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      SimulatorMain.describe(sim, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String text = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains(sim.baseUrl()), text);
      assertTrue(text.contains("10 alerts"), text);
      assertFalse(text.contains("local-secret"), text);
    }
  }
}
