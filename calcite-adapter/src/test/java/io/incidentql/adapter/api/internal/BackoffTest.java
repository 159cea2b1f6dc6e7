package io.incidentql.adapter.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of the one backoff schedule that every retry of the client follows. */
class BackoffTest {
  private static List<Duration> steps(Backoff backoff, int n) {
    List<Duration> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(backoff.step(i));
    }
    return out;
  }

  @Test
  void doublesEachStepUpToThirtySeconds() {
    assertEquals(
        List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L),
        steps(new Backoff(Duration.ofSeconds(1)), 7).stream().map(Duration::toSeconds).toList());
  }

  @Test
  void aFirstStepAboveTheCapIsCut() {
    assertEquals(Backoff.MAX_STEP, new Backoff(Duration.ofMinutes(5)).step(0));
  }

  @Test
  void aFirstStepOfZeroRetriesAtOnce() {
    assertEquals(List.of(Duration.ZERO, Duration.ZERO), steps(new Backoff(Duration.ZERO), 2));
  }

  @Test
  void aLateRetryNeitherOverflowsNorPassesTheCap() {
    assertEquals(Backoff.MAX_STEP, new Backoff(Duration.ofMillis(1)).step(Integer.MAX_VALUE));
  }

  @Test
  void equalJitterKeepsHalfOfTheStepAndRandomisesTheRest() {
    Backoff backoff = new Backoff(Duration.ofMillis(500));
    assertEquals(Duration.ofMillis(500), backoff.jittered(1, 0.0));
    assertEquals(Duration.ofMillis(750), backoff.jittered(1, 0.5));
    assertEquals(Duration.ofSeconds(15), backoff.jittered(20, 0.0));
    Duration most = backoff.jittered(20, 0.9999);
    assertTrue(
        most.compareTo(Duration.ofMillis(29_990)) > 0 && most.compareTo(Backoff.MAX_STEP) < 0,
        most.toString());
  }
}
