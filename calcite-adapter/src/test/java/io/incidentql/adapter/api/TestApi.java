package io.incidentql.adapter.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Helpers shared by the client tests: a loopback server, canned responses, a fake sleeper. */
final class TestApi {
  static final String KEY = "test-key-not-real-0123456789";

  /** The local clock of the tests; deliberately far from any Date header the server sends. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

  private TestApi() {}

  static MockWebServer startServer() {
    MockWebServer server = new MockWebServer();
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  static ApiConfig.Builder config(MockWebServer server) {
    return ApiConfig.builder().baseUrl(server.url("/").toString()).apiKey(KEY);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** A list page whose rows are {@code {"id": "<id>"}}; a null cursor leaves {@code after} out. */
  static MockResponse page(String itemsField, List<String> ids, String after) {
    StringBuilder sb = new StringBuilder("{\"").append(itemsField).append("\":[");
    for (int i = 0; i < ids.size(); i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids.get(i)).append("\"}");
    }
    sb.append("],\"pagination_meta\":{");
    if (after != null) {
      sb.append("\"after\":\"").append(after).append("\",");
    }
    sb.append("\"page_size\":").append(Math.max(ids.size(), 1)).append("}}");
    return json(200, sb.toString());
  }

  /** Sleeper that records the waits instead of sleeping. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }
  }
}
