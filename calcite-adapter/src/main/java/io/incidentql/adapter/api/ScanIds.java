package io.incidentql.adapter.api;

import io.incidentql.adapter.api.internal.Text;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Set of the row ids one scan has received, kept to fail the scan when the API sends a row a
 * second time (a cursor that points back into earlier pages would repeat rows without ever
 * repeating itself).
 *
 * <p>The ids are stored as their UTF-8 bytes, one after the other in a single array, with an
 * open-addressing table of offsets: about 40 bytes per ULID, so a scan of 200,000 rows holds
 * about 8 MB, a fifth of what a {@code HashSet<String>} would. Not thread-safe.
 */
public final class ScanIds {
  private byte[] bytes = new byte[1024];
  private int used;
  /** Offsets into {@link #bytes} plus one; 0 marks a free slot. */
  private int[] slots = new int[64];
  private int size;

  /**
   * Records the id of a row read in answer to {@code at}, failing with an {@link
   * ApiResponseException} if this scan has received it before. A null id (a row without one)
   * is not checked.
   *
   * @param scan the first request of the scan, named in the message
   */
  public void add(String id, ApiRequest at, ApiRequest scan) {
    if (id != null && !add(id)) {
      throw ApiResponseException.inconsistent(
          at,
          "the row with id "
              + Text.quote(id, 60)
              + " came a second time while paging through "
              + scan
              + " (a pagination cursor that points back to rows already sent?)");
    }
  }

  /** Returns how many ids are held. */
  public int size() {
    return size;
  }

  /** Adds the id; returns false if it was already there. */
  boolean add(String id) {
    byte[] key = id.getBytes(StandardCharsets.UTF_8);
    int mask = slots.length - 1;
    for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == 0) {
        slots[i] = store(key) + 1;
        if (++size * 2 > slots.length) {
          grow();
        }
        return true;
      }
      if (equalsAt(slot - 1, key)) {
        return false;
      }
    }
  }

  /** Appends the key as a 4-byte length and its bytes; returns where it starts. */
  private int store(byte[] key) {
    int need = used + 4 + key.length;
    if (need > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length * 2));
    }
    int at = used;
    bytes[at] = (byte) (key.length >>> 24);
    bytes[at + 1] = (byte) (key.length >>> 16);
    bytes[at + 2] = (byte) (key.length >>> 8);
    bytes[at + 3] = (byte) key.length;
    System.arraycopy(key, 0, bytes, at + 4, key.length);
    used = need;
    return at;
  }

  private int lengthAt(int at) {
    return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16)
        | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
  }

  private boolean equalsAt(int at, byte[] key) {
    int length = lengthAt(at);
    return length == key.length
        && Arrays.equals(bytes, at + 4, at + 4 + length, key, 0, key.length);
  }

  private void grow() {
    int[] old = slots;
    slots = new int[old.length * 2];
    int mask = slots.length - 1;
    for (int slot : old) {
      if (slot != 0) {
        int at = slot - 1;
        int h = hash(bytes, at + 4, lengthAt(at));
        int i = h & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }

  private static int hash(byte[] key) {
    return hash(key, 0, key.length);
  }

  private static int hash(byte[] a, int from, int length) {
    int h = 1;
    for (int i = from; i < from + length; i++) {
      h = 31 * h + a[i];
    }
    // Spread the bits: ULIDs share long prefixes, and the table uses the low bits.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }
}
