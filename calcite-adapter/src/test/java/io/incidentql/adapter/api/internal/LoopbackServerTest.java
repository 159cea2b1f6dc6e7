package io.incidentql.adapter.api.internal;

import java.io.IOException;
import java.net.InetAddress;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the interceptor tests: a fresh server on 127.0.0.1 for each test. */
abstract class LoopbackServerTest {
  protected MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}
