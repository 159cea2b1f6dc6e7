package io.incidentql.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Hostile server for tests: a proxy on 127.0.0.1 in front of a simulator that alters the
 * requests it forwards and the JSON answers it returns, as a misbehaving API or proxy would.
 */
final class TamperingProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDENTITY = "/v1/identity";

  /** How a request is changed before it is forwarded: returns the URL to ask upstream. */
  @FunctionalInterface
  interface RequestTamper {
    HttpUrl rewrite(HttpUrl upstream);
  }

  /** How an answer's text is changed, for what a JSON tree cannot hold (1e400, a key twice). */
  @FunctionalInterface
  interface TextTamper {
    String alter(HttpUrl request, String body);
  }

  /** How an answer is changed: the proxy sends what the body becomes. */
  @FunctionalInterface
  interface BodyTamper {
    void alter(HttpUrl request, int status, ObjectNode body);
  }

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient();
  private final HttpUrl upstream;
  private final List<String> targets = Collections.synchronizedList(new ArrayList<>());
  private volatile RequestTamper requests = url -> url;
  private volatile BodyTamper bodies = (url, status, body) -> {};
  private volatile TextTamper texts = (url, text) -> text;

  TamperingProxy(String upstreamBaseUrl) {
    this.upstream = HttpUrl.get(upstreamBaseUrl);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return forward(request);
          }
        });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return server.url("/").toString();
  }

  void onRequests(RequestTamper tamper) {
    this.requests = tamper;
  }

  void onBodies(BodyTamper tamper) {
    this.bodies = tamper;
  }

  void onTexts(TextTamper tamper) {
    this.texts = tamper;
  }

  /**
   * The path and query of every request received, decoded, in order; without the key check each
   * new connection makes, so that what is left is what the queries asked for.
   */
  List<String> received() {
    synchronized (targets) {
      return targets.stream().filter(t -> !t.equals(IDENTITY)).toList();
    }
  }

  private MockResponse forward(RecordedRequest request) {
    HttpUrl asked = request.getUrl();
    targets.add(decoded(asked));
    // The key check a connection makes is passed on as it is: the cases tamper with queries.
    boolean keyCheck = asked.encodedPath().equals(IDENTITY);
    HttpUrl url =
        upstream.newBuilder()
            .encodedPath(asked.encodedPath())
            .encodedQuery(asked.encodedQuery())
            .build();
    url = keyCheck ? url : requests.rewrite(url);
    Request.Builder out = new Request.Builder().url(url);
    String auth = request.getHeaders().get("Authorization");
    if (auth != null) {
      out.header("Authorization", auth);
    }
    try (Response response = http.newCall(out.build()).execute()) {
      String text = response.body().string();
      JsonNode body = JSON.readTree(text);
      if (body instanceof ObjectNode object && !keyCheck) {
        bodies.alter(asked, response.code(), object);
        text = texts.alter(asked, JSON.writeValueAsString(object));
      }
      return new MockResponse.Builder()
          .code(response.code())
          .setHeader("Content-Type", "application/json")
          .body(text)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String decoded(HttpUrl url) {
    StringBuilder s = new StringBuilder(url.encodedPath());
    for (int i = 0; i < url.querySize(); i++) {
      s.append(i == 0 ? '?' : '&').append(url.queryParameterName(i)).append('=')
          .append(url.queryParameterValue(i));
    }
    return s.toString();
  }

  @Override
  public void close() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
