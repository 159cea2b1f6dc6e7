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
    assertEquals(
        "Running 12.4 s: 7 requests, 1,750 rows read, 3.0 s waiting for the rate limit"
            + " (Ctrl-C cancels)",
        ProgressLine.render(
            new ApiActivity.Snapshot(7, 1750, Duration.ofSeconds(3)), Duration.ofMillis(12_400)));
    assertEquals(
        "Running 0.8 s: 1 request, 0 rows read (Ctrl-C cancels)",
        ProgressLine.render(new ApiActivity.Snapshot(1, 0, Duration.ZERO), Duration.ofMillis(800)));
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
