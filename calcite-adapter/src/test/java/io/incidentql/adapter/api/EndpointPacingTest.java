package io.incidentql.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.LoggedRequest;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Tests of pacing each endpoint by the limit its responses announce, against a simulator that
 * holds {@code /v2/incidents} to 60 requests a minute, as the live API does. Time is fake: the
 * client's sleeper moves the clock both sides read, so two minutes of pacing take milliseconds.
 */
class EndpointPacingTest {
  private static final Instant START = Instant.parse("2026-01-05T09:00:00.123Z");

  /** A clock that stands still until a sleeper moves it. */
  static final class FakeTime extends Clock {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return START.plusNanos(nanos.get());
    }

    long nanoTime() {
      return nanos.get();
    }

    /** A sleeper that moves this clock by each wait instead of waiting. */
    Sleeper sleeper() {
      return d -> nanos.addAndGet(d.toNanos());
    }
  }

  private static IncidentIoClient client(Simulator sim, String key, FakeTime time) {
    ApiConfig config =
        ApiConfig.builder()
            .baseUrl(sim.baseUrl())
            .apiKey(key)
            // A 429 would fail the call: only pacing may avoid one.
            .maxRateLimitRetries(0)
            .build();
    return new IncidentIoClient(config, time, time.sleeper(), time::nanoTime);
  }

  /** A simulator with the live budgets, on the fake clock, accepting {@code key}. */
  private static Simulator simulator(String key, FakeTime time) {
    return Simulator.start(
        SimulatorConfig.builder().scale(10, 20, 5, 5).apiKey(key).clock(time).build());
  }

  private static long refused(Simulator sim) {
    return sim.requestLog().requests().stream().filter(r -> r.status() == 429).count();
  }

  @Test
  void oneHundredTwentyIncidentRequestsInARowMeetNoTooManyRequests() {
    FakeTime time = new FakeTime();
    String key = "test-key-not-real-pacing-1";
    try (Simulator sim = simulator(key, time);
        IncidentIoClient client = client(sim, key, time)) {
      for (int i = 0; i < 120; i++) {
        client.fetchPage(ApiRequest.of("/v2/incidents").with("page_size", "25"));
      }
      List<LoggedRequest> log = sim.requestLog().requests();
      assertEquals(120, log.size());
      assertEquals(0, refused(sim));
      // 120 requests at 60 a minute take a minute at least beyond the first window's budget.
      Duration spent = Duration.ofNanos(time.nanoTime());
      assertTrue(spent.compareTo(Duration.ofSeconds(60)) > 0, "paced for " + spent);
      assertTrue(spent.compareTo(Duration.ofSeconds(130)) < 0, "paced for " + spent);
    }
  }

  @Test
  void otherEndpointsKeepTheKeyWideBudget() {
    FakeTime time = new FakeTime();
    String key = "test-key-not-real-pacing-2";
    try (Simulator sim = simulator(key, time);
        IncidentIoClient client = client(sim, key, time)) {
      for (int i = 0; i < 5; i++) {
        client.fetchPage(ApiRequest.of("/v2/incidents").with("page_size", "25"));
      }
      long afterIncidents = time.nanoTime();
      for (int i = 0; i < 50; i++) {
        client.fetchPage(ApiRequest.of("/v2/incident_updates").with("page_size", "25"));
      }
      // 50 requests within the key's 1,200 a minute: a burst of 60, then 19 a second.
      Duration spent = Duration.ofNanos(time.nanoTime() - afterIncidents);
      assertTrue(spent.compareTo(Duration.ofSeconds(1)) < 0, "paced for " + spent);
      assertEquals(0, refused(sim));
    }
  }
}
