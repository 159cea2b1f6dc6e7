package io.incidentql.adapter.api.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Interceptor that authenticates every request with the API key as a bearer token. */
public final class BearerAuthInterceptor implements Interceptor {
  private final String headerValue;

  /** Creates the interceptor; a null key sends requests without credentials. */
  public BearerAuthInterceptor(String apiKey) {
    this.headerValue = apiKey == null ? null : "Bearer " + apiKey;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (headerValue == null) {
      return chain.proceed(chain.request());
    }
    return chain.proceed(chain.request().newBuilder().header("Authorization", headerValue).build());
  }

  @Override
  public String toString() {
    return "BearerAuthInterceptor";
  }
}
