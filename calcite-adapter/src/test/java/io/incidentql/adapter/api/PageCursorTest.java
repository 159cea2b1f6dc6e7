package io.incidentql.adapter.api;

import static io.incidentql.adapter.api.TestApi.json;
import static io.incidentql.adapter.api.TestApi.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests of lazy paging: when pages are requested, how paging stops, and repeated cursors. */
class PageCursorTest {
  private static final ApiRequest ALERTS = ApiRequest.of("/v2/alerts").with("page_size", "3");

  private MockWebServer server;
  private IncidentIoClient client;

  @BeforeEach
  void start() {
    server = TestApi.startServer();
    client = new IncidentIoClient(TestApi.config(server).build());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static List<String> ids(PageCursor<JsonNode> cursor) {
    List<String> ids = new ArrayList<>();
    while (cursor.hasNext()) {
      ids.add(cursor.next().get("id").asText());
    }
    return ids;
  }

  /** Reads the cursor until it fails, collecting the ids of the rows before the failure. */
  private static ApiResponseException failureAfter(PageCursor<JsonNode> cursor, List<String> seen) {
    return assertThrows(
        ApiResponseException.class,
        () -> {
          while (cursor.hasNext()) {
            seen.add(cursor.next().get("id").asText());
          }
        });
  }

  @Test
  void requestsNothingUntilTheFirstHasNext() throws Exception {
    server.enqueue(page("alerts", List.of("a"), null));
    PageCursor<JsonNode> cursor = client.list(ALERTS, "alerts");
    assertEquals(0, server.getRequestCount());
    assertEquals(0, cursor.requestCount());
    assertTrue(cursor.hasNext());
    assertEquals(1, server.getRequestCount());
    assertEquals("/v2/alerts?page_size=3", server.takeRequest().getTarget());
  }

  @Test
  void requestsTheNextPageOnlyWhenTheRowsOfThePageAreConsumed() throws Exception {
    server.enqueue(page("alerts", List.of("a", "b", "c"), "c"));
    server.enqueue(page("alerts", List.of("d", "e"), null));
    try (PageCursor<JsonNode> cursor = client.list(ALERTS, "alerts")) {
      assertEquals("a", cursor.next().get("id").asText());
      assertEquals("b", cursor.next().get("id").asText());
      assertEquals("c", cursor.next().get("id").asText());
      assertEquals(1, server.getRequestCount());
      assertTrue(cursor.hasNext());
      assertEquals(2, server.getRequestCount());
      assertEquals(2, cursor.requestCount());
      assertEquals("d", cursor.next().get("id").asText());
      assertEquals("e", cursor.next().get("id").asText());
      assertFalse(cursor.hasNext());
      assertFalse(cursor.hasNext());
      assertEquals(2, server.getRequestCount());
    }
    assertEquals("/v2/alerts?page_size=3", server.takeRequest().getTarget());
    assertEquals("/v2/alerts?page_size=3&after=c", server.takeRequest().getTarget());
  }

  @Test
  void replacesTheAfterParameterAndKeepsTheOthers() throws Exception {
    ApiRequest request =
        ApiRequest.of("/v2/incidents")
            .with("mode[one_of]", "standard")
            .with("mode[one_of]", "test")
            .with("after", "start")
            .with("page_size", "2");
    server.enqueue(page("incidents", List.of("a", "b"), "b"));
    server.enqueue(page("incidents", List.of("c"), ""));
    assertEquals(List.of("a", "b", "c"), ids(client.list(request, "incidents")));
    assertEquals(
        "/v2/incidents?mode%5Bone_of%5D=standard&mode%5Bone_of%5D=test&after=start&page_size=2",
        server.takeRequest().getTarget());
    assertEquals(
        "/v2/incidents?mode%5Bone_of%5D=standard&mode%5Bone_of%5D=test&page_size=2&after=b",
        server.takeRequest().getTarget());
  }

  /**
   * Pages through a data set of {@code rows} rows at page size {@code size}, against a server that
   * sends a cursor with every full page (so a last full page costs one more, empty, request) or
   * only while rows remain.
   */
  @ParameterizedTest(name = "{0} rows at page size {1}, cursor on a last full page: {2}")
  @CsvSource({
    "1, 5, false", "2, 5, false", "4, 5, false", "5, 5, false", "6, 5, false", "10, 5, false",
    "1, 5, true", "2, 5, true", "4, 5, true", "5, 5, true", "6, 5, true", "10, 5, true",
    "1, 1, true", "2, 1, false", "0, 5, false", "0, 5, true"
  })
  void returnsEveryRowOnceInOrderWithTheFewestRequests(int rows, int size, boolean cursorOnFullPage)
      throws Exception {
    server.setDispatcher(new PagingDispatcher(rows, cursorOnFullPage));
    ApiRequest request = ApiRequest.of("/v2/alerts").with("page_size", Integer.toString(size));
    PageCursor<JsonNode> cursor = client.list(request, "alerts");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      expected.add(String.format("row%04d", i));
    }
    assertEquals(expected, ids(cursor));
    int pages = (rows + size - 1) / size;
    boolean extraEmptyPage = rows == 0 || (cursorOnFullPage && rows % size == 0);
    int expectedRequests = rows == 0 ? 1 : pages + (extraEmptyPage ? 1 : 0);
    assertEquals(expectedRequests, server.getRequestCount());
    assertEquals(expectedRequests, cursor.requestCount());
  }

