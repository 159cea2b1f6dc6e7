package io.incidentql.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Tests of a call scope: a derived scope stops with any of its flags and keeps the query's
 * deadline; a scope that stops says why with the one cancel exception and the one timeout message.
 */
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

  private static ApiCallScope expired() {
    ApiCallScope scope = ApiCallScope.of(new AtomicBoolean(), Duration.ofMillis(1));
    while (!scope.expired()) {
      Thread.onSpinWait();
    }
    return scope;
  }

  @Test
  void aScopeThatDoesNotStopLetsTheWorkGoOn() {
    ApiCallScope scope = ApiCallScope.of(new AtomicBoolean(), Duration.ofHours(1));
    assertFalse(scope.stopping());
    scope.checkStopped(ApiRequest.of("/v2/alerts"));
    scope.checkStopped("it was being planned");
    ApiCallScope.NONE.checkStopped("it was being planned");
  }

  @Test
  void aCancelledQueryEndsWithTheCancelExceptionNamingThePath() {
    AtomicBoolean flag = new AtomicBoolean(true);
    ApiRequest request = ApiRequest.of("/v2/alerts").with("page_size", "50");
    ApiCallScope scope = ApiCallScope.of(flag, null);
    assertTrue(scope.stopping());
    ApiCancelledException e =
        assertThrows(ApiCancelledException.class, () -> scope.checkStopped(request));
    assertEquals(
        "Query cancelled while requesting /v2/alerts from the incident.io API", e.getMessage());
    assertSame(request, e.request());
  }

  @Test
  void aCancelOutranksATimeoutThatCameWithIt() {
    ApiCallScope scope = expired().orWhen(new AtomicBoolean(true));
    ApiException e = scope.stopped(ApiRequest.of("/v2/alerts"));
    assertEquals(ApiCancelledException.class, e.getClass(), e.getMessage());
  }

  @Test
  void aPassedDeadlineEndsTheQueryWithTheOneTimeoutMessage() {
    ApiCallScope scope = expired();
    ApiTimeoutException reading =
        assertThrows(
            ApiTimeoutException.class, () -> scope.checkStopped(ApiRequest.of("/v2/incidents")));
    assertEquals(
        "Query timeout of 1 ms exceeded while requesting /v2/incidents from the incident.io API;"
            + " raise the timeout (Statement.setQueryTimeout), or narrow or simplify the query",
        reading.getMessage());
    ApiTimeoutException planning =
        assertThrows(ApiTimeoutException.class, () -> scope.checkStopped("it was being planned"));
    assertEquals(
        "Query timeout of 1 ms exceeded while it was being planned;"
            + " raise the timeout (Statement.setQueryTimeout), or narrow or simplify the query",
        planning.getMessage());
    assertNull(planning.request());
  }

  @Test
  void anInterruptedThreadEndsTheQueryAsCancelledAndKeepsItsFlag() {
    ApiCallScope scope = expired();
    Thread.currentThread().interrupt();
    try {
      assertTrue(ApiCallScope.NONE.stopping(), "an interrupt stops even a scope without bounds");
      ApiCancelledException e =
          assertThrows(ApiCancelledException.class, () -> scope.checkStopped("it was being planned"));
      assertEquals("Query interrupted while it was being planned", e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }
}
