package io.incidentql.simulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests of ULID generation and decoding. */
class UlidTest {
  @Test
  void encodesTheTimeInTheFirstTenCharacters() {
    // The documentation's incident id 01FDAG4SAP5TYPT98WGR2N7W91 was made at 2021-08-17T16:47:05.558Z.
    long documented = 1_629_218_825_558L;
    assertEquals(documented, Ulid.timeOf("01FDAG4SAP5TYPT98WGR2N7W91"));
    String id = Ulid.next(documented, new SplittableRandom(1));
    assertEquals(26, id.length());
    assertTrue(Ulid.isWellFormed(id));
    assertEquals("01FDAG4SAP", id.substring(0, 10));
    assertEquals(documented, Ulid.timeOf(id));
  }

  @Test
  void sortsByTime() {
    SplittableRandom random = new SplittableRandom(2);
    String earlier = Ulid.next(1_700_000_000_000L, random);
    String later = Ulid.next(1_700_000_000_001L, random);
    assertTrue(earlier.compareTo(later) < 0);
  }

  @Test
  void usesCrockfordBase32Only() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      String id = Ulid.next(random.nextLong(1L << 47), random);
      assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{26}"), id);
    }
  }

  @Test
  void rejectsWhatItCannotEncodeOrRead() {
    assertThrows(IllegalArgumentException.class, () -> Ulid.next(-1, new SplittableRandom(1)));
    assertThrows(IllegalArgumentException.class, () -> Ulid.timeOf("UUUUUUUUUUUUUUUUUUUUUUUUUU"));
    assertFalse(Ulid.isWellFormed("01FDAG4SAP5TYPT98WGR2N7W9"));
    assertFalse(Ulid.isWellFormed("81FDAG4SAP5TYPT98WGR2N7W91"));
    assertTrue(Ulid.isWellFormed("01FDAG4SAP5TYPT98WGR2N7W91"));
  }
}
