package io.incidentql.adapter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.internal.Json;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Cursor over the rows of a paginated list endpoint, fetching one page at a time and only when
 * the rows of the previous page have been consumed.
 *
 * <p>The first page is requested on the first {@link #hasNext()}; each next one repeats the
 * request with {@code after} set to the previous page's {@code pagination_meta.after}. Paging stops
 * when that cursor is absent or empty, or when a page has no rows. A cursor that comes back a
 * second time would loop forever, so it fails with an {@link ApiResponseException} instead.
 * Only one page is held in memory. Not thread-safe.
 */
public final class PageCursor implements Iterator<JsonNode>, AutoCloseable {
  private final IncidentIoClient client;
  private final ApiRequest firstRequest;
  private final String itemsField;
  private final ApiCallScope scope;
  private final Set<String> seenCursors = new HashSet<>();

  private Iterator<JsonNode> page;
  private String nextAfter;
  private boolean exhausted;
  private boolean closed;
  private int requestCount;
  private JsonNode paginationMeta;

  PageCursor(IncidentIoClient client, ApiRequest request, String itemsField, ApiCallScope scope) {
    this.client = client;
    this.scope = scope;
    this.firstRequest = request;
    this.itemsField = itemsField;
    String start = request.param("after");
    if (start != null) {
      seenCursors.add(start);
    }
  }

  @Override
  public boolean hasNext() {
    while (page == null || !page.hasNext()) {
      if (closed || exhausted) {
        page = null;
        return false;
      }
      fetchNextPage();
    }
    return true;
  }

  @Override
  public JsonNode next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more rows from " + firstRequest);
    }
    return page.next();
  }

  /** Returns how many pages this cursor has requested so far. */
  public int requestCount() {
    return requestCount;
  }

  /** Returns the {@code pagination_meta} object of the last page fetched, or null. */
  public JsonNode paginationMeta() {
    return paginationMeta;
  }

  /**
   * Returns the last page's {@code pagination_meta.total_record_count} (sent by
   * {@code /v2/incidents}), or null when absent or no page has been fetched.
   */
  public Long totalRecordCount() {
    JsonNode count = paginationMeta == null ? null : paginationMeta.get("total_record_count");
    return count != null && count.isIntegralNumber() ? count.longValue() : null;
  }

  /** Stops the cursor: no further page is requested. Closing twice is harmless. */
  @Override
  public void close() {
    closed = true;
    page = null;
  }

  private void fetchNextPage() {
    ApiRequest request = firstRequest;
    if (nextAfter != null) {
      // The same cursor twice means the API would send the same pages again and again.
      if (!seenCursors.add(nextAfter)) {
        exhausted = true;
        throw new ApiResponseException(
            "the API returned the same pagination cursor twice (after="
                + nextAfter
                + ") while paging through "
                + firstRequest
                + "; stopping instead of fetching the same pages again",
            request.without("after").with("after", nextAfter),
            200,
            null);
      }
      request = firstRequest.without("after").with("after", nextAfter);
    }
    requestCount++;
    JsonNode body = client.fetchPage(request, scope);
    JsonNode items = body.get(itemsField);
    if (items == null || !items.isArray()) {
      exhausted = true;
      throw new ApiResponseException(
          "incident.io API sent a response to "
              + request
              + " that does not have the expected shape: expected the field '"
              + itemsField
              + "' to be an array, got "
              + Json.describe(items),
          request,
          200,
          null);
    }
    JsonNode meta = body.get("pagination_meta");
    paginationMeta = meta != null && meta.isObject() ? meta : null;
    String after = Json.text(paginationMeta, "after");
    nextAfter = after == null || after.isEmpty() ? null : after;
    if (items.isEmpty() || nextAfter == null) {
      exhausted = true;
    }
    page = items.iterator();
  }
}
