package io.incidentql.adapter.api.internal;

import io.incidentql.adapter.api.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Call;

/**
 * Pause of an HTTP call between two attempts (a backoff, a 429's wait, the request budget) that
 * ends as soon as the call is cancelled, as OkHttp ends a call: with an {@link IOException}.
 */
final class CallWaits {
  private CallWaits() {}

  /**
   * Waits {@code wait} with {@code sleeper}, unless {@code call} is cancelled first; {@code doing}
   * names the wait in the message of an interrupt ("backing off").
   *
   * @throws InterruptedIOException if the thread is interrupted (its flag is set again)
   * @throws IOException "Canceled" if the call is cancelled, or its timeout passes, meanwhile
   */
  static void pause(Sleeper sleeper, Call call, Duration wait, String doing) throws IOException {
    boolean stopped;
    try {
      stopped = sleeper.sleep(wait, call::isCanceled);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while " + doing);
      io.initCause(e);
      throw io;
    }
    if (stopped) {
      throw new IOException("Canceled");
    }
  }
}
