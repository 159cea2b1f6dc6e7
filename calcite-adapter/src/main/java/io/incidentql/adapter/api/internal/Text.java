package io.incidentql.adapter.api.internal;

import java.nio.charset.StandardCharsets;

/** Helpers that make untrusted text (response bodies, values) safe to put in a message. */
public final class Text {
  /** How much of a response body an error message quotes. */
  public static final int SNIPPET_LENGTH = 200;

  private Text() {}

  /**
   * Returns the start of a body as one line: control characters become spaces, runs of
   * whitespace collapse, and an ellipsis marks a cut.
   */
  public static String snippet(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    // Decode a little more than needed: multi-byte characters may take up to four bytes each.
    int take = Math.min(body.length, SNIPPET_LENGTH * 4);
    String text = new String(body, 0, take, StandardCharsets.UTF_8);
    return oneLine(text, SNIPPET_LENGTH, take < body.length);
  }

  /** Returns a value quoted and cut to at most {@code max} characters, on one line. */
  public static String quote(String value, int max) {
    return "\"" + oneLine(value, max, false) + "\"";
  }

  private static String oneLine(String text, int max, boolean moreFollows) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 1);
    boolean lastWasSpace = false;
    int i = 0;
    for (; i < text.length() && sb.length() < max; i++) {
      char c = text.charAt(i);
      // Control characters could forge log lines or terminal escapes; show them as spaces.
      boolean space = Character.isWhitespace(c) || Character.isISOControl(c);
      if (space) {
        if (!lastWasSpace && sb.length() > 0) {
          sb.append(' ');
        }
        lastWasSpace = true;
      } else {
        sb.append(c);
        lastWasSpace = false;
      }
    }
    String result = sb.toString().strip();
    if (i < text.length() || moreFollows) {
      result += "…";
    }
    return result;
  }
}
