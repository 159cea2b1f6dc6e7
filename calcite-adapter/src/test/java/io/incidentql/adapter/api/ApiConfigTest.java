package io.incidentql.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tests of the client settings: defaults, validation and a {@code toString} without the key. */
class ApiConfigTest {
  @Test
  void hasSensibleDefaults() {
    ApiConfig config = ApiConfig.builder().build();
    assertEquals("https://api.incident.io/", config.baseUrl());
    assertNull(config.apiKey());
    assertEquals(Duration.ofSeconds(10), config.connectTimeout());
    assertEquals(Duration.ofSeconds(30), config.readTimeout());
    assertEquals(Duration.ofMinutes(5), config.callTimeout());
    assertEquals(5, config.maxRateLimitRetries());
    assertEquals(Duration.ofMinutes(2), config.maxRateLimitWait());
    assertTrue(config.userAgent().matches("IncidentQL/\\S+"), config.userAgent());
  }

  @Test
  void toStringShowsEverythingButTheKey() {
    ApiConfig config = ApiConfig.builder().apiKey("test-key-not-real").build();
    assertEquals(
        "ApiConfig{baseUrl=https://api.incident.io/, apiKey=***, connectTimeout=PT10S,"
            + " readTimeout=PT30S, callTimeout=PT5M, maxRateLimitRetries=5, maxRateLimitWait=PT2M,"
            + " maxRetries=3, retryBackoff=PT0.5S, maxRetryTime=PT1M, rateLimit=1200/PT1M,"
            + " maxResponseBytes=16777216, cacheTtl=PT1M, cacheMaxBytes=67108864,"
            + " userAgent=" + config.userAgent() + "}",
        config.toString());
    assertFalse(config.toString().contains("test-key-not-real"));
    assertTrue(ApiConfig.builder().build().toString().contains("apiKey=(none)"));
  }

  @Test
  void treatsABlankKeyAsNone() {
    assertNull(ApiConfig.builder().apiKey("  ").build().apiKey());
  }

  @Test
  void toBuilderKeepsEverySetting() {
    ApiConfig config =
        ApiConfig.builder()
            .baseUrl("http://127.0.0.1:8080/api")
            .apiKey("test-key-not-real")
            .readTimeout(Duration.ofSeconds(3))
            .maxRateLimitRetries(1)
            .userAgent("Probe/1")
            .build();
    ApiConfig copy = config.toBuilder().build();
    assertEquals(config.toString(), copy.toString());
    assertEquals("test-key-not-real", copy.apiKey());
  }

  @Test
  void rejectsABaseUrlThatIsNotHttp() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ApiConfig.builder().baseUrl("ftp://x").build());
    assertTrue(e.getMessage().contains("http or https URL"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ApiConfig.builder().baseUrl("https://api.incident.io/?x=1").build());
  }

  @Test
  void rejectsACallTimeoutThatWouldCutRateLimitWaitsShort() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ApiConfig.builder().callTimeout(Duration.ofSeconds(30)).build());
    assertTrue(e.getMessage().contains("must be longer than maxRateLimitWait"), e.getMessage());
    ApiConfig.builder().callTimeout(Duration.ZERO).build();
  }

  @Test
  void refusesPlainHttpToAnotherMachineUnlessAllowed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ApiConfig.builder().baseUrl("http://api.example.com").build());
    assertTrue(e.getMessage().contains("unencrypted"), e.getMessage());
    assertTrue(e.getMessage().contains("allowInsecureHttp=true"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ApiConfig.builder().baseUrl("http://10.0.0.7:8080").build());
    assertEquals(
        "http://api.example.com/",
        ApiConfig.builder().baseUrl("http://api.example.com").allowInsecureHttp(true).build()
            .baseUrl());
    for (String local :
        new String[] {"http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9", "http://127.8.0.1"}) {
      assertTrue(ApiConfig.builder().baseUrl(local).build().baseUrl().startsWith("http://"));
    }
  }

  @Test
  void countsOnlyLocalhostItselfAndLiteralLoopbackAddressesAsThisMachine() {
    // A name is not resolved: evil.localhost or a name that merely looks numeric may point
    // anywhere, and the key would cross the network in clear text.
    for (String remote :
        new String[] {
          "http://evil.localhost", "http://localhost.evil.example", "http://127.0.0.1.nip.io",
          "http://1.2.3.4.5", "http://[::2]", "http://10.0.0.1"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ApiConfig.builder().baseUrl(remote).build(),
              remote);
      assertTrue(e.getMessage().contains("plain http to another machine"), e.getMessage());
    }
    for (String local : new String[] {"http://LOCALHOST:8080", "http://127.255.0.9", "http://[0:0:0:0:0:0:0:1]"}) {
      assertTrue(ApiConfig.builder().baseUrl(local).build().baseUrl().startsWith("http://"), local);
    }
  }

  @Test
  void rejectsNegativeSettings() {
    assertThrows(IllegalArgumentException.class, () -> ApiConfig.builder().maxRetries(-1).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ApiConfig.builder().rateLimit(-1, Duration.ofMinutes(1)).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ApiConfig.builder().maxRetryTime(Duration.ofSeconds(-1)).build());
    assertThrows(
        IllegalArgumentException.class, () -> ApiConfig.builder().maxRateLimitRetries(-1).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ApiConfig.builder().readTimeout(Duration.ofSeconds(-1)).build());
  }
}