  @Test
  void stopsWhenTheCursorIsAbsent() {
    server.enqueue(page("alerts", List.of("a", "b", "c"), null));
    assertEquals(List.of("a", "b", "c"), ids(client.list(ALERTS, "alerts")));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void stopsWhenTheCursorIsEmptyOrNull() {
    server.enqueue(page("alerts", List.of("a"), ""));
    server.enqueue(json(200, "{\"alerts\":[{\"id\":\"b\"}],\"pagination_meta\":{\"after\":null}}"));
    // The same request twice must reach the server both times, past the response cache.
    client.close();
    client = new IncidentIoClient(TestApi.config(server).cacheTtl(Duration.ZERO).build());
    assertEquals(List.of("a"), ids(client.list(ALERTS, "alerts")));
    assertEquals(List.of("b"), ids(client.list(ALERTS, "alerts")));
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|the page has no pagination_meta object (got nothing)",
        ",\"pagination_meta\":null|the page has no pagination_meta object (got null)",
        ",\"pagination_meta\":\"c\"|the page has no pagination_meta object (got the string \"c\")",
        ",\"pagination_meta\":{\"after\":7}|pagination_meta.after is the number 7, not a string",
        ",\"pagination_meta\":{\"after\":{\"id\":\"c\"}}|pagination_meta.after is an object, not a string"
      })
  void failsInsteadOfStoppingWhenAPageDoesNotSayWhetherMoreFollow(String meta, String problem) {
    // An empty first column reads as null: no pagination_meta at all.
    server.enqueue(json(200, "{\"alerts\":[{\"id\":\"a\"}]" + (meta == null ? "" : meta) + "}"));
    server.enqueue(page("alerts", List.of("never"), null));
    ApiResponseException e =
        assertThrows(ApiResponseException.class, () -> ids(client.list(ALERTS, "alerts")));
    assertEquals(
        "incident.io API sent an inconsistent answer to GET /v2/alerts?page_size=3: "
            + problem
            + ", so whether more pages follow is unknown; the query stops rather than return"
            + " rows that may be wrong or missing",
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void failsWhenARowComesAgainThroughACursorThatPointsBack() {
    server.enqueue(page("alerts", List.of("a", "b", "c"), "c"));
    server.enqueue(page("alerts", List.of("d", "e", "f"), "f"));
    // A new cursor, but it leads back to the rows of the first page.
    server.enqueue(page("alerts", List.of("b", "c", "d"), "d2"));
    PageCursor<JsonNode> cursor = client.list(ALERTS, "alerts");
    List<String> seen = new ArrayList<>();
    ApiResponseException e = failureAfter(cursor, seen);
    assertEquals(
        "incident.io API sent an inconsistent answer to GET /v2/alerts?page_size=3&after=f: the"
            + " row with id \"b\" came a second time while paging through"
            + " GET /v2/alerts?page_size=3 (a pagination cursor that points back to rows already"
            + " sent?); the query stops rather than return rows that may be wrong or missing",
        e.getMessage());
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), seen, "no row of the bad page");
    assertEquals(3, server.getRequestCount());
    assertFalse(cursor.hasNext());
  }

