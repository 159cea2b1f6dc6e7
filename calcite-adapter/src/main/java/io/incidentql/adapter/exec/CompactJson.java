package io.incidentql.adapter.exec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.incidentql.adapter.api.internal.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writer of a JSON value's compact text, the text a JSON column holds: the same text Jackson
 * writes for the value read into a tree.
 *
 * <p>Jackson writes no whitespace, integers as their plain digits, floating-point numbers as
 * {@link Double#toString}, and strings with only control characters, {@code "} and {@code \}
 * escaped ({@code \n} and the like where there is a short form, else a backslash, {@code u00} and two hex digits). Most
 * values are rewritten that way straight from their bytes: whitespace dropped, escapes of other
 * characters turned into the characters. A value with a number that Jackson would write
 * differently ({@code 1.50}, {@code 1e3}, {@code -0}) is copied token by token through a
 * generator instead, which writes each token as a tree would. One difference remains: an object
 * with the same key twice keeps both, where a tree keeps the last.
 */
final class CompactJson {
  /** One reusable generator per thread, writing into a reusable buffer. */
  private static final ThreadLocal<Copier> COPIER = ThreadLocal.withInitial(Copier::new);

  /** One reusable byte buffer per thread. */
  private static final ThreadLocal<Rewriter> BYTES = ThreadLocal.withInitial(Rewriter::new);

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private CompactJson() {}

  /**
   * Returns the compact text of the array or object whose opening bracket is at {@code from},
   * rewritten from its bytes, or null when the generator must write it: a number with a fraction
   * or exponent, {@code -0}, an escape that names half a surrogate pair, or a value that does not
   * end within the bytes (which the parser then reports).
   */
  static String text(byte[] b, int from) {
    return BYTES.get().text(b, from);
  }

  /** Copies the value at the parser's current token as compact text, leaving it consumed. */
  static String copy(JsonParser p) throws IOException {
    try {
      return COPIER.get().copy(p);
    } catch (IOException | RuntimeException e) {
      // The generator may be left inside the value; the next value gets a fresh one.
      COPIER.remove();
      throw e;
    }
  }

  /** A generator writing into a buffer that is emptied for each value. */
  private static final class Copier {
    private final StringBuilder text = new StringBuilder(256);
    private final JsonGenerator generator;

    Copier() {
      Writer sink =
          new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
              text.append(chars, offset, length);
            }

            @Override
            public void write(String s, int offset, int length) {
              text.append(s, offset, offset + length);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      try {
        generator = Json.MAPPER.getFactory().createGenerator(sink);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      // Each value is written as a document of its own, without a separator before it.
      generator.setRootValueSeparator(null);
    }

    String copy(JsonParser p) throws IOException {
      text.setLength(0);
      generator.copyCurrentStructure(p);
      generator.flush();
      return text.toString();
    }
  }

  /** A byte buffer that values are rewritten into, emptied for each value. */
  private static final class Rewriter {
    private byte[] out = new byte[512];
    private int length;

    String text(byte[] b, int from) {
      length = 0;
      int depth = 0;
      int i = from;
      int n = b.length;
      while (i < n) {
        byte c = b[i];
        switch (c) {
          case '[':
          case '{':
            depth++;
            put(c);
            i++;
            break;
          case ']':
          case '}':
            put(c);
            i++;
            if (--depth == 0) {
              return new String(out, 0, length, StandardCharsets.UTF_8);
            }
            break;
          case ' ':
          case '\t':
          case '\n':
          case '\r':
            i++;
            break;
          case '"':
            i = string(b, i + 1, n);
            if (i < 0) {
              return null;
            }
            break;
          case '-':
            if (i + 1 < n && b[i + 1] == '0') {
              return null;
            }
            put(c);
            i++;
            break;
          case '.':
            return null;
          case 'e':
          case 'E':
            // Outside strings an "e" ends true or false, or starts an exponent.
            if (b[i - 1] != 'u' && b[i - 1] != 's') {
              return null;
            }
            put(c);
            i++;
            break;
          default:
            put(c);
            i++;
        }
      }
      return null;
    }

    /** Rewrites the string whose first byte after the quote is at {@code i}; returns its end. */
    private int string(byte[] b, int i, int n) {
      put((byte) '"');
      while (i < n) {
        // Most of a string needs no rewriting: copy it in one piece.
        int run = i;
        while (i < n && b[i] != '"' && b[i] != '\\') {
          i++;
        }
        putAll(b, run, i - run);
        if (i >= n) {
          return -1;
        }
        byte c = b[i++];
        if (c == '"') {
          put(c);
          return i;
        }
        if (i >= n) {
          return -1;
        }
        byte e = b[i++];
        switch (e) {
          case '"':
          case '\\':
          case 'b':
          case 'f':
          case 'n':
          case 'r':
          case 't':
            put((byte) '\\');
            put(e);
            break;
          case '/':
            put(e);
            break;
          case 'u':
            int unit = hex(b, i, n);
            if (unit < 0) {
              return -1;
            }
            i += 4;
            if (unit >= 0xD800 && unit <= 0xDBFF) {
              int low = i + 6 <= n && b[i] == '\\' && b[i + 1] == 'u' ? hex(b, i + 2, n) : -1;
              if (low < 0xDC00 || low > 0xDFFF) {
                return -1;
              }
              i += 6;
              codePoint(Character.toCodePoint((char) unit, (char) low));
            } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
              return -1;
            } else {
              character(unit);
            }
            break;
          default:
            return -1;
        }
      }
      return -1;
    }

    /** Writes a character of the basic plane as Jackson writes it inside a string. */
    private void character(int ch) {
      switch (ch) {
        case '"':
          put((byte) '\\');
          put((byte) '"');
          return;
        case '\\':
          put((byte) '\\');
          put((byte) '\\');
          return;
        case '\b':
          put((byte) '\\');
          put((byte) 'b');
          return;
        case '\t':
          put((byte) '\\');
          put((byte) 't');
          return;
        case '\n':
          put((byte) '\\');
          put((byte) 'n');
          return;
        case '\f':
          put((byte) '\\');
          put((byte) 'f');
          return;
        case '\r':
          put((byte) '\\');
          put((byte) 'r');
          return;
        default:
          if (ch < 0x20) {
            put((byte) '\\');
            put((byte) 'u');
            put((byte) '0');
            put((byte) '0');
            put(HEX[ch >> 4]);
            put(HEX[ch & 0xF]);
          } else {
            codePoint(ch);
          }
      }
    }

    /** Writes a code point as UTF-8. */
    private void codePoint(int cp) {
      if (cp < 0x80) {
        put((byte) cp);
      } else if (cp < 0x800) {
        put((byte) (0xC0 | (cp >> 6)));
        put((byte) (0x80 | (cp & 0x3F)));
      } else if (cp < 0x10000) {
        put((byte) (0xE0 | (cp >> 12)));
        put((byte) (0x80 | ((cp >> 6) & 0x3F)));
        put((byte) (0x80 | (cp & 0x3F)));
      } else {
        put((byte) (0xF0 | (cp >> 18)));
        put((byte) (0x80 | ((cp >> 12) & 0x3F)));
        put((byte) (0x80 | ((cp >> 6) & 0x3F)));
        put((byte) (0x80 | (cp & 0x3F)));
      }
    }

    /** Returns the value of four hex digits at {@code i}, or -1. */
    private static int hex(byte[] b, int i, int n) {
      if (i + 4 > n) {
        return -1;
      }
      int v = 0;
      for (int k = i; k < i + 4; k++) {
        int c = b[k];
        int d;
        if (c >= '0' && c <= '9') {
          d = c - '0';
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
          d = (c | 0x20) - 'a' + 10;
        } else {
          return -1;
        }
        v = (v << 4) | d;
      }
      return v;
    }

    private void putAll(byte[] b, int from, int count) {
      if (length + count > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, length + count));
      }
      System.arraycopy(b, from, out, length, count);
      length += count;
    }

    private void put(byte c) {
      if (length == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      out[length++] = c;
    }
  }
}
