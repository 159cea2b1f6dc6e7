package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tests of what the self-contained jar does to the application around it: its log lines reach
 * the application's logging (here java.util.logging, the default of System.Logger), it brings no
 * logging provider, and its Calcite settings are its own, invisible to another Calcite.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfContainedJarSettingsIT {
  private static final String DEMO = "jdbc:incidentio:demo=true";
  /** Held here: java.util.logging keeps loggers only weakly, and a collected one loses its level. */
  private static final Logger DRIVER_LOGGER = Logger.getLogger("io.incidentql");

  private static URLClassLoader loader;
  private static Driver driver;

  @BeforeAll
  static void load() throws Exception {
    // A loader of this class's own: the jar's logging starts up in the first test, as it would
    // in a fresh application.
    loader = SelfContainedJar.isolatedLoader();
    driver = SelfContainedJar.drivers(loader).get(0);
  }

  @AfterAll
  static void unload() throws Exception {
    loader.close();
  }

  @Test
  @Order(1)
  void theDriversDebugLinesReachTheApplicationsLoggingAndNothingElseIsPrinted() throws Exception {
    List<LogRecord> records = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public synchronized void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    Level saved = DRIVER_LOGGER.getLevel();
    DRIVER_LOGGER.setLevel(Level.FINE);
    DRIVER_LOGGER.addHandler(capture);
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (Connection c = driver.connect(DEMO, new Properties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT reference FROM incidents LIMIT 1")) {
      assertTrue(rs.next());
    } finally {
      System.setErr(savedErr);
      DRIVER_LOGGER.removeHandler(capture);
      DRIVER_LOGGER.setLevel(saved);
    }
    List<String> requestLines;
    synchronized (capture) {
      requestLines =
          records.stream()
              .filter(r -> r.getLoggerName().startsWith("io.incidentql.adapter.api.internal."))
              .filter(r -> r.getLevel() == Level.FINE)
              .map(LogRecord::getMessage)
              .filter(m -> m.startsWith("GET /v2/incidents?") && m.contains(" -> HTTP 200 in "))
              .toList();
    }
    assertFalse(requestLines.isEmpty(), "request lines at debug level: " + records.size());
    String printed = err.toString(StandardCharsets.UTF_8);
    assertFalse(printed.contains("SLF4J"), "no complaint about a missing provider: " + printed);
  }

  @Test
  @Order(2)
  void theJarsCalciteSettingsAreItsOwnAndInvisibleToAnotherCalcite() throws Exception {
    try (JarFile jar = new JarFile(SelfContainedJar.path().toFile())) {
      assertNull(jar.getEntry("saffron.properties"), "nothing at the root for any Calcite to read");
      assertNotNull(jar.getEntry("io/incidentql/shaded/saffron.properties"));
      assertNull(
          jar.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"),
          "no provider for an application's SLF4J");
    }
    // Another Calcite on a class path that holds the jar looks the file up by this name.
    assertNull(loader.getResource("saffron.properties"));
    // The jar's own Calcite read its settings: Unicode literals parse (ISO-8859-1 otherwise).
    try (Connection c = driver.connect(DEMO, new Properties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 'Paiement échoué 🔒' AS t FROM incidents LIMIT 1")) {
      assertTrue(rs.next());
      assertEquals("Paiement échoué 🔒", rs.getString(1));
    }
    Class<?> settings =
        loader.loadClass("io.incidentql.shaded.org.apache.calcite.config.CalciteSystemProperty");
    Object cacheSize = settings.getField("BINDABLE_CACHE_MAX_SIZE").get(null);
    assertEquals(256, settings.getMethod("value").invoke(cacheSize));
  }
}
