package io.incidentql.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incidentql.adapter.api.ApiActivity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tests of the status line's text and of its drawing and erasing. */
class ProgressLineTest {

  @Test
  void theLineSaysRequestsRowsAndRateLimitWaiting() {
    assertLine(
        "Running 12.4 s: 7 requests, 1,750 rows read, 3.0 s waiting for the rate limit"
            + " (Ctrl-C cancels)",
        new ApiActivity.Snapshot(7, 1750, 0, 0, Duration.ofSeconds(3)), 12_400);
    assertLine(
        "Running 0.8 s: 1 request, 0 rows read (Ctrl-C cancels)",
        new ApiActivity.Snapshot(1, 0, 0, 0, Duration.ZERO), 800);
  }

  @Test
  void answersFromTheCacheAreShownApartOnlyWhenThereAreAny() {
    assertLine(
        "Running 1.5 s: 2 requests, 100 rows read, 3,000 rows from 5 cached answers,"
            + " 0.5 s waiting for the rate limit (Ctrl-C cancels)",
        new ApiActivity.Snapshot(2, 100, 5, 3000, Duration.ofMillis(500)), 1_500);
    assertLine(
        "Running 0.9 s: 0 requests, 0 rows read, 1 row from 1 cached answer (Ctrl-C cancels)",
        new ApiActivity.Snapshot(0, 0, 1, 1, Duration.ZERO), 900);
  }

  private static void assertLine(String expected, ApiActivity.Snapshot s, long elapsedMillis) {
    assertEquals(expected, ProgressLine.render(s, Duration.ofMillis(elapsedMillis)));
  }

  @Test
  void aDrawnLineIsErasedOnStopAndAnUndrawnOneLeavesNoTrace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressLine quick = new ProgressLine(new ApiActivity(), out);
    quick.stop();
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "a quick statement draws nothing");

    ProgressLine slow = new ProgressLine(new ApiActivity(), out);
    slow.draw();
    slow.stop();
    slow.draw(); // a redraw already scheduled when the result arrived draws nothing
    String written = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(ProgressLine.ERASE, written.substring(0, ProgressLine.ERASE.length()));
    assertEquals(
        ProgressLine.ERASE, written.substring(written.length() - ProgressLine.ERASE.length()));
    assertEquals(2, written.split("\u001b\\[K", -1).length - 1, written);
  }
}