  @Test
  void findsARowSentTwiceOnOnePageWhateverTheReader() {
    String body = "{\"alerts\":[{\"id\":\"a\"},{\"x\":1,\"id\":\"a\"}],\"pagination_meta\":{}}";
    server.enqueue(json(200, body));
    server.enqueue(json(200, body));
    assertThrows(ApiResponseException.class, () -> client.list(ALERTS, "alerts").hasNext());
    PageCursor<Boolean> counting =
        client.list(ALERTS, "alerts", ApiCallScope.NONE, RowReader.SKIP, false);
    ApiResponseException e = assertThrows(ApiResponseException.class, counting::hasNext);
    assertTrue(e.getMessage().contains("the row with id \"a\" came a second time"), e.getMessage());
  }

  @Test
  void rowsWithoutAnIdAreNotTakenForRepeats() {
    server.enqueue(
        json(200, "{\"alerts\":[{\"x\":1},{\"id\":null},{\"x\":2}],\"pagination_meta\":{}}"));
    PageCursor<JsonNode> cursor = client.list(ALERTS, "alerts");
    int rows = 0;
    while (cursor.hasNext()) {
      cursor.next();
      rows++;
    }
    assertEquals(3, rows);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-5|the number -5",
        "1000000000000000000000000000000|the number 1000000000000000000000000000000",
        "9223372036854775808|the number 9223372036854775808",
        "12.5|the number 12.5",
        "\"12\"|the string \"12\""
      })
  void failsOnATotalRecordCountThatIsNotACount(String total, String described) {
    server.enqueue(
        json(
            200,
            "{\"incidents\":[{\"id\":\"a\"}],"
                + "\"pagination_meta\":{\"page_size\":1,\"total_record_count\":" + total + "}}"));
    PageCursor<JsonNode> cursor =
        client.list(ApiRequest.of("/v2/incidents").with("page_size", "1"), "incidents");
    assertTrue(cursor.hasNext());
    ApiResponseException e = assertThrows(ApiResponseException.class, cursor::totalRecordCount);
    assertEquals(
        "incident.io API sent an inconsistent answer to GET /v2/incidents?page_size=1:"
            + " pagination_meta.total_record_count is "
            + described
            + ", which is not a number of rows (a whole number from 0 to 9223372036854775807);"
            + " the query stops rather than return rows that may be wrong or missing",
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"0,0", "9223372036854775807,9223372036854775807"})
  void acceptsEveryTotalRecordCountThatFits(String total, long expected) {
    server.enqueue(
        json(200, "{\"incidents\":[],\"pagination_meta\":{\"total_record_count\":" + total + "}}"));
    PageCursor<JsonNode> cursor =
        client.list(ApiRequest.of("/v2/incidents").with("page_size", "1"), "incidents");
    cursor.hasNext();
    assertEquals(expected, cursor.totalRecordCount());
  }

  @Test
  void stopsOnAnEmptyPageEvenIfItHasACursor() {
    server.enqueue(page("alerts", List.of("a", "b", "c"), "c"));
    server.enqueue(page("alerts", List.of(), "z"));
    server.enqueue(page("alerts", List.of("never"), null));
    assertEquals(List.of("a", "b", "c"), ids(client.list(ALERTS, "alerts")));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void failsInsteadOfLoopingWhenACursorRepeats() {
    server.enqueue(page("alerts", List.of("a", "b", "c"), "c"));
    server.enqueue(page("alerts", List.of("d", "e", "f"), "f"));
    server.enqueue(page("alerts", List.of("g", "h", "i"), "f"));
    PageCursor<JsonNode> cursor = client.list(ALERTS, "alerts");
    List<String> seen = new ArrayList<>();
    ApiResponseException e = failureAfter(cursor, seen);
    assertEquals(
        "the API returned the same pagination cursor twice (after=f) while paging through"
            + " GET /v2/alerts?page_size=3; stopping instead of fetching the same pages again",
        e.getMessage());
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), seen);
    assertEquals(3, server.getRequestCount());
    assertFalse(cursor.hasNext());
  }

  @Test
  void failsWhenTheFirstCursorIsTheOneItStartedFrom() {
    server.enqueue(page("alerts", List.of("a"), "start"));
    PageCursor<JsonNode> cursor = client.list(ALERTS.with("after", "start"), "alerts");
    cursor.next();
    assertThrows(ApiResponseException.class, cursor::hasNext);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void exposesTheLastPaginationMeta() {
    server.enqueue(
        json(
            200,
            "{\"incidents\":[{\"id\":\"a\"}],"
                + "\"pagination_meta\":{\"page_size\":1,\"total_record_count\":238}}"));
    PageCursor<JsonNode> cursor = client.list(ApiRequest.of("/v2/incidents").with("page_size", "1"), "incidents");
    assertNull(cursor.paginationMeta());
    assertNull(cursor.totalRecordCount());
    assertTrue(cursor.hasNext());
    assertEquals(238L, cursor.totalRecordCount());
    assertEquals(1, cursor.paginationMeta().get("page_size").asInt());
  }

  @Test
  void closingStopsFetching() {
    server.enqueue(page("alerts", List.of("a", "b", "c"), "c"));
    PageCursor<JsonNode> cursor = client.list(ALERTS, "alerts");
    cursor.next();
    cursor.close();
    assertFalse(cursor.hasNext());
    assertThrows(NoSuchElementException.class, cursor::next);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void failsWhenTheItemsFieldIsNotAnArray() {
    server.enqueue(json(200, "{\"alerts\":{\"id\":\"a\"}}"));
    ApiResponseException e =
        assertThrows(ApiResponseException.class, () -> client.list(ALERTS, "alerts").hasNext());
    assertEquals(
        "incident.io API sent a response to GET /v2/alerts?page_size=3 that does not have the"
            + " expected shape: expected the field 'alerts' to be an array, got an object",
        e.getMessage());
  }

  @Test
  void failsWhenTheItemsFieldIsMissing() {
    server.enqueue(json(200, "{\"incidents\":[]}"));
    ApiResponseException e =
        assertThrows(ApiResponseException.class, () -> client.list(ALERTS, "alerts").hasNext());
    assertTrue(e.getMessage().endsWith("expected the field 'alerts' to be an array, got nothing"));
  }

  @Test
  void keepsUnknownFieldsOfARow() {
    server.enqueue(
        json(
            200,
            "{\"alerts\":[{\"id\":\"a\",\"brand_new\":{\"x\":1}}],\"extra\":true,"
                + "\"pagination_meta\":{}}"));
    JsonNode row = client.list(ALERTS, "alerts").next();
    assertEquals(1, row.get("brand_new").get("x").asInt());
  }

  private PageCursor<JsonNode> lookingAhead() {
    return client.list(ALERTS, "alerts", ApiCallScope.NONE, RowReader.TREE, true);
  }

  @Test
  void looksAheadOnlyOnceTheReaderHasMovedOnToTheSecondPage() throws Exception {
    server.enqueue(page("alerts", List.of("a", "b", "c"), "c"));
    server.enqueue(page("alerts", List.of("d", "e", "f"), "f"));
    server.enqueue(page("alerts", List.of("g"), null));
    try (PageCursor<JsonNode> cursor = lookingAhead()) {
      for (String id : List.of("a", "b", "c")) {
        assertEquals(id, cursor.next().get("id").asText());
      }
      assertEquals(1, server.getRequestCount(), "no page ahead while on the first");
      assertEquals("d", cursor.next().get("id").asText());
      // The third page is requested while the second is read.
      server.takeRequest();
      server.takeRequest();
      RecordedRequest ahead = server.takeRequest(10, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals("/v2/alerts?page_size=3&after=f", ahead.getTarget());
      assertEquals(2, cursor.requestCount(), "a page is counted once it is read");
      List<String> rest = new ArrayList<>();
      while (cursor.hasNext()) {
        rest.add(cursor.next().get("id").asText());
      }
      assertEquals(List.of("e", "f", "g"), rest);
      assertEquals(3, cursor.requestCount());
      assertEquals(3, server.getRequestCount());
    }
  }

  @Test
  void closingAbortsThePageRequestedAheadWithoutWaitingForIt() throws Exception {
    server.enqueue(page("alerts", List.of("a", "b", "c"), "c"));
    server.enqueue(page("alerts", List.of("d", "e", "f"), "f"));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body("{\"alerts\":[{\"id\":\"never\"}]}")
            .bodyDelay(30, java.util.concurrent.TimeUnit.SECONDS)
            .build());
    PageCursor<JsonNode> cursor = lookingAhead();
    for (String id : List.of("a", "b", "c", "d")) {
      assertEquals(id, cursor.next().get("id").asText());
    }
    server.takeRequest();
    server.takeRequest();
    assertTrue(server.takeRequest(10, java.util.concurrent.TimeUnit.SECONDS) != null);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(5), cursor::close);
    assertFalse(cursor.hasNext());
    assertEquals(2, cursor.requestCount());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aRepeatedCursorFailsWhereItWouldWithoutLookAhead() {
    server.enqueue(page("alerts", List.of("a", "b", "c"), "c"));
    server.enqueue(page("alerts", List.of("d", "e", "f"), "c"));
    PageCursor<JsonNode> cursor = lookingAhead();
    List<String> seen = new ArrayList<>();
    ApiResponseException e =
        assertThrows(
            ApiResponseException.class,
            () -> {
              while (cursor.hasNext()) {
                seen.add(cursor.next().get("id").asText());
              }
            });
    assertTrue(e.getMessage().startsWith("the API returned the same pagination cursor twice"),
        e.getMessage());
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), seen);
    assertEquals(2, server.getRequestCount());
  }

  /** Dispatcher that serves a data set of rows page by page, as the API does. */
  private static final class PagingDispatcher extends Dispatcher {
    private final int rows;
    private final boolean cursorOnFullPage;

    PagingDispatcher(int rows, boolean cursorOnFullPage) {
      this.rows = rows;
      this.cursorOnFullPage = cursorOnFullPage;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      int size = Integer.parseInt(request.getUrl().queryParameter("page_size"));
      String after = request.getUrl().queryParameter("after");
      int from = after == null ? 0 : Integer.parseInt(after.substring(3)) + 1;
      List<String> ids = new ArrayList<>();
      for (int i = from; i < Math.min(rows, from + size); i++) {
        ids.add(String.format("row%04d", i));
      }
      boolean more = from + size < rows;
      boolean full = ids.size() == size;
      String cursor = (more || (full && cursorOnFullPage)) ? ids.get(ids.size() - 1) : null;
      return page("alerts", ids, cursor);
    }
  }
}
