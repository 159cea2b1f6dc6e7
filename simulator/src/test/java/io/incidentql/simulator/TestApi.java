package io.incidentql.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Test client that calls a running simulator over HTTP/1.1 and reads JSON answers. */
final class TestApi {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = SimulatorConfig.DEMO_API_KEY;

  private final Simulator sim;
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  TestApi(Simulator sim) {
    this.sim = sim;
  }

  /** One answer: status, parsed body (null if not JSON), raw body and headers. */
  record Answer(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {}

  /** Builds an encoded query string from name/value pairs: q("status[one_of]", "firing"). */
  static String q(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      out.append(out.length() == 0 ? "?" : "&")
          .append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  Answer get(String pathAndQuery) {
    return get(pathAndQuery, "Bearer " + KEY);
  }

  /** GET with the given Authorization header value; null sends none. */
  Answer get(String pathAndQuery, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
        .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode body = null;
      try {
        body = JSON.readTree(response.body());
      } catch (IOException notJson) {
        // Left null: some faults send HTML or truncated JSON on purpose.
      }
      return new Answer(response.statusCode(), body, response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET that must answer 200. */
  JsonNode ok(String pathAndQuery) {
    Answer a = get(pathAndQuery);
    assertEquals(200, a.status(), () -> pathAndQuery + " -> " + a.raw());
    return a.body();
  }

  /** Result of following the cursor to the end. */
  record Walk(List<JsonNode> rows, List<JsonNode> pages) {
    List<String> ids() {
      return TestApi.ids(rows);
    }
  }

  /**
   * Follows {@code pagination_meta.after} from the first page until it is absent, checking that
   * every page echoes the page size and that no cursor repeats.
   */
  Walk walk(String path, String itemsName, String query, int pageSize) {
    List<JsonNode> rows = new ArrayList<>();
    List<JsonNode> pages = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    String after = null;
    do {
      String sep = query.isEmpty() ? "?" : "&";
      String url = path + query + sep + "page_size=" + pageSize
          + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
      JsonNode page = ok(url);
      pages.add(page);
      page.get(itemsName).forEach(rows::add);
      JsonNode meta = page.get("pagination_meta");
      assertEquals(pageSize, meta.get("page_size").asInt(), url);
      assertTrue(page.get(itemsName).size() <= pageSize, url);
      after = meta.has("after") ? meta.get("after").asText() : null;
      if (after != null && !cursors.add(after)) {
        fail("cursor repeated: " + after);
      }
      if (pages.size() > 10_000) {
        fail("too many pages");
      }
    } while (after != null);
    return new Walk(rows, pages);
  }

  /** The names of an object's properties. */
  static Set<String> fieldNames(JsonNode node) {
    Set<String> out = new HashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /**
   * Follows {@code pagination_meta.after} asking for {@code asked} objects a page, and checks
   * that every page holds and announces at most {@code served}: for a simulator told to serve
   * fewer than asked.
   */
  Walk walkServed(String path, String itemsName, String query, int asked, int served) {
    List<JsonNode> rows = new ArrayList<>();
    List<JsonNode> pages = new ArrayList<>();
    String after = null;
    do {
      JsonNode page = ok(path + query + (query.isEmpty() ? "?" : "&") + "page_size=" + asked
          + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
      pages.add(page);
      page.get(itemsName).forEach(rows::add);
      assertEquals(served, page.get("pagination_meta").get("page_size").asInt());
      assertTrue(page.get(itemsName).size() <= served);
      after = page.get("pagination_meta").path("after").asText(null);
      assertTrue(pages.size() <= 10_000, "too many pages");
    } while (after != null);
    return new Walk(rows, pages);
  }

  static List<String> ids(List<? extends JsonNode> rows) {
    return rows.stream().map(r -> r.get("id").asText()).collect(Collectors.toList());
  }

  static <T extends JsonNode> List<String> expectedIds(List<T> rows, Predicate<JsonNode> keep) {
    return rows.stream().filter(keep).map(r -> r.get("id").asText()).collect(Collectors.toList());
  }

  /** Checks the documented error shape and returns the first error item. */
  static JsonNode assertError(Answer a, int status, String type) {
    assertEquals(status, a.status(), a.raw());
    JsonNode body = a.body();
    assertEquals(type, body.get("type").asText(), a.raw());
    assertEquals(status, body.get("status").asInt());
    UUID.fromString(body.get("request_id").asText());
    assertTrue(body.get("errors").isArray() && body.get("errors").size() >= 1, a.raw());
    JsonNode error = body.get("errors").get(0);
    assertFalse(error.get("code").asText().isEmpty());
    assertFalse(error.get("message").asText().isEmpty());
    return error;
  }

  /** Checks a 422 whose error points at query parameter {@code field}; returns its code. */
  static String assertValidationError(Answer a, String field) {
    JsonNode error = assertError(a, 422, "validation_error");
    assertEquals(field, error.path("source").path("field").asText(), a.raw());
    return error.get("code").asText();
  }
}
