package io.incidentql.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point that runs a simulator until the process is stopped.
 *
 * <pre>
 * java -jar incidentql-simulator-VERSION-standalone.jar --port 8080 --seed 1 --alerts 200000
 * </pre>
 */
public final class SimulatorMain {
  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -jar incidentql-simulator-<version>-standalone.jar [options]",
      "",
      "Serves a local stand-in for api.incident.io on http://127.0.0.1:PORT until stopped.",
      "",
      "Options:",
      "  --port N                 port to bind on 127.0.0.1 (default 0: a free port)",
      "  --seed N                 seed of the generated data (default 1)",
      "  --alerts N               number of alerts (default 2000)",
      "  --incidents N            number of incidents (default 1000)",
      "  --incident-alerts N      number of incident alerts (default 1500)",
      "  --incident-updates N     number of incident updates (default 4000)",
      "  --api-key KEY            accept KEY as a bearer token; repeatable; replaces the",
      "                           default demo keys \"" + SimulatorConfig.DEMO_API_KEY + "\" and",
      "                           \"" + SimulatorConfig.DEMO_KEY_WITHOUT_INCIDENTS_SCOPE
          + "\" (lacks incidents.view)",
      "  --rate-limit N           requests per window per key (default 1200; 0: unlimited,",
      "                           also on /v2/incidents, otherwise held to 60 a minute)",
      "  --rate-window-seconds S  length of the rate-limit window (default 60)",
      "  --latency-ms N           delay before every response (default 0)",
      "  --trailing-cursor        give pagination_meta.after on every full page",
      "  --help                   print this text and exit");

  private static final Set<String> VALUED_OPTIONS = Set.of("--port", "--seed", "--alerts",
      "--incidents", "--incident-alerts", "--incident-updates", "--api-key", "--rate-limit",
      "--rate-window-seconds", "--latency-ms");

  private SimulatorMain() {}

  /** Signals a command line that cannot be run. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    SimulatorConfig config;
    try {
      config = parse(args);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (config == null) {
      System.out.println(USAGE);
      return;
    }
    Simulator sim = Simulator.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      stopped.countDown();
    }, "simulator-shutdown"));
    describe(sim, System.out);
    stopped.await();
  }

  static void describe(Simulator sim, PrintStream out) {
    SimulatorConfig c = sim.config();
    out.println("IncidentQL simulator listening on " + sim.baseUrl());
    out.println("  data: seed " + c.seed() + ", " + c.alerts() + " alerts, " + c.incidents()
        + " incidents, " + c.incidentAlerts() + " incident alerts, " + c.incidentUpdates()
        + " incident updates");
    out.println("  keys: " + c.apiKeys().size() + " accepted"
        + (c.apiKeys().containsKey(SimulatorConfig.DEMO_API_KEY)
            ? " (Authorization: Bearer " + SimulatorConfig.DEMO_API_KEY + ")" : ""));
    out.println("  rate limit: " + (c.rateLimit() == Integer.MAX_VALUE ? "none"
        : c.rateLimit() + " per " + c.rateLimitWindow().toSeconds() + " s per key"));
    c.endpointLimits().forEach((path, limit) -> out.println("  rate limit of " + path + ": "
        + limit.limit() + " per " + limit.window().toSeconds() + " s per key"));
    if (c.missingScopes().containsKey(SimulatorConfig.DEMO_KEY_WITHOUT_INCIDENTS_SCOPE)) {
      out.println("  key " + SimulatorConfig.DEMO_KEY_WITHOUT_INCIDENTS_SCOPE
          + " lacks the incidents.view scope (403 on incidents)");
    }
    out.println("Stop with Ctrl-C.");
  }

  /** Parses the command line; returns null when {@code --help} was asked for. */
  static SimulatorConfig parse(String[] args) throws UsageException {
    SimulatorConfig.Builder b = SimulatorConfig.builder();
    int rateLimit = 1_200;
    long windowSeconds = 60;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        return null;
      }
      if (option.equals("--trailing-cursor")) {
        b.trailingCursorOnFullPage(true);
        continue;
      }
      if (!VALUED_OPTIONS.contains(option)) {
        throw new UsageException("Unknown option " + option);
      }
      if (i + 1 >= args.length) {
        throw new UsageException("Missing value after " + option);
      }
      String value = args[++i];
      try {
        switch (option) {
          case "--port":
            b.port(Integer.parseInt(value));
            break;
          case "--seed":
            b.seed(Long.parseLong(value));
            break;
          case "--alerts":
            b.alerts(Integer.parseInt(value));
            break;
          case "--incidents":
            b.incidents(Integer.parseInt(value));
            break;
          case "--incident-alerts":
            b.incidentAlerts(Integer.parseInt(value));
            break;
          case "--incident-updates":
            b.incidentUpdates(Integer.parseInt(value));
            break;
          case "--api-key":
            b.apiKey(value);
            break;
          case "--rate-limit":
            rateLimit = Integer.parseInt(value);
            if (rateLimit < 0) {
              throw new UsageException("--rate-limit must not be negative");
            }
            break;
          case "--rate-window-seconds":
            windowSeconds = Long.parseLong(value);
            if (windowSeconds < 1) {
              throw new UsageException("--rate-window-seconds must be at least 1");
            }
            break;
          case "--latency-ms":
            b.latency(Duration.ofMillis(Long.parseLong(value)));
            break;
          default:
            throw new UsageException("Unknown option " + option);
        }
      } catch (NumberFormatException e) {
        throw new UsageException("Not a number after " + option + ": " + value);
      } catch (IllegalArgumentException e) {
        throw new UsageException(option + ": " + e.getMessage());
      }
    }
    if (rateLimit == 0) {
      b.unlimitedRate();
    } else {
      b.rateLimit(rateLimit, Duration.ofSeconds(windowSeconds));
    }
    return b.build();
  }
}
