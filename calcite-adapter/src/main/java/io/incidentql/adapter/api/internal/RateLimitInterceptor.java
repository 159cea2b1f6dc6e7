package io.incidentql.adapter.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.incidentql.adapter.api.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interceptor that waits out HTTP 429 responses and sends the request again.
 *
 * <p>The wait comes, in order of preference, from the {@code Retry-After} header (seconds, as the
 * API sends it, or an HTTP date), from the JSON body's {@code rate_limit.retry_after} (RFC 3339 in
 * the contract, {@code Thu, 17 Apr 2025 11:17:18 UTC} in the older pages), or from an exponential
 * backoff. The contract says to prefer {@code Retry-After}: a duration does not depend on two
 * clocks agreeing, so a body date already past never cuts a wait the header asks for. A point in
 * time is measured against the response's {@code Date} header when there is one, so that a
 * skewed local clock neither shortens nor stretches the wait. When
 * the retries or the total wait would exceed their limits, the last 429 is returned unchanged and
 * the reason recorded in the request's {@link RateLimitState} tag.
 */
public final class RateLimitInterceptor extends RetryLoop<RateLimitState> {
  /** The shortest wait: a retry time already passed still deserves a pause. */
  public static final Duration MIN_WAIT = Duration.ofMillis(250);

  /** The first backoff when the response gives no hint; doubled for each further retry. */
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private static final Backoff BACKOFF = new Backoff(FIRST_BACKOFF);

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitInterceptor.class);

  private final Clock clock;

  public RateLimitInterceptor(int maxRetries, Duration maxTotalWait, Clock clock, Sleeper sleeper) {
    super(RateLimitState.class, RateLimitState::new, maxRetries, maxTotalWait, sleeper);
    this.clock = clock;
  }

  @Override
  Response loop(Chain chain, RateLimitState state) throws IOException {
    Request request = chain.request();
    while (true) {
      Response response = chain.proceed(request);
      if (response.code() != 429) {
        return response;
      }
      JsonNode body = readBody(response, state);
      // Counted on the request's state: the retry interceptor outside may send the request
      // through here again after a 5xx, and the cap is per request.
      if (state.outOfRetries(maxRetries)) {
        return response;
      }
      int attempt = state.retries();
      Wait wait = waitFor(response, body, attempt);
      if (state.wouldExceed(wait.duration, maxTotalWait)) {
        state.gaveUp(
            "waiting another "
                + Durations.format(wait.duration)
                + " ("
                + wait.source
                + ") would exceed the limit of "
                + Durations.format(maxTotalWait)
                + " of waiting per request");
        return response;
      }
      response.close();
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "HTTP 429 for {} {}; waiting {} ({}) before retry {} of {}",
            request.method(),
            Secrets.redact(request.url().encodedPath()),
            Durations.format(wait.duration),
            wait.source,
            attempt + 1,
            maxRetries);
      }
      pause(chain, state, wait.duration, "waiting out the API rate limit");
    }
  }

  /** Works out how long to wait before the next attempt; {@code body} is the 429's JSON. */
  Wait waitFor(Response response, JsonNode body, int attempt) {
    Instant now = serverNow(response);
    String header = response.header("Retry-After");
    if (header != null) {
      String h = header.strip();
      if (!h.isEmpty() && h.chars().allMatch(Character::isDigit) && h.length() < 10) {
        return new Wait(atLeastMinimum(Duration.ofSeconds(Long.parseLong(h))), "Retry-After");
      }
      Instant at = HttpDates.parse(h);
      if (at != null) {
        return new Wait(atLeastMinimum(Duration.between(now, at)), "Retry-After");
      }
    }
    Instant retryAt =
        HttpDates.parse(Json.text(body == null ? null : body.get("rate_limit"), "retry_after"));
    if (retryAt != null) {
      return new Wait(atLeastMinimum(Duration.between(now, retryAt)), "rate_limit.retry_after");
    }
    return new Wait(BACKOFF.step(attempt), "exponential backoff");
  }

  private Instant serverNow(Response response) {
    Instant serverDate = HttpDates.parse(response.header("Date"));
    return serverDate != null ? serverDate : clock.instant();
  }

  /**
   * Reads the JSON of a 429 once and keeps it in the request's {@code state}: the wait may come
   * from it, and the client's message about a last 429 quotes its errors. Returns null, and keeps
   * null, when the body could not be read; an empty body or one that is not JSON is a missing
   * node. Peeking leaves the body readable, for the message to quote when it is not JSON.
   */
  private static JsonNode readBody(Response response, RateLimitState state) {
    JsonNode tree;
    try {
      byte[] body = response.peekBody(Long.MAX_VALUE).bytes();
      tree = body.length == 0 ? null : Json.MAPPER.readTree(body);
      if (tree == null) {
        tree = MissingNode.getInstance();
      }
    } catch (JsonProcessingException | RuntimeException e) {
      tree = MissingNode.getInstance();
    } catch (IOException e) {
      // A 429 without a readable body still gets a Retry-After or a backoff.
      tree = null;
    }
    state.body(tree);
    return tree;
  }

  private static Duration atLeastMinimum(Duration d) {
    return d.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : d;
  }

  /** A wait and where its length came from, for logs and messages. */
  record Wait(Duration duration, String source) {}
}
