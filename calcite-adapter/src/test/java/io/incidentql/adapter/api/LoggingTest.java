package io.incidentql.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.api.internal.LoggingInterceptor;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Test of the debug log line of an HTTP exchange. */
class LoggingTest {
  @Test
  void logsMethodPathDecodedParametersStatusAndTimeButNoHeaders() throws Exception {
    RecordingLogger log = new RecordingLogger();
    try (MockWebServer server = TestApi.startServer()) {
      server.enqueue(TestApi.json(422, "{}"));
      OkHttpClient http =
          new OkHttpClient.Builder().addInterceptor(new LoggingInterceptor(log)).build();
      Request request =
          new Request.Builder()
              .url(
                  server
                      .url("/v2/alerts")
                      .newBuilder()
                      .addQueryParameter("status[one_of]", "firing")
                      .addQueryParameter("page_size", "50")
                      .build())
              .header("Authorization", "Bearer " + TestApi.KEY)
              .build();
      try (Response response = http.newCall(request).execute()) {
        assertEquals(422, response.code());
      }
      http.connectionPool().evictAll();
    }
    assertEquals(1, log.lines.size());
    String line = log.lines.get(0);
    assertTrue(
        line.matches(
            "DEBUG GET /v2/alerts\\?status\\[one_of]=firing&page_size=50 -> HTTP 422 in \\d+ ms"),
        line);
    assertFalse(line.contains(TestApi.KEY));
    assertFalse(line.contains("Bearer"));
  }

  /** Logger that keeps what it is given, at every level. */
  private static final class RecordingLogger extends LegacyAbstractLogger {
    final List<String> lines = new ArrayList<>();

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable t) {
      lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
