package io.incidentql.adapter.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tests of the conversion of timeouts to the whole milliseconds OkHttp takes. */
class DurationsTest {
  @Test
  void aTimeoutBelowAMillisecondDoesNotBecomeNoTimeout() {
    // To OkHttp, 0 means no timeout at all.
    assertEquals(1, Durations.toMillisRoundedUp(Duration.ofNanos(400_000)));
    assertEquals(1, Durations.toMillisRoundedUp(Duration.ofNanos(1)));
  }

  @Test
  void wholeMillisecondsStayAndPartsRoundUp() {
    assertEquals(0, Durations.toMillisRoundedUp(Duration.ZERO));
    assertEquals(30_000, Durations.toMillisRoundedUp(Duration.ofSeconds(30)));
    assertEquals(2, Durations.toMillisRoundedUp(Duration.ofMillis(1).plusNanos(1)));
  }
}
