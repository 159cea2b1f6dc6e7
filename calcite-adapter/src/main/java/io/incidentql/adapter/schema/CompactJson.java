package io.incidentql.adapter.schema;

/**
 * Test of whether a JSON value's bytes are already the text Jackson writes for it compactly, so
 * that a JSON column can take them as they are instead of building and writing a tree.
 *
 * <p>Jackson writes no whitespace, integers as their plain digits, floating-point numbers as
 * {@link Double#toString}, and strings with only a few characters escaped. Bytes that could
 * differ from that (whitespace, a fraction or exponent, {@code -0}, any escape in a string) are
 * reported as not compact, and the caller writes the value itself. Non-ASCII characters in
 * strings are written as they are by both.
 */
final class CompactJson {
  private CompactJson() {}

  /** Returns whether {@code length} bytes of valid JSON at {@code from} are compact as above. */
  static boolean isCompact(byte[] b, int from, int length) {
    int end = from + length;
    int i = from;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        i++;
        while (true) {
          if (i >= end) {
            return false;
          }
          byte s = b[i++];
          if (s == '"') {
            break;
          }
          if (s == '\\') {
            return false;
          }
        }
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (c == '-' && i + 1 < end && b[i + 1] == '0') {
          return false;
        }
        i++;
        while (i < end) {
          byte d = b[i];
          if (d >= '0' && d <= '9') {
            i++;
          } else if (d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-') {
            return false;
          } else {
            break;
          }
        }
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        return false;
      } else {
        // Structure and the letters of true, false and null.
        i++;
      }
    }
    return true;
  }
}
