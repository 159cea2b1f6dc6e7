package io.incidentql.adapter.api;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.internal.Durations;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.api.internal.LookAheadPool;
import io.incidentql.adapter.api.internal.RateLimitState;
import io.incidentql.adapter.api.internal.ResponseCache;
import io.incidentql.adapter.api.internal.ResponseSizeInterceptor.ResponseTooLargeException;
import io.incidentql.adapter.api.internal.RetryState;
import io.incidentql.adapter.api.internal.Secrets;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Client of the incident.io REST API: one per JDBC connection, holding one HTTP client and its
 * connection pool.
 *
 * <p>Cross-cutting concerns (retries, rate limits, request budgets, authentication, logging) are
 * interceptors of its HTTP client, put together by {@link IncidentIoHttp}. Every failure is an
 * {@link ApiException}, worded by {@link ApiFailures}. The client is thread-safe; the cursors it
 * returns are not.
 *
 * <p>Calls made within an {@link ApiCallScope} honour its deadline and cancel flag; {@link
 * #cancelFlaggedCalls()} aborts, from any thread, the calls in flight whose flag is set. Each call
 * runs on a thread of the client while the caller waits for it, so that interrupting the caller
 * aborts the call too (OkHttp's own blocking reads do not notice an interrupt). {@link #close()}
 * aborts every call in flight and refuses new ones: nothing is sent after it.
 *
 * <p>It is over 400 lines because every way of calling the API (a page now or ahead, one object,
 * cached or fresh) goes through its one call path, with the registry of calls in flight that
 * cancel and close abort; split, each part would need that registry from the others.
 */
public final class IncidentIoClient implements AutoCloseable {
  /** Reads a response's object as a tree. */
  private static final BodyReader<JsonNode> TREE = (p, body) -> Json.readValue(p);

  private final ApiConfig config;
  private final OkHttpClient http;
  private final ApiFailures failures;
  private final Map<Call, ApiCallScope> inFlight = new ConcurrentHashMap<>();
  private final LookAheadPool lookAheadPool = new LookAheadPool();
  private final ApiActivity activity = new ApiActivity();
  private final ResponseCache cache;
  private volatile boolean closed;

  /** Creates a client that uses the system clock and really sleeps during waits. */
  public IncidentIoClient(ApiConfig config) {
    this(config, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /**
   * Creates a client with the given clock and sleeper for waits (rate limit, backoff, budget);
   * tests pass fakes to observe a wait without spending it.
   */
  public IncidentIoClient(ApiConfig config, Clock clock, Sleeper sleeper) {
    this(config, clock, sleeper, System::nanoTime);
  }

  /**
   * Creates a client as {@link #IncidentIoClient(ApiConfig, Clock, Sleeper)} whose request
   * budgets, when first created in this JVM, measure time with {@code nanoTime}; tests pass one
   * that their sleeper advances.
   */
  public IncidentIoClient(ApiConfig config, Clock clock, Sleeper sleeper, LongSupplier nanoTime) {
    this.config = Objects.requireNonNull(config, "config");
    this.failures = new ApiFailures(config);
    this.http = IncidentIoHttp.build(config, clock, sleeper, nanoTime, activity);
    this.cache =
        ResponseCache.acquire(config.baseUrl(), config.apiKey(), config.cacheMaxBytes(), nanoTime);
    // From here on, the driver's error boundary and log lines know this key and remove it.
    Secrets.register(config.apiKey());
  }

  public ApiConfig config() {
    return config;
  }

  /**
   * Returns the response cache this client shares with every client of the JVM that uses the
   * same key and base URL.
   */
  public ResponseCache cache() {
    return cache;
  }

  /**
   * Returns the running totals of this client's requests, rows received, answers read from the
   * response cache and rate-limit waits.
   */
  public ApiActivity activity() {
    return activity;
  }

  /**
   * Returns a lazy cursor over the objects in the {@code itemsField} array of a list endpoint,
   * following {@code pagination_meta.after} from page to page. Nothing is requested until the
   * cursor's first {@code hasNext()}.
   */
  public PageCursor<JsonNode> list(ApiRequest request, String itemsField) {
    return list(request, itemsField, ApiCallScope.NONE);
  }

  /** Returns a lazy cursor as {@link #list(ApiRequest, String)} whose calls honour {@code scope}. */
  public PageCursor<JsonNode> list(ApiRequest request, String itemsField, ApiCallScope scope) {
    return list(request, itemsField, scope, RowReader.TREE, false);
  }

  /**
   * Returns a lazy cursor whose items are read by {@code reader} as each page is parsed. With
   * {@code lookAhead}, once the consumer has moved on to the second page, each next page is
   * requested while the rows of the current one are read (see {@link PageCursor}); only for a
   * consumer that will read every row.
   */
  public <T> PageCursor<T> list(
      ApiRequest request,
      String itemsField,
      ApiCallScope scope,
      RowReader<T> reader,
      boolean lookAhead) {
    ensureOpen();
    return new PageCursor<>(this, request, itemsField, scope, reader, lookAhead, false);
  }

  /**
   * Returns a cursor as {@link #list(ApiRequest, String, ApiCallScope, RowReader, boolean)} that
   * sends nothing: each page is the answer the response cache holds fresh for its request, read
   * and checked as an answer from the API would be, and a page the cache does not hold (or a
   * cache that is off) fails the cursor with a {@link NotCachedException}.
   */
  public <T> PageCursor<T> listCached(
      ApiRequest request, String itemsField, ApiCallScope scope, RowReader<T> reader) {
    ensureOpen();
    return new PageCursor<>(this, request, itemsField, scope, reader, false, true);
  }

  /** Failure of a cursor that reads only the response cache: a page it does not hold fresh. */
  public static final class NotCachedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotCachedException(ApiRequest request) {
      super("no fresh answer to " + request + " in the response cache", null, false, false);
    }
  }

  /**
   * Sends one request of a list endpoint within {@code scope} and reads the page it returns;
   * with {@code cacheOnly}, reads the response cache's answer and sends nothing.
   */
  <T> ListPage<T> fetchList(ApiRequest request, String itemsField, RowReader<T> reader,
      ApiCallScope scope, boolean cacheOnly) {
    BodyReader<ListPage<T>> pageReader = (p, body) -> ListPage.read(p, body, itemsField, reader);
    if (!cacheOnly) {
      return execute(request, url(request), scope, true, pageReader, ListPage::size);
    }
    ensureOpen();
    scope.checkStopped(request);
    ListPage<T> page = config.cacheTtl().isZero()
        ? null : fromCache(request, url(request).toString(), pageReader, ListPage::size);
    if (page == null) {
      throw new NotCachedException(request);
    }
    return page;
  }

  /**
   * Starts {@link #fetchList} on a look-ahead thread; returns null when the client is closed. The
   * call is aborted like any other: through its scope's flags.
   */
  <T> CompletableFuture<ListPage<T>> fetchListLater(
      ApiRequest request, String itemsField, RowReader<T> reader, ApiCallScope scope) {
    ExecutorService executor = lookAheadPool.executor();
    if (executor == null) {
      return null;
    }
    try {
      return CompletableFuture.supplyAsync(
          () -> fetchList(request, itemsField, reader, scope, false), executor);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** Sends one request and returns the response's JSON object. */
  public JsonNode fetchPage(ApiRequest request) {
    return fetchPage(request, ApiCallScope.NONE);
  }

  /** Sends one request within {@code scope} and returns the response's JSON object. */
  public JsonNode fetchPage(ApiRequest request, ApiCallScope scope) {
    return execute(request, url(request), scope, false, TREE, body -> 0);
  }

  /**
   * Aborts every call in flight whose scope's cancel flag is set; safe to call from any thread.
   * A JDBC {@code Statement.cancel()} sets the flag and then calls this.
   */
  public void cancelFlaggedCalls() {
    inFlight.forEach(
        (call, scope) -> {
          if (scope.cancelled()) {
            call.cancel();
          }
        });
  }

  /** Aborts every call in flight within a scope that uses {@code cancelFlag}. */
  public void cancelCalls(AtomicBoolean cancelFlag) {
    inFlight.forEach(
        (call, scope) -> {
          if (scope.usesFlag(cancelFlag)) {
            call.cancel();
          }
        });
  }

  /**
   * Sends a request for one object, such as {@code GET /v2/alerts/{id}}, and returns the object
   * under {@code field}, or null if the API answers 404 with its own JSON error (any other 404
   * fails with an {@link ApiResponseException}). A path that cannot name an object (an
   * empty, {@code .} or {@code ..} segment, as from an empty id) is also answered with null,
   * without a request.
   */
  public JsonNode get(ApiRequest request, String field) {
    return get(request, field, ApiCallScope.NONE);
  }

  /** Fetches one object as {@link #get(ApiRequest, String)}, within {@code scope}. */
  public JsonNode get(ApiRequest request, String field, ApiCallScope scope) {
    return get(request, field, scope, true);
  }

  /**
   * Fetches one object as {@link #get(ApiRequest, String)}, always from the API, never from the
   * response cache: for the key check, which must learn whether the API answers now.
   */
  public JsonNode getFresh(ApiRequest request, String field, ApiCallScope scope) {
    return get(request, field, scope, false);
  }

  private JsonNode get(ApiRequest request, String field, ApiCallScope scope, boolean cached) {
    HttpUrl url = request.url(config.httpBaseUrl());
    if (url == null) {
      return null;
    }
    JsonNode body;
    try {
      body = execute(request, url, scope, cached, TREE, object -> 1);
    } catch (ApiNotFoundException e) {
      return null;
    }
    JsonNode value = body.get(field);
    if (value == null || !value.isObject()) {
      throw failures.unexpectedShape(request, field, value);
    }
    return value;
  }

  /**
   * Aborts every call in flight, from any thread, and releases the connection pool and threads;
   * later calls fail without sending anything. Closing twice is harmless.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Secrets.release(config.apiKey());
    cache.release();
    lookAheadPool.close();
    // Shut down first: a call that passed the open check is then either refused by the executor
    // or already known to the dispatcher, which cancels it.
    http.dispatcher().executorService().shutdown();
    http.dispatcher().cancelAll();
    http.connectionPool().evictAll();
  }

  /** Returns whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "IncidentIoClient{" + config + "}";
  }

  private void ensureOpen() {
    if (closed) {
      throw new ApiClosedException();
    }
  }

  /** Returns the URL of a list or page request, whose path must be well formed. */
  private HttpUrl url(ApiRequest request) {
    HttpUrl url = request.url(config.httpBaseUrl());
    if (url == null) {
      throw new IllegalArgumentException(
          "the path of " + request + " has an empty, '.' or '..' segment");
    }
    return url;
  }

  /**
   * Sends a request and reads its answer; with {@code cached}, and a time to live, a fresh
   * enough answer kept by the response cache is read instead, and a 200 answer that reads well
   * is kept. The same reader reads either, so every check on an answer applies to both. The
   * answer's rows, as {@code rowsOf} counts them, go to the activity as received or as cached.
   */
  private <R> R execute(
      ApiRequest apiRequest, HttpUrl url, ApiCallScope scope, boolean cached,
      BodyReader<R> reader, ToIntFunction<? super R> rowsOf) {
    ensureOpen();
    scope.checkStopped(apiRequest);
    boolean useCache = cached && !config.cacheTtl().isZero();
    String cacheKey = url.toString();
    if (useCache) {
      R result = fromCache(apiRequest, cacheKey, reader, rowsOf);
      if (result != null) {
        return result;
      }
    }
    RateLimitState rateLimit = new RateLimitState();
    RetryState retry = new RetryState();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/json")
            .header("User-Agent", config.userAgent())
            .tag(ApiRequest.class, apiRequest)
            .tag(RateLimitState.class, rateLimit)
            .tag(RetryState.class, retry)
            .build();
    Call call = http.newCall(request);
    Duration left = scope.remaining();
    if (left != null) {
      // Rounded up: a call cut off before the deadline would be reported as a slow network
      // rather than as the query's timeout.
      long ms = Math.max(1, Durations.toMillisRoundedUp(left));
      if (!config.callTimeout().isZero()) {
        ms = Math.min(ms, Durations.toMillisRoundedUp(config.callTimeout()));
      }
      call.timeout().timeout(ms, MILLISECONDS);
    }
    inFlight.put(call, scope);
    try {
      // A cancel that came between the check above and the registration must still count.
      if (scope.cancelled()) {
        call.cancel();
      }
      try (Response response = await(apiRequest, call)) {
        byte[] body = response.body().bytes();
        if (response.isSuccessful()) {
          R result =
              parseObject(
                  apiRequest, response.code(), response.header("Content-Type"), body, reader);
          activity.rowsReceived(rowsOf.applyAsInt(result));
          if (useCache && response.code() == 200) {
            cache.put(cacheKey, body);
          }
          return result;
        }
        throw failures.refused(apiRequest, response, body, rateLimit, retry);
      } catch (ResponseTooLargeException e) {
        throw failures.tooLarge(apiRequest, e);
      } catch (IOException e) {
        scope.checkStopped(apiRequest);
        ensureOpen();
        throw failures.transport(apiRequest, e, retry);
      }
    } finally {
      inFlight.remove(call);
    }
  }

  /**
   * Returns the answer the response cache holds for {@code cacheKey} younger than the time to
   * live, read by {@code reader} and counted as answered from the cache, or null.
   */
  private <R> R fromCache(
      ApiRequest apiRequest, String cacheKey, BodyReader<R> reader, ToIntFunction<? super R> rowsOf) {
    byte[] kept = cache.get(cacheKey, config.cacheTtl());
    if (kept == null) {
      return null;
    }
    R result = parseObject(apiRequest, 200, null, kept, reader);
    activity.answeredFromCache(rowsOf.applyAsInt(result));
    return result;
  }

  /**
   * Runs the call on a thread of the client and waits for its response; an interrupt of the
   * waiting thread cancels the call (and with it any wait for a retry or the rate limit).
   */
  private Response await(ApiRequest apiRequest, Call call) throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      call.cancel();
      throw ApiCallScope.interrupted(apiRequest, null);
    }
    CompletableFuture<Response> result = new CompletableFuture<>();
    call.enqueue(
        new Callback() {
          @Override
          public void onResponse(Call c, Response response) {
            if (!result.complete(response)) {
              response.close();
            }
          }

          @Override
          public void onFailure(Call c, IOException e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get();
    } catch (InterruptedException e) {
      call.cancel();
      // A response that arrived meanwhile, or arrives still, is closed unread.
      result.thenAccept(Response::close);
      Thread.currentThread().interrupt();
      throw ApiCallScope.interrupted(apiRequest, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private <R> R parseObject(
      ApiRequest request, int code, String contentType, byte[] body, BodyReader<R> reader) {
    String problem;
    try (JsonParser p = Json.MAPPER.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        R result = reader.read(p, body);
        if (p.nextToken() == null) {
          return result;
        }
        problem = "the body is not valid JSON (more content after the object)";
      } else if (first == null) {
        problem = "expected a JSON object, got an empty body";
      } else {
        problem = "expected a JSON object, got " + Json.describe(Json.readValue(p));
      }
    } catch (IOException e) {
      throw failures.unreadable(request, code, contentType, body, e);
    }
    throw failures.unreadable(request, code, contentType, body, problem, null);
  }

  /** Reader of a successful response's JSON object, from the parser on its START_OBJECT. */
  @FunctionalInterface
  private interface BodyReader<R> {
    R read(JsonParser parser, byte[] body) throws IOException;
  }
}
