package io.incidentql.adapter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.internal.Json;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cursor over the rows of a paginated list endpoint, fetching one page at a time as the rows of
 * the previous page are consumed.
 *
 * <p>The first page is requested on the first {@link #hasNext()}; each next one repeats the
 * request with its cursor parameter ({@code after}, or the one the request names) set to the
 * previous page's {@code pagination_meta.after}. Paging stops
 * when that cursor is absent, null or empty, or when a page has no rows. Each page is read by the
 * cursor's {@link RowReader} as it is parsed; an item the reader rejects fails when the consumer
 * reaches it. Not thread-safe.
 *
 * <p><b>Checks.</b> The cursor is the one place that checks what a page says about the scan,
 * for every enumerator, and each failed check is an {@link ApiResponseException} rather than a
 * shorter or longer result: a page without a {@code pagination_meta} object, or whose
 * {@code after} is not a string, would end the scan early; a cursor that comes back a second
 * time would loop forever; a row id that comes a second time (a cursor pointing back into
 * earlier pages) would repeat rows; a {@code total_record_count} that is not a count (negative,
 * beyond 64 bits, not an integer) would be a wrong {@code COUNT(*)}.
 *
 * <p><b>Look-ahead.</b> Without it, the next page is requested only once the consumer asks for a
 * row past the current page. With it, once the consumer has asked for the second page (so it is
 * not a query that looks at the first rows and stops), every next page is requested on another
 * thread as soon as the current one arrives, so the API's latency overlaps the reading of the
 * current page. At most one page is in flight beside the one being read. Closing the cursor, a
 * cancel and a timeout abort the page in flight; its rows are never returned nor counted in
 * {@link #requestCount()}, and its errors surface only when the consumer reaches the end of the
 * current page, as they would have without look-ahead.
 */
public final class PageCursor<T> implements Iterator<T>, AutoCloseable {
  private final IncidentIoClient client;
  private final ApiRequest firstRequest;
  private final String itemsField;
  private final ApiCallScope scope;
  private final RowReader<T> reader;
  private final boolean lookAhead;
  /** Whether pages are only read from the response cache, never requested. */
  private final boolean cacheOnly;
  private final Set<String> seenCursors = new HashSet<>();
  private final ScanIds ids = new ScanIds();
  /** Set on close: aborts this cursor's look-ahead call without touching the query's flag. */
  private final AtomicBoolean abandoned = new AtomicBoolean();
  private final ApiCallScope lookAheadScope;

  private ListPage<T> page;
  private int position;
  private String nextAfter;
  private boolean exhausted;
  private boolean closed;
  private int requestCount;
  private JsonNode paginationMeta;
  private ApiRequest pageRequest;
  /** The next page, requested ahead, with the request it answers; null when none is. */
  private CompletableFuture<ListPage<T>> ahead;
  private ApiRequest aheadRequest;

  PageCursor(
      IncidentIoClient client,
      ApiRequest request,
      String itemsField,
      ApiCallScope scope,
      RowReader<T> reader,
      boolean lookAhead,
      boolean cacheOnly) {
    this.client = client;
    this.scope = scope;
    this.firstRequest = request;
    this.itemsField = itemsField;
    this.reader = reader;
    this.lookAhead = lookAhead;
    this.cacheOnly = cacheOnly;
    this.lookAheadScope = scope.orWhen(abandoned);
    String start = request.param(request.cursorParam());
    if (start != null) {
      seenCursors.add(start);
    }
  }

  @Override
  public boolean hasNext() {
    while (page == null || position >= page.size()) {
      if (closed || exhausted) {
        page = null;
        return false;
      }
      fetchNextPage();
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more rows from " + firstRequest);
    }
    return page.item(position++);
  }

  /** Returns how many pages this cursor has requested and read so far. */
  public int requestCount() {
    return requestCount;
  }

  /** Returns the {@code pagination_meta} object of the last page fetched, or null. */
  public JsonNode paginationMeta() {
    return paginationMeta;
  }

  /**
   * Returns the last page's {@code pagination_meta.total_record_count} (sent by
   * {@code /v2/incidents}), or null when absent, null or no page has been fetched; fails with an
   * {@link ApiResponseException} when it is not a count of rows.
   */
  public Long totalRecordCount() {
    JsonNode count = paginationMeta == null ? null : paginationMeta.get("total_record_count");
    if (count == null || count.isNull()) {
      return null;
    }
    if (!count.isIntegralNumber() || !count.canConvertToLong() || count.longValue() < 0) {
      throw ApiResponseException.inconsistent(
          pageRequest,
          "pagination_meta.total_record_count is "
              + Json.describe(count)
              + ", which is not a number of rows (a whole number from 0 to "
              + Long.MAX_VALUE
              + ")");
    }
    return count.longValue();
  }

  /**
   * Returns how many rows of the current page {@link #next()} has still to return, fetching the
   * next page first when the current one is read (or none was fetched yet); 0 at the end.
   */
  public int rowsLeftOnPage() {
    return hasNext() ? page.size() - position : 0;
  }

  /** Returns the id of the row {@link #next()} returned last, or null when it has none. */
  public String id() {
    return page == null || position == 0 ? null : page.id(position - 1);
  }

  /** Returns whether the last page fetched says that another page follows. */
  public boolean hasMorePages() {
    return !exhausted && !closed;
  }

  /** Returns the cursor the last page gave for the next page, or null when none follows. */
  public String nextCursor() {
    return exhausted ? null : nextAfter;
  }

  /**
   * Stops the cursor: no further page is requested, and a page requested ahead is aborted.
   * Closing twice is harmless.
   */
  @Override
  public void close() {
    closed = true;
    page = null;
    abandonAhead();
  }

  private void abandonAhead() {
    if (ahead != null) {
      abandoned.set(true);
      ahead.cancel(false);
      client.cancelCalls(abandoned);
      ahead = null;
      aheadRequest = null;
    }
  }

  /** Returns the request for the page after the current one, failing on a repeated cursor. */
  private ApiRequest nextRequest() {
    if (nextAfter == null) {
      return firstRequest;
    }
    String name = firstRequest.cursorParam();
    ApiRequest request = firstRequest.without(name).with(name, nextAfter);
    // The same cursor twice means the API would send the same pages again and again.
    if (!seenCursors.add(nextAfter)) {
      exhausted = true;
      throw new ApiResponseException(
          "the API returned the same pagination cursor twice (after="
              + nextAfter
              + ") while paging through "
              + firstRequest
              + "; stopping instead of fetching the same pages again",
          request,
          200,
          null);
    }
    return request;
  }

  private void fetchNextPage() {
    ApiRequest request;
    ListPage<T> body;
    if (ahead != null) {
      request = aheadRequest;
      body = await(ahead);
      ahead = null;
      aheadRequest = null;
    } else {
      request = nextRequest();
      body = client.fetchList(request, itemsField, reader, scope, cacheOnly);
    }
    requestCount++;
    if (!body.hasItems()) {
      exhausted = true;
      throw new ApiResponseException(
          "incident.io API sent a response to "
              + request
              + " that does not have the expected shape: expected the field '"
              + itemsField
              + "' to be an array, got "
              + body.describeItems(),
          request,
          200,
          null);
    }
    checkPage(request, body);
    pageRequest = request;
    paginationMeta = body.paginationMeta();
    String after = Json.text(paginationMeta, "after");
    nextAfter = after == null || after.isEmpty() ? null : after;
    if (body.size() == 0 || nextAfter == null) {
      exhausted = true;
    }
    page = body;
    position = 0;
    // From the second page on, the consumer has shown that it reads past the first page.
    if (lookAhead && requestCount >= 2 && !exhausted && !seenCursors.contains(nextAfter)) {
      ApiRequest following = nextRequest();
      ahead = client.fetchListLater(following, itemsField, reader, lookAheadScope);
      if (ahead == null) {
        // The client is closing: the next request is made in turn and fails as it would have.
        seenCursors.remove(nextAfter);
      } else {
        aheadRequest = following;
      }
    }
  }

  /**
   * Fails unless the page has a {@code pagination_meta} object whose {@code after} is absent,
   * null or a string, and rows whose ids this cursor has not seen before.
   */
  private void checkPage(ApiRequest request, ListPage<T> body) {
    JsonNode meta = body.paginationMetaValue();
    String problem = null;
    if (meta == null && firstRequest.param("page_size") == null) {
      // An endpoint that does not page (asked without page_size) sends every row at once.
      problem = null;
    } else if (meta == null || !meta.isObject()) {
      problem = "the page has no pagination_meta object (got " + Json.describe(meta) + ")";
    } else {
      JsonNode after = meta.get("after");
      if (after != null && !after.isNull() && !after.isTextual()) {
        problem = "pagination_meta.after is " + Json.describe(after) + ", not a string";
      }
    }
    if (problem != null) {
      exhausted = true;
      throw ApiResponseException.inconsistent(
          request, problem + ", so whether more pages follow is unknown");
    }
    for (int i = 0; i < body.size(); i++) {
      try {
        ids.add(body.id(i), request, firstRequest);
      } catch (ApiResponseException e) {
        exhausted = true;
        throw e;
      }
    }
  }

  /**
   * Waits for the page requested ahead; its failure is thrown as if it were fetched now. An
   * interrupt of the waiting thread aborts the call and ends the query, as it would have without
   * look-ahead.
   */
  private ListPage<T> await(CompletableFuture<ListPage<T>> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      ApiRequest request = aheadRequest;
      abandonAhead();
      exhausted = true;
      Thread.currentThread().interrupt();
      throw ApiCallScope.interrupted(request, e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (CancellationException e) {
      throw new IllegalStateException("the page requested ahead was cancelled", e);
    }
  }
}
