package io.incidentql.adapter.api.internal;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interceptor that logs each HTTP exchange at debug level: method, path, decoded parameters,
 * status and time taken. It never logs headers, so the Authorization header stays out of logs;
 * a key that the server puts into a cursor or an id (and so into a later request) is removed too.
 */
public final class LoggingInterceptor implements Interceptor {
  private final Logger log;

  public LoggingInterceptor() {
    this(LoggerFactory.getLogger(LoggingInterceptor.class));
  }

  /** Creates the interceptor with the given logger (tests pass one that records). */
  public LoggingInterceptor(Logger log) {
    this.log = log;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!log.isDebugEnabled()) {
      return chain.proceed(request);
    }
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      log.debug(
          "{} {} -> HTTP {} in {} ms",
          request.method(),
          Secrets.redact(describe(request.url())),
          response.code(),
          (System.nanoTime() - start) / 1_000_000);
      return response;
    } catch (IOException | RuntimeException e) {
      log.debug(
          "{} {} -> failed after {} ms: {}",
          request.method(),
          Secrets.redact(describe(request.url())),
          (System.nanoTime() - start) / 1_000_000,
          Secrets.redact(e.toString()));
      throw e;
    }
  }

  /** Returns the path and decoded query, as in {@code /v2/alerts?status[one_of]=firing}. */
  static String describe(HttpUrl url) {
    StringBuilder sb = new StringBuilder(url.encodedPath());
    for (int i = 0; i < url.querySize(); i++) {
      sb.append(i == 0 ? '?' : '&')
          .append(url.queryParameterName(i))
          .append('=')
          .append(url.queryParameterValue(i) == null ? "" : url.queryParameterValue(i));
    }
    return sb.toString();
  }
}
