package io.incidentql.adapter.api;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.internal.BearerAuthInterceptor;
import io.incidentql.adapter.api.internal.Durations;
import io.incidentql.adapter.api.internal.EndpointBudgets;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.api.internal.LoggingInterceptor;
import io.incidentql.adapter.api.internal.LookAheadPool;
import io.incidentql.adapter.api.internal.RateLimitInterceptor;
import io.incidentql.adapter.api.internal.RateLimitState;
import io.incidentql.adapter.api.internal.ResponseSizeInterceptor;
import io.incidentql.adapter.api.internal.ResponseSizeInterceptor.ResponseTooLargeException;
import io.incidentql.adapter.api.internal.RetryInterceptor;
import io.incidentql.adapter.api.internal.RetryState;
import io.incidentql.adapter.api.internal.Secrets;
import io.incidentql.adapter.api.internal.Text;
import io.incidentql.adapter.api.internal.ThrottleInterceptor;
import io.incidentql.adapter.api.internal.TokenBucket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Client of the incident.io REST API: one per JDBC connection, holding one HTTP client and its
 * connection pool.
 *
 * <p>Cross-cutting concerns are interceptors, outermost first: retries with backoff after a 5xx
 * or a failed connection, waiting out HTTP 429, the client-side request budgets (a token bucket
 * shared by every client of the JVM that uses the same key, and one per endpoint that announces a
 * lower limit in {@code X-RateLimit-Limit}), bearer authentication, and debug
 * logging (method, path, decoded parameters, status, time; never headers). Every failure is an
 * {@link ApiException}. The client is thread-safe; the cursors it returns are not.
 *
 * <p>Calls made within an {@link ApiCallScope} honour its deadline and cancel flag; {@link
 * #cancelFlaggedCalls()} aborts, from any thread, the calls in flight whose flag is set. Each call
 * runs on a thread of the client while the caller waits for it, so that interrupting the caller
 * aborts the call too (OkHttp's own blocking reads do not notice an interrupt). {@link #close()}
 * aborts every call in flight and refuses new ones: nothing is sent after it.
 *
 * <p>A request's path is split on {@code /} and each segment URL-encoded, so an id placed in a
 * path may contain any character but {@code /}. Parameter names and values are encoded as query
 * components, so {@code status[one_of]} goes out as {@code status%5Bone_of%5D} and a value such as
 * {@code firing&page_size=1} stays one value.
 */
public final class IncidentIoClient implements AutoCloseable {
  /** Reads a response's object as a tree. */
  private static final BodyReader<JsonNode> TREE = (p, body) -> Json.readValue(p);

  private final ApiConfig config;
  private final OkHttpClient http;
  private final Map<Call, ApiCallScope> inFlight = new ConcurrentHashMap<>();
  private final LookAheadPool lookAheadPool = new LookAheadPool();
  private static final AtomicInteger HTTP_THREADS = new AtomicInteger();
  private final ApiActivity activity = new ApiActivity();
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
    // Daemon threads, so that a program that forgets to close its connection still exits; no cap
    // per host, since parallel windows and look-ahead are bounded by their own settings and the
    // request budget by the throttle below.
    Dispatcher dispatcher =
        new Dispatcher(LookAheadPool.daemonThreads("incidentql-http-", HTTP_THREADS));
    dispatcher.setMaxRequests(Integer.MAX_VALUE);
    dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
    Sleeper rateLimitSleeper = activity.countingRateLimitWaits(sleeper);
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectTimeout(Durations.toMillisRoundedUp(config.connectTimeout()), MILLISECONDS)
            .readTimeout(Durations.toMillisRoundedUp(config.readTimeout()), MILLISECONDS)
            .callTimeout(Durations.toMillisRoundedUp(config.callTimeout()), MILLISECONDS)
            // The retry interceptor decides; OkHttp's own silent retry would bypass its limits.
            .retryOnConnectionFailure(false)
            // Outermost first: each loop resends through the ones inside it, so every attempt
            // takes a token from the budget, is authenticated and is logged.
            .addInterceptor(
                new RetryInterceptor(
                    config.maxRetries(),
                    config.retryBackoff(),
                    config.maxRetryTime(),
                    sleeper,
                    () -> ThreadLocalRandom.current().nextDouble()))
            .addInterceptor(
                new RateLimitInterceptor(
                    config.maxRateLimitRetries(),
                    config.maxRateLimitWait(),
                    clock,
                    rateLimitSleeper));
    if (config.rateLimit() > 0) {
      b.addInterceptor(
          new ThrottleInterceptor(
              TokenBucket.shared(
                  config.baseUrl(),
                  config.apiKey(),
                  config.rateLimit(),
                  config.rateLimitWindow(),
                  nanoTime),
              new EndpointBudgets(
                  config.baseUrl(),
                  config.apiKey(),
                  config.rateLimit(),
                  config.rateLimitWindow(),
                  nanoTime),
              rateLimitSleeper));
    }
    this.http =
        b.addInterceptor(
                chain -> {
                  activity.requestSent(); // every attempt that goes on the wire
                  return chain.proceed(chain.request());
                })
            .addInterceptor(new BearerAuthInterceptor(config.apiKey()))
            .addInterceptor(new LoggingInterceptor())
            // Innermost: the body every outer interceptor reads (the retry one reads it in
            // full) is already bounded.
            .addInterceptor(new ResponseSizeInterceptor(config.maxResponseBytes()))
            .build();
    // From here on, the driver's error boundary and log lines know this key and remove it.
    Secrets.register(config.apiKey());
  }

  public ApiConfig config() {
    return config;
  }

  /** Returns the running totals of this client's requests, rows and rate-limit waits. */
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
    return new PageCursor<>(this, request, itemsField, scope, reader, lookAhead);
  }

  /** Sends one request of a list endpoint within {@code scope} and reads the page it returns. */
  <T> ListPage<T> fetchList(
      ApiRequest request, String itemsField, RowReader<T> reader, ApiCallScope scope) {
    List<String> segments = segments(request.path());
    if (segments == null) {
      throw new IllegalArgumentException(
          "the path of " + request + " has an empty, '.' or '..' segment");
    }
    ListPage<T> page =
        execute(request, segments, scope, (p, body) -> ListPage.read(p, body, itemsField, reader));
    activity.rowsReceived(page.size());
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
          () -> fetchList(request, itemsField, reader, scope), executor);
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
    List<String> segments = segments(request.path());
    if (segments == null) {
      throw new IllegalArgumentException(
          "the path of " + request + " has an empty, '.' or '..' segment");
    }
    return execute(request, segments, scope, TREE);
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
    List<String> segments = segments(request.path());
    if (segments == null) {
      return null;
    }
    JsonNode body;
    try {
      body = execute(request, segments, scope, TREE);
    } catch (ApiNotFoundException e) {
      return null;
    }
    activity.rowsReceived(1);
    JsonNode value = body.get(field);
    if (value == null || !value.isObject()) {
      throw new ApiResponseException(
          "incident.io API sent a response to "
              + request
              + " that does not have the expected shape: expected the field '"
              + field
              + "' to be an object, got "
              + Json.describe(value),
          request,
          200,
          null);
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

  /** Returns the path's segments, or null if one is empty or a dot segment. */
  private static List<String> segments(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    List<String> out = new ArrayList<>();
    for (String s : p.split("/", -1)) {
      // OkHttp resolves "." and ".." segments against the path, so such a segment (an id of
      // "..", say) would silently reach a different endpoint.
      if (s.isEmpty() || s.equals(".") || s.equals("..")) {
        return null;
      }
      out.add(s);
    }
    return out;
  }

  private HttpUrl url(ApiRequest request, List<String> segments) {
    HttpUrl.Builder b = config.httpBaseUrl().newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    for (ApiRequest.Param p : request.params()) {
      b.addQueryParameter(p.name(), p.value());
    }
    return b.build();
  }

  private <R> R execute(
      ApiRequest apiRequest, List<String> segments, ApiCallScope scope, BodyReader<R> reader) {
    ensureOpen();
    scope.checkStopped(apiRequest);
    RateLimitState rateLimit = new RateLimitState();
    RetryState retry = new RetryState();
    Request request =
        new Request.Builder()
            .url(url(apiRequest, segments))
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
          return parseObject(apiRequest, response, body, reader);
        }
        throw failure(apiRequest, response, body, rateLimit, retry);
      } catch (ResponseTooLargeException e) {
        throw tooLarge(apiRequest, e);
      } catch (IOException e) {
        scope.checkStopped(apiRequest);
        ensureOpen();
        throw transportFailure(apiRequest, e, retry);
      }
    } finally {
      inFlight.remove(call);
    }
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
      ApiRequest request, Response response, byte[] body, BodyReader<R> reader) {
    String problem;
    Throwable cause = null;
    try (JsonParser p = Json.MAPPER.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        R result = reader.read(p, body);
        JsonToken trailing = p.nextToken();
        if (trailing == null) {
          return result;
        }
        problem = "the body is not valid JSON (more content after the object)";
      } else if (first == null) {
        problem = "expected a JSON object, got an empty body";
      } else {
        problem = "expected a JSON object, got " + Json.describe(Json.readValue(p));
      }
    } catch (JsonEOFException e) {
      problem = "the body ends before its JSON is complete (truncated)";
      cause = e;
    } catch (IOException e) {
      String detail =
          e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      problem = detail != null && detail.startsWith("Duplicate field")
          ? "an object in the body has the same key twice (" + firstLine(detail)
              + "), so which of its values is meant is unknown"
          : "the body is not valid JSON (" + firstLine(detail) + ")";
      cause = e;
    }
    String contentType = response.header("Content-Type");
    StringBuilder message =
        new StringBuilder("incident.io API sent a response to ")
            .append(request)
            .append(" that could not be read (HTTP ")
            .append(response.code());
    if (contentType != null) {
      message.append(", Content-Type ").append(Text.quote(contentType, 80));
    }
    message.append("): ").append(problem);
    if (body.length > 0) {
      message.append("; the body starts with: ").append(redact(Text.snippet(body)));
    }
    throw new ApiResponseException(message.toString(), request, response.code(), cause);
  }

  private ApiException failure(
      ApiRequest request,
      Response response,
      byte[] body,
      RateLimitState rateLimit,
      RetryState retry) {
    int status = response.code();
    JsonNode tree = null;
    try {
      tree = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      // Not JSON (a proxy's HTML page, say): the message quotes the body instead.
    }
    String type = null;
    String requestId = null;
    List<ApiError> errors = new ArrayList<>();
    if (tree != null && tree.isObject()) {
      type = Json.text(tree, "type");
      requestId = Json.text(tree, "request_id");
      JsonNode list = tree.get("errors");
      if (list != null && list.isArray()) {
        for (JsonNode e : list) {
          errors.add(
              new ApiError(
                  redact(Json.text(e, "code")),
                  redact(Json.text(e, "message")),
                  redact(Json.text(e.get("source"), "field"))));
        }
      }
    }
    if (requestId == null) {
      requestId = response.header("X-Request-Id");
    }
    type = redact(type);
    requestId = redact(requestId);

    StringBuilder m = new StringBuilder("incident.io API refused ");
    m.append(status == 401 ? "the API key for the request " : "the request ");
    m.append(request).append(" (HTTP ").append(status);
    if (type != null) {
      m.append(' ').append(type);
    }
    if (requestId != null) {
      m.append(", request_id ").append(requestId);
    }
    m.append("): ");
    List<String> messages = new ArrayList<>();
    for (ApiError e : errors) {
      if (e.message() != null) {
        messages.add(e.message());
      } else if (e.code() != null) {
        messages.add(e.code());
      }
    }
    if (!messages.isEmpty()) {
      m.append(String.join("; ", messages));
    } else if (body.length > 0) {
      m.append("the body starts with: ").append(redact(Text.snippet(body)));
    } else {
      m.append("the response has no body");
    }

    switch (status) {
      case 401:
        endSentence(m);
        if (config.apiKey() == null) {
          m.append("No API key was configured; create one in the incident.io dashboard")
              .append(" (Settings → API keys) and pass it to IncidentQL.");
        } else {
          m.append("Check that the API key is the one shown when it was created, that it has not")
              .append(" been deleted, and that it belongs to the right incident.io account")
              .append(" (Settings → API keys).");
        }
        return new ApiAuthenticationException(
            m.toString(), request, status, type, requestId, errors, null);
      case 403:
        endSentence(m);
        m.append("The API key is valid but lacks the permission (scope) this data needs; create")
            .append(" a key with that scope in the incident.io dashboard (Settings → API keys),")
            .append(" or leave this table out of the query.");
        return new ApiPermissionException(
            m.toString(), request, status, type, requestId, errors, null);
      case 404:
        if (type == null) {
          // Only the API's own JSON error says that an object is missing; a proxy's page or
          // another server's answer says nothing about the API's data.
          endSentence(m);
          m.append("The answer is not the incident.io API's JSON error, so it does not say")
              .append(" that the object is missing: a proxy or a wrong baseUrl may be in the")
              .append(" way; check baseUrl.");
          return new ApiResponseException(m.toString(), request, status, null);
        }
        return new ApiNotFoundException(
            m.toString(), request, status, type, requestId, errors, null);
      case 422:
        return new ApiValidationException(
            m.toString(), request, status, type, requestId, errors, null);
      case 429:
        endSentence(m);
        m.append("Gave up after ")
            .append(rateLimit.retries())
            .append(rateLimit.retries() == 1 ? " retry" : " retries")
            .append(" and ")
            .append(Durations.format(rateLimit.waited()))
            .append(" of waiting");
        if (rateLimit.gaveUpBecause() != null) {
          m.append(", because ").append(rateLimit.gaveUpBecause());
        }
        m.append(". The API allows 1200 requests per minute per API key, and fewer on some")
            .append(" endpoints (60 on /v2/incidents); try again later, or")
            .append(" raise maxRateLimitRetries / maxRateLimitWait. If other programs use the")
            .append(" same key, lower this driver's share of the budget with rateLimit.");
        return new ApiRateLimitException(
            m.toString(), request, status, type, requestId, errors, null);
      default:
        if (status >= 500) {
          endSentence(m);
          String tried = retry.summary();
          m.append("The API failed to answer");
          if (!tried.isEmpty()) {
            m.append(' ').append(tried);
          }
          m.append("; try again later, or raise maxRetries / maxRetryTimeSeconds.");
        }
        return new ApiException(m.toString(), request, status, type, requestId, errors, null);
    }
  }

  private ApiResponseException tooLarge(ApiRequest request, ResponseTooLargeException e) {
    return new ApiResponseException(
        "incident.io API sent a response to "
            + request
            + " larger than "
            + (e.maxBytes() % (1 << 20) == 0 ? (e.maxBytes() >> 20) + " MiB" : e.maxBytes() + " bytes")
            + " once decoded; the driver stopped reading it there. No page of the incident.io API"
            + " comes near that size: check that baseUrl is the API; if it is, raise the"
            + " connection property maxResponseMegabytes.",
        request,
        200,
        e);
  }

  private ApiTransportException transportFailure(
      ApiRequest request, IOException e, RetryState retry) {
    String what;
    boolean timeout = false;
    String advice;
    if (e instanceof SocketTimeoutException) {
      timeout = true;
      what =
          "timed out (connect timeout "
              + Durations.format(config.connectTimeout())
              + ", read timeout "
              + Durations.format(config.readTimeout())
              + ")";
      advice = "raise connectTimeoutSeconds / readTimeoutSeconds if the network is slow";
    } else if (e instanceof InterruptedIOException && "timeout".equals(e.getMessage())) {
      timeout = true;
      what = "exceeded the call timeout of " + Durations.format(config.callTimeout());
      advice = "raise callTimeoutSeconds";
    } else {
      what = "failed: " + e.getClass().getSimpleName();
      if (e.getMessage() != null) {
        what += ": " + redact(firstLine(e.getMessage()));
      }
      advice = "check the network and the baseUrl " + config.httpBaseUrl().host()
          + ", or raise maxRetries / maxRetryTimeSeconds";
    }
    String tried = retry.summary();
    String message =
        "incident.io API request "
            + request
            + " to "
            + config.httpBaseUrl().host()
            + " "
            + what
            + " before a complete response arrived"
            + (tried.isEmpty() ? "" : ", " + tried)
            + "; "
            + advice;
    return timeout
        ? new ApiTimeoutException(message, request, e)
        : new ApiTransportException(message, request, e);
  }

  /** Reader of a successful response's JSON object, from the parser on its START_OBJECT. */
  @FunctionalInterface
  private interface BodyReader<R> {
    R read(JsonParser parser, byte[] body) throws IOException;
  }

  /** Ends the sentence the builder holds, whether or not the API's message has its period. */
  private static void endSentence(StringBuilder m) {
    m.append(m.charAt(m.length() - 1) == '.' ? " " : ". ");
  }

  private String redact(String text) {
    return Secrets.redact(text, config.apiKey());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
