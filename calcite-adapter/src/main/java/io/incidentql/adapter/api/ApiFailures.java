package io.incidentql.adapter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.internal.Durations;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.api.internal.RateLimitState;
import io.incidentql.adapter.api.internal.ResponseSizeInterceptor.ResponseTooLargeException;
import io.incidentql.adapter.api.internal.RetryState;
import io.incidentql.adapter.api.internal.Secrets;
import io.incidentql.adapter.api.internal.Text;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;

/**
 * Translator of a failed HTTP call into the {@link ApiException} that says what went wrong and
 * what to do: an error status (with the API's own error list and request id), a body that cannot
 * be read or is too large, a broken or slow transfer. The one place of the client's error wording;
 * every text that may quote the server or the request has the connection's key removed.
 */
final class ApiFailures {
  private final ApiConfig config;

  ApiFailures(ApiConfig config) {
    this.config = config;
  }

  /**
   * Returns the error for a response with an error status. The JSON of a 429 was read by the
   * rate-limit interceptor, which keeps it in {@code rateLimit}: it is not read again.
   */
  ApiException refused(
      ApiRequest request,
      Response response,
      byte[] body,
      RateLimitState rateLimit,
      RetryState retry) {
    int status = response.code();
    JsonNode tree = status == 429 && rateLimit.lastBody() != null
        ? rateLimit.lastBody()
        : readTree(body);
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

  /** The body's JSON tree, or null when it is empty or not JSON (a proxy's HTML page, say). */
  private static JsonNode readTree(byte[] body) {
    try {
      return body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      // The message quotes the body instead.
      return null;
    }
  }

  /**
   * Returns the error for a successful response whose body cannot be read: {@code problem} says
   * why, and the message quotes the start of the body. {@code contentType} is null when unknown,
   * as for an answer kept by the response cache.
   */
  ApiResponseException unreadable(
      ApiRequest request, int code, String contentType, byte[] body, String problem,
      Throwable cause) {
    StringBuilder message =
        new StringBuilder("incident.io API sent a response to ")
            .append(request)
            .append(" that could not be read (HTTP ")
            .append(code);
    if (contentType != null) {
      message.append(", Content-Type ").append(Text.quote(contentType, 80));
    }
    message.append("): ").append(problem);
    if (body.length > 0) {
      message.append("; the body starts with: ").append(redact(Text.snippet(body)));
    }
    return new ApiResponseException(message.toString(), request, code, cause);
  }

  /** Returns the error for a successful response whose JSON the parser could not read. */
  ApiResponseException unreadable(
      ApiRequest request, int code, String contentType, byte[] body, IOException e) {
    String problem;
    if (e instanceof JsonEOFException) {
      problem = "the body ends before its JSON is complete (truncated)";
    } else {
      String detail =
          e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      problem = detail != null && detail.startsWith("Duplicate field")
          ? "an object in the body has the same key twice (" + firstLine(detail)
              + "), so which of its values is meant is unknown"
          : "the body is not valid JSON (" + firstLine(detail) + ")";
    }
    return unreadable(request, code, contentType, body, problem, e);
  }

  /** Returns the error for a successful response that has not the shape the caller expects. */
  ApiResponseException unexpectedShape(ApiRequest request, String field, JsonNode value) {
    return new ApiResponseException(
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

  /** Returns the error for a response that the client stopped reading at its size limit. */
  ApiResponseException tooLarge(ApiRequest request, ResponseTooLargeException e) {
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

  /**
   * Returns the error for a call that ended before a complete response arrived, after the
   * retries {@code retry} records: a timeout, or a broken transfer.
   */
  ApiTransportException transport(ApiRequest request, IOException e, RetryState retry) {
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
