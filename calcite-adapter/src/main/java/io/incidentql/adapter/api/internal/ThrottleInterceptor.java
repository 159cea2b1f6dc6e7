package io.incidentql.adapter.api.internal;

import io.incidentql.adapter.api.Sleeper;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interceptor that holds each attempt back until the shared {@link TokenBucket} of the key, and
 * the buckets of the endpoint when the endpoint announced lower limits of its own (see
 * {@link EndpointBudgets}), allow it, so that the client itself never spends more than the API's
 * request budgets.
 *
 * <p>It sits inside the retry and 429 loops, so every attempt, first or retried, takes a token.
 * Each response's {@code X-RateLimit-Limit} teaches the endpoint's limit. The wait ends early if
 * the call is cancelled or times out.
 */
public final class ThrottleInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(ThrottleInterceptor.class);

  private final TokenBucket bucket;
  private final EndpointBudgets endpoints;
  private final Sleeper sleeper;

  public ThrottleInterceptor(TokenBucket bucket, EndpointBudgets endpoints, Sleeper sleeper) {
    this.bucket = bucket;
    this.endpoints = endpoints;
    this.sleeper = sleeper;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String endpoint = EndpointBudgets.endpointOf(chain.request().url().pathSegments());
    hold(chain, bucket);
    for (TokenBucket own : endpoints.bucketsFor(endpoint)) {
      hold(chain, own);
    }
    Response response = chain.proceed(chain.request());
    endpoints.learn(endpoint, response.header("X-RateLimit-Limit"));
    return response;
  }

  private void hold(Chain chain, TokenBucket from) throws IOException {
    Duration wait = from.reserve();
    if (!wait.isZero()) {
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "holding {} {} for {} to stay within {}",
            chain.request().method(),
            Secrets.redact(chain.request().url().encodedPath()),
            Durations.format(wait),
            from);
      }
      try {
        CallWaits.pause(
            sleeper, chain.call(), wait, "waiting for the client-side rate limit");
      } catch (IOException e) {
        // The request is not sent: its reserved token goes back to the bucket.
        from.refund();
        throw e;
      }
    }
  }
}
