package io.incidentql.adapter.api.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry of the API keys that clients of this JVM hold, and remover of them from any text.
 *
 * <p>Redaction works on the known key, not on patterns: wherever a key comes from (a URL typed
 * oddly, a server that echoes it in a body, a header, a cursor or an id), the exact string and
 * the forms it takes in a URL or in JSON are replaced by {@code ***}. A client registers its key
 * when it is created and releases it when closed; the driver's error boundary and its log lines
 * redact every key registered.
 */
public final class Secrets {
  /** What replaces a secret. */
  public static final String MASK = "***";

  /**
   * Secrets shorter than this are not redacted: they would match ordinary text, and no real API
   * key is that short.
   */
  public static final int MIN_LENGTH = 8;

  /** Keys in use, with how many clients hold each. */
  private static final Map<String, Integer> IN_USE = new ConcurrentHashMap<>();

  private Secrets() {}

  /** Records that a client holds {@code secret}; null or short secrets are ignored. */
  public static void register(String secret) {
    if (secret != null && secret.length() >= MIN_LENGTH) {
      IN_USE.merge(secret, 1, Integer::sum);
    }
  }

  /** Records that a client holding {@code secret} has closed. */
  public static void release(String secret) {
    if (secret != null) {
      IN_USE.computeIfPresent(secret, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Returns the text without any registered secret, nor any of {@code also}. */
  public static String redact(String text, Iterable<String> also) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : IN_USE.keySet()) {
      out = redact(out, secret);
    }
    if (also != null) {
      for (String secret : also) {
        out = redact(out, secret);
      }
    }
    return out;
  }

  /** Returns the text without any registered secret. */
  public static String redact(String text) {
    return redact(text, java.util.List.of());
  }

  /**
   * Returns the text with every occurrence of {@code secret} replaced by {@link #MASK}: as
   * written, URL-encoded (as a query component or a path segment) and JSON-escaped.
   */
  public static String redact(String text, String secret) {
    if (text == null || secret == null || secret.length() < MIN_LENGTH) {
      return text;
    }
    String out = text;
    for (String form : forms(secret)) {
      out = out.replace(form, MASK);
    }
    return out;
  }

  private static Set<String> forms(String secret) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);
    String query = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    forms.add(query);
    forms.add(query.replace("+", "%20"));
    forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
    forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\""));
    return forms;
  }
}
