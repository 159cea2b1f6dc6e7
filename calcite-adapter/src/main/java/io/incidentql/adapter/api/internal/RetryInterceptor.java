package io.incidentql.adapter.api.internal;

import io.incidentql.adapter.api.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownServiceException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Set;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interceptor that sends a request again after a server error (500, 502, 503, 504) or a failed
 * connection, with exponential backoff and jitter, up to a number of retries and a total wait.
 *
 * <p>Every request the client sends is a GET, so a retry can never do anything twice. The body of
 * each response is read here, in full, so that a connection lost in the middle of a body is a
 * failure this interceptor sees and retries, not one the caller meets later. When the retries or
 * the total wait run out, the last response is returned, or the last failure thrown, and the
 * reason recorded in the request's {@link RetryState} tag. A cancelled or timed-out call, and a
 * server whose certificate cannot be verified, are never retried.
 */
public final class RetryInterceptor extends RetryLoop<RetryState> {
  private static final Set<Integer> RETRIED_STATUSES = Set.of(500, 502, 503, 504);
  private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);

  private final Backoff backoff;
  private final DoubleSupplier random;

  /**
   * Creates the interceptor; {@code random} gives numbers in [0, 1) for the jitter (tests pass a
   * constant).
   */
  public RetryInterceptor(
      int maxRetries,
      Duration firstBackoff,
      Duration maxTotalWait,
      Sleeper sleeper,
      DoubleSupplier random) {
    super(RetryState.class, RetryState::new, maxRetries, maxTotalWait, sleeper);
    this.backoff = new Backoff(firstBackoff);
    this.random = random;
  }

  @Override
  Response loop(Chain chain, RetryState state) throws IOException {
    Request request = chain.request();
    while (true) {
      state.attempted();
      String failure;
      IOException error = null;
      Response response = null;
      try {
        response = buffered(chain.proceed(request));
        if (!RETRIED_STATUSES.contains(response.code())) {
          return response;
        }
        failure = "HTTP " + response.code();
      } catch (IOException e) {
        if (!retryable(chain.call(), e)) {
          throw e;
        }
        error = e;
        failure = e.getClass().getSimpleName();
      }
      if (state.outOfRetries(maxRetries)) {
        return giveUp(response, error);
      }
      Duration wait = backoff.jittered(state.retries(), random.getAsDouble());
      if (state.wouldExceed(wait, maxTotalWait)) {
        state.gaveUp("another wait of " + Durations.format(wait) + " would exceed maxRetryTime of "
            + Durations.format(maxTotalWait));
        return giveUp(response, error);
      }
      if (response != null) {
        response.close();
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} for {} {}; retry {} of {} in {}",
            failure,
            request.method(),
            Secrets.redact(request.url().encodedPath()),
            state.retries() + 1,
            maxRetries,
            Durations.format(wait));
      }
      pause(chain, state, wait, "backing off");
    }
  }

  private static Response giveUp(Response response, IOException error) throws IOException {
    if (error != null) {
      throw error;
    }
    return response;
  }

  private static boolean retryable(Call call, IOException e) {
    if (call.isCanceled()) {
      return false;
    }
    if (e instanceof SSLPeerUnverifiedException
        || e instanceof UnknownServiceException
        || e instanceof ResponseSizeInterceptor.ResponseTooLargeException) {
      return false;
    }
    // A certificate that cannot be verified will not verify on the next attempt either.
    if (e instanceof SSLHandshakeException && e.getCause() instanceof CertificateException) {
      return false;
    }
    // A plain InterruptedIOException is a thread interrupt; a socket timeout is a slow server.
    return !(e instanceof InterruptedIOException) || e instanceof SocketTimeoutException;
  }

  /** Returns the response with its body read into memory, or throws if reading it fails. */
  private static Response buffered(Response response) throws IOException {
    ResponseBody body = response.body();
    byte[] bytes;
    MediaType type;
    try (response) {
      type = body.contentType();
      bytes = body.bytes();
    }
    return response.newBuilder().body(ResponseBody.create(bytes, type)).build();
  }
}
