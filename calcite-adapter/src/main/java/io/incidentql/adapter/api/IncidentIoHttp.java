package io.incidentql.adapter.api;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.incidentql.adapter.api.internal.BearerAuthInterceptor;
import io.incidentql.adapter.api.internal.Durations;
import io.incidentql.adapter.api.internal.EndpointBudgets;
import io.incidentql.adapter.api.internal.LoggingInterceptor;
import io.incidentql.adapter.api.internal.LookAheadPool;
import io.incidentql.adapter.api.internal.RateLimitInterceptor;
import io.incidentql.adapter.api.internal.ResponseSizeInterceptor;
import io.incidentql.adapter.api.internal.RetryInterceptor;
import io.incidentql.adapter.api.internal.ThrottleInterceptor;
import io.incidentql.adapter.api.internal.TokenBucket;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Factory of the HTTP client that one {@link IncidentIoClient} sends its requests through.
 *
 * <p>Cross-cutting concerns are interceptors, outermost first: retries with backoff after a 5xx
 * or a failed connection, waiting out HTTP 429, the client-side request budgets (a token bucket
 * shared by every client of the JVM that uses the same key, and one per endpoint that announces a
 * lower limit in {@code X-RateLimit-Limit}), the count of requests sent, bearer authentication,
 * debug logging (method, path, decoded parameters, status, time; never headers), and the bound
 * on a response's size.
 */
final class IncidentIoHttp {
  private static final AtomicInteger HTTP_THREADS = new AtomicInteger();

  private IncidentIoHttp() {}

  /**
   * Returns the HTTP client for {@code config}: its waits use {@code clock} and {@code sleeper},
   * its request budgets, when first created in this JVM, {@code nanoTime}; {@code activity}
   * counts its requests and rate-limit waits.
   */
  static OkHttpClient build(
      ApiConfig config, Clock clock, Sleeper sleeper, LongSupplier nanoTime, ApiActivity activity) {
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
    return b.addInterceptor(
            chain -> {
              activity.requestSent(); // every attempt that goes on the wire
              return chain.proceed(chain.request());
            })
        .addInterceptor(new BearerAuthInterceptor(config.apiKey()))
        .addInterceptor(new LoggingInterceptor())
        // Innermost: the body every outer interceptor reads (the retry one reads it in full) is
        // already bounded.
        .addInterceptor(new ResponseSizeInterceptor(config.maxResponseBytes()))
        .build();
  }
}
