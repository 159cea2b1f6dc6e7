package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test that treats the JDBC URL and {@code Properties} as written by someone else: only the
 * driver's documented properties are accepted, the engine's own settings are refused before any
 * file or network is touched, and nothing typed oddly shows the key.
 */
class HostileUrlTest {
  /** A distinctive key, so that any trace of it is easy to spot. */
  private static final String KEY = "test-key-not-real-HOSTILEURL-7151";

  /** A server on 127.0.0.1 that counts the connections it is asked for, and answers none. */
  private static ServerSocket trap;
  private static final AtomicInteger KNOCKS = new AtomicInteger();
  private static Thread acceptor;

  /** The API stand-in for the connections the test accepts, which check their key with it. */
  private static Simulator sim;

  @TempDir static Path dir;
  /** A file whose content any reading of it would show: the first token of a model file. */
  private static Path secretFile;

  @BeforeAll
  static void setUp() throws IOException {
    trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!trap.isClosed()) {
                try (Socket s = trap.accept()) {
                  KNOCKS.incrementAndGet();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "hostile-url-trap");
    acceptor.setDaemon(true);
    acceptor.start();
    sim = Simulator.start(SimulatorConfig.builder().seed(1).scale(5, 5, 5, 5).apiKey(KEY).build());
    secretFile = dir.resolve("model.json");
    Files.writeString(secretFile, "FILECONTENT-0451 is what the file holds\n");
  }

  @AfterAll
  static void tearDown() throws Exception {
    trap.close();
    acceptor.join(5_000);
    sim.close();
  }

  private static String trapUrl() {
    return "http://127.0.0.1:" + trap.getLocalPort();
  }

  /** Values an attacker would put into a property: a file, a JDBC URL, a class, a function. */
  private static List<String> hostileValues() {
    String inlineJdbc =
        "'inline:{\"version\":\"1.0\",\"defaultSchema\":\"x\",\"schemas\":[{\"name\":\"x\","
            + "\"type\":\"jdbc\",\"jdbcUrl\":\"jdbc:incidentio:baseUrl=" + trapUrl()
            + ";allowInsecureHttp=true;apiKey=" + KEY + "\"}]}'";
    return List.of(
        secretFile.toString(),
        inlineJdbc,
        trapUrl() + "/model.json",
        "org.apache.calcite.adapter.jdbc.JdbcSchema$Factory",
        "java.lang.Runtime",
        "oracle,postgresql,mysql,bigquery",
        "'/etc/passwd'");
  }

