package io.incidentql.simulator.data;

import java.util.SplittableRandom;

/**
 * Generator of ULID-style identifiers: 26 Crockford base32 characters holding a 48-bit
 * millisecond timestamp followed by 80 random bits, so that string order follows time order.
 */
public final class Ulid {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final long MAX_TIME = (1L << 48) - 1;

  private Ulid() {}

  /** Returns a new identifier for the given instant, its random part drawn from {@code random}. */
  public static String next(long epochMillis, SplittableRandom random) {
    if (epochMillis < 0 || epochMillis > MAX_TIME) {
      throw new IllegalArgumentException("time out of ULID range: " + epochMillis);
    }
    char[] out = new char[26];
    long time = epochMillis;
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    long low = random.nextLong();
    long high = random.nextInt(1 << 16);
    for (int i = 25; i >= 10; i--) {
      out[i] = ALPHABET[(int) (low & 31)];
      low = (low >>> 5) | ((high & 31) << 59);
      high >>>= 5;
    }
    return new String(out);
  }

  /** Returns the millisecond timestamp encoded in the first ten characters of {@code ulid}. */
  public static long timeOf(String ulid) {
    long time = 0;
    for (int i = 0; i < 10; i++) {
      int digit = indexOf(ulid.charAt(i));
      if (digit < 0) {
        throw new IllegalArgumentException("not a ULID: " + ulid);
      }
      time = (time << 5) | digit;
    }
    return time;
  }

  /** Tells whether {@code text} has the shape of an identifier made by {@link #next}. */
  public static boolean isWellFormed(String text) {
    if (text == null || text.length() != 26 || indexOf(text.charAt(0)) > 7) {
      return false;
    }
    for (int i = 0; i < 26; i++) {
      if (indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(char c) {
    for (int i = 0; i < ALPHABET.length; i++) {
      if (ALPHABET[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
