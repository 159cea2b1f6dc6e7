package io.incidentql.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Tests of a derived scope: it stops with any of its flags and keeps the query's deadline. */
class ApiCallScopeTest {
  @Test
  void aDerivedScopeIsCancelledByTheQuerysFlagAndByEachFlagAddedToIt() {
    AtomicBoolean query = new AtomicBoolean();
    AtomicBoolean scan = new AtomicBoolean();
    AtomicBoolean page = new AtomicBoolean();
    ApiCallScope derived = ApiCallScope.of(query, null).orWhen(scan).orWhen(page);
    assertFalse(derived.cancelled());
    assertTrue(derived.usesFlag(query) && derived.usesFlag(scan) && derived.usesFlag(page));
    scan.set(true);
    assertTrue(derived.cancelled(), "the first added flag still counts after a second");
    scan.set(false);
    query.set(true);
    assertTrue(derived.cancelled(), "the query's own cancel reaches a derived scope");
  }

  @Test
  void aDerivedScopeKeepsADeadlineThatHasAlreadyPassed() throws InterruptedException {
    ApiCallScope query = ApiCallScope.of(new AtomicBoolean(), Duration.ofMillis(1));
    Thread.sleep(5);
    assertTrue(query.expired());
    ApiCallScope derived = query.orWhen(new AtomicBoolean());
    assertTrue(derived.expired(), "an expired deadline is not dropped");
    assertEquals(Duration.ofMillis(1), derived.timeout());
  }
}