  /** The connection that the test refuses: a good base URL, the key, and one hostile pair. */
  private static SQLException refused(String name, String value) {
    String url = "jdbc:incidentio:baseUrl=" + trapUrl() + ";apiKey=" + KEY + ";" + name + "=" + value;
    return assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close(), url);
  }

  private static void assertClean(SQLException e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String all = e.getMessage() + "\n" + trace;
    assertFalse(all.contains(KEY), all);
    assertFalse(all.contains("HOSTILEURL"), all);
    assertFalse(all.contains("FILECONTENT"), "the file was read:\n" + all);
  }

  @Test
  void everyDocumentedPropertyMistypedIsRefusedWithWhatWasMeant() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          for (String name : ConnectionSettings.ACCEPTED) {
            String typo = name.substring(0, name.length() - 1);
            for (String value : hostileValues()) {
              SQLException e = refused(typo, value);
              assertEquals("08001", e.getSQLState(), e.getMessage());
              assertTrue(
                  e.getMessage().startsWith("Unknown connection property \"" + typo + "\": did you"
                      + " mean '" + name + "'?"),
                  e.getMessage());
              assertClean(e);
            }
          }
        });
    assertEquals(0, KNOCKS.get(), "a refused connection reached the network");
  }

  @Test
  void theEnginesOwnSettingsCannotBeSetThroughAConnection() throws Exception {
    List<String> engine =
        List.of(
            "model", "schemaFactory", "fun", "caseSensitive", "lex", "conformance", "schema",
            "schemaType", "parserFactory", "typeSystem", "quoting", "unquotedCasing",
            "quotedCasing", "createMaterializations", "forceDecorrelate", "spark");
    for (String name : engine) {
      for (String value : hostileValues()) {
        SQLException e = refused(name, value);
        assertEquals("08001", e.getSQLState(), e.getMessage());
        assertTrue(
            e.getMessage().startsWith("Unknown connection property \"" + name + "\": it is a"
                + " setting of the SQL engine inside the driver, which the driver makes itself"),
            e.getMessage());
        assertTrue(e.getMessage().contains("docs/connection-properties.md"), e.getMessage());
        assertClean(e);
      }
      // The same through Properties, and with a case that differs.
      Properties p = new Properties();
      p.setProperty("password", KEY);
      p.setProperty(name.toUpperCase(), secretFile.toString());
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection("jdbc:incidentio:baseUrl=" + trapUrl(), p).close());
      assertEquals("08001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains(name.toUpperCase()), e.getMessage());
      assertClean(e);
    }
    assertEquals(0, KNOCKS.get(), "a refused connection reached the network");
  }

  @Test
  void anUnknownPropertyIsNamedNotIgnored() {
    SQLException e = refused("readTimeoutSecond", "1");
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().startsWith(
        "Unknown connection property \"readTimeoutSecond\": did you mean 'readTimeoutSeconds'?"),
        e.getMessage());
    e = refused("maxRetry", "0");
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Unknown connection property \"maxRetry\". The driver"
        + " accepts only these properties (see docs/connection-properties.md): apiKey, baseUrl,"),
        e.getMessage());
    assertTrue(e.getMessage().contains("maxRetries"), e.getMessage());
  }

  @Test
  void theStandardJdbcUserAndPasswordAreAccepted() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "someone");
    p.setProperty("password", KEY);
    sim.requestLog().clear();
    try (Connection c = DriverManager.getConnection("jdbc:incidentio:baseUrl=" + sim.baseUrl(), p)) {
      assertFalse(c.toString().contains(KEY), c.toString());
    }
    assertEquals(1, sim.requestLog().identityChecks().size(), "connecting checks the key");
    assertEquals(List.of(), sim.requestLog().lines(), "connecting sends no other request");
  }

  @Test
  void aSpaceBeforeTheEqualsSignDoesNotShowTheKey() throws Exception {
    for (String pair :
        new String[] {"apiKey =" + KEY, " apiKey = " + KEY + " ", "apiKey='" + KEY + "'",
            "apiKey=\"" + KEY + "\"", "password=" + KEY}) {
      String url = "jdbc:incidentio:baseUrl=" + sim.baseUrl() + ";" + pair + ";maxRetries=1";
      try (Connection c = DriverManager.getConnection(url)) {
        String shown = c.toString() + " " + c.getMetaData().getURL() + " " + c.createStatement();
        assertFalse(shown.contains(KEY), shown);
        assertFalse(shown.contains("HOSTILEURL"), shown);
        assertEquals(
            "jdbc:incidentio:" + (pair.contains("password") ? "" : "apiKey=***;")
                + "baseUrl=" + sim.baseUrl() + ";maxRetries=1"
                + (pair.contains("password") ? ";password=***" : ""),
            c.getMetaData().getURL());
      }
    }
  }

  @Test
  void aUrlThatCannotBeReadIsRefusedWithoutQuotingIt() {
    for (String url :
        new String[] {
          "jdbc:incidentio:baseUrl=" + trapUrl() + ";apiKey='" + KEY,
          "jdbc:incidentio:apiKey=\"" + KEY + ";baseUrl=" + trapUrl(),
          "jdbc:incidentio:apiKey='" + KEY + "'x;demo=true",
        }) {
      SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
      assertEquals("08001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("The properties of the jdbc:incidentio: URL cannot be"
          + " read"), e.getMessage());
      assertClean(e);
    }
  }

  @Test
  void aValueThatSwallowedAnotherPropertyIsNotShown() {
    for (String name : new String[] {"maxRetries", "readTimeoutSeconds", "demo", "language", "timeZone"}) {
      SQLException e = refused(name, "3,apiKey=" + KEY);
      assertEquals("08001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("Invalid value for connection property " + name),
          e.getMessage());
      assertClean(e);
    }
    // A plain mistake is still shown, since it helps.
    SQLException e = refused("maxRetries", "three");
    assertTrue(e.getMessage().startsWith("Invalid value 'three' for connection property maxRetries"),
        e.getMessage());
  }

  @Test
  void aKeyWithALineBreakOrNonAsciiIsRefusedAtConnectWithoutShowingIt() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("line break", KEY + "\r\nX-Injected: yes");
    keys.put("newline", KEY + "\nmore");
    keys.put("non-ASCII", KEY + "é");
    keys.put("inner space", KEY + " " + KEY);
    keys.put("control", KEY + "\u0007" + KEY);
    for (Map.Entry<String, String> k : keys.entrySet()) {
      Properties p = new Properties();
      p.setProperty("apiKey", k.getValue());
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection("jdbc:incidentio:baseUrl=" + trapUrl(), p).close(),
              k.getKey());
      assertEquals("08001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("The API key holds a space, a line break, a control"
          + " character or a non-ASCII character"), e.getMessage());
      assertClean(e);
    }
    assertEquals(0, KNOCKS.get());
  }

  /**
   * Keeps the allow-list and the documentation equal: every property in the tables of the README
   * and docs/connection-properties.md is accepted, and every property accepted is documented.
   */
  @Test
  void theAcceptedPropertiesAreTheDocumentedOnes() throws Exception {
    Set<String> documented = new TreeSet<>();
    Pattern row = Pattern.compile("^\\| `([A-Za-z]+)` \\|.*");
    for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "connection-properties.md"))) {
      boolean inPropertyTable = false;
      for (String line : Files.readAllLines(doc)) {
        if (line.startsWith("| property |")) {
          inPropertyTable = true;
        } else if (!line.startsWith("|")) {
          inPropertyTable = false;
        } else if (inPropertyTable) {
          Matcher m = row.matcher(line);
          if (m.matches()) {
            documented.add(m.group(1));
          }
        }
      }
    }
    Set<String> accepted = new TreeSet<>(ConnectionSettings.ACCEPTED);
    List<String> standard = new ArrayList<>(List.of("user", "password"));
    accepted.removeAll(standard);
    assertEquals(accepted, documented);
    String doc = Files.readString(Path.of("..", "docs", "connection-properties.md"));
    assertTrue(doc.contains("`user`") && doc.contains("`password`"), "the standard ones are documented too");
  }
}
