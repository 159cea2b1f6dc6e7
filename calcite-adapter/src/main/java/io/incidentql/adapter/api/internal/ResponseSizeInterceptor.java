package io.incidentql.adapter.api.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Interceptor that bounds the decoded size of one response body: reading past the limit fails
 * with {@link ResponseTooLargeException}, counted on the bytes as they stream (after a gzip body
 * is inflated), so that a huge or endless body, or a small one that inflates to gigabytes, stops
 * as soon as it passes the limit instead of filling the heap.
 */
public final class ResponseSizeInterceptor implements Interceptor {
  private final long maxBytes;

  public ResponseSizeInterceptor(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > maxBytes) {
      response.close();
      throw new ResponseTooLargeException(maxBytes);
    }
    BufferedSource limited =
        Okio.buffer(
            new ForwardingSource(body.source()) {
              private long read;

              @Override
              public long read(Buffer sink, long byteCount) throws IOException {
                long n = super.read(sink, byteCount);
                if (n > 0) {
                  read += n;
                  if (read > maxBytes) {
                    throw new ResponseTooLargeException(maxBytes);
                  }
                }
                return n;
              }
            });
    return response
        .newBuilder()
        .body(ResponseBody.create(limited, body.contentType(), declared))
        .build();
  }

  /** Failure of a response body larger than the limit; not worth a retry. */
  public static final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long maxBytes;

    ResponseTooLargeException(long maxBytes) {
      super("the response body is larger than " + maxBytes + " bytes");
      this.maxBytes = maxBytes;
    }

    /** The limit that was passed. */
    public long maxBytes() {
      return maxBytes;
    }
  }
}
