package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Test of the driver against a hostile server of the test's own on 127.0.0.1: one that echoes
 * the API key back in every place a message quotes (a JSON syntax error, a Content-Type, a row
 * id, a pagination cursor), and one that sends a body too large to hold or a gzip bomb. Each
 * case must fail with its SQLState and a message saying what to do, in bounded time, without the
 * key in the message, the stack trace or any log line.
 */
class HostileResponseTest {
  /** A distinctive key, so that any trace of it is easy to spot. */
  private static final String KEY = "test_key_not_real_HOSTILERESP_3141";
  /** How long any case may take; each one fails in well under a second when all is well. */
  private static final long BOUND_MS = 10_000;

  private HostileServer server;

  @BeforeEach
  void start() throws Exception {
    server = new HostileServer();
    // The first query of a JVM pays for loading the engine; that time is not the case's own.
    server.respond(200, "application/json", "{\"alerts\":[],\"pagination_meta\":{\"page_size\":50}}");
    try (Connection c = DriverManager.getConnection(url(""));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM alerts")) {
      assertFalse(rs.next());
    }
    server.reset();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String url(String extra) {
    return "jdbc:incidentio:baseUrl=http://127.0.0.1:" + server.port() + ";apiKey=" + KEY
        + ";maxRetries=0;rateLimit=0;readTimeoutSeconds=5" + extra;
  }

  /** What the driver logged (every level on) during the last {@link #failure}. */
  private String logs;

  /**
   * Runs the query on a fresh connection and returns how it failed, checking the time bound and
   * that the key is in neither the message, the stack trace nor any log line.
   */
  private SQLException failure(String extra, String sql) {
    long start = System.nanoTime();
    CapturingLog.start();
    SQLException e;
    try {
      e =
          assertThrows(
              SQLException.class,
              () -> {
                try (Connection c = DriverManager.getConnection(url(extra));
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                  while (rs.next()) {
                    rs.getString(1);
                  }
                }
              });
    } finally {
      logs = CapturingLog.stop();
    }
    assertTrue(logs.contains("GET /v2/alerts"), "the capture saw the requests:\n" + logs);
    assertFalse(logs.contains(KEY), logs);
    assertFalse(logs.contains("HOSTILERESP"), logs);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < BOUND_MS, "took " + ms + " ms: " + e.getMessage());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(KEY), trace.toString());
    assertFalse(trace.toString().contains("HOSTILERESP"), trace.toString());
    return e;
  }

  private static String alert(String id, String createdAt) {
    return "{\"id\":\"" + id + "\",\"alert_source_id\":\"src\",\"created_at\":\"" + createdAt
        + "\",\"deduplication_key\":\"d\",\"status\":\"firing\",\"title\":\"t\","
        + "\"updated_at\":\"2025-01-01T00:00:00Z\"}";
  }

  @Test
  void aKeyEchoedIntoAJsonSyntaxErrorIsNotShown() {
    server.respond(200, "application/json", "{\"alerts\":[" + KEY + "]}");
    SQLException e = failure("", "SELECT id FROM alerts");
    assertEquals("22000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("that could not be read (HTTP 200, Content-Type"
        + " \"application/json\"): the body is not valid JSON (Unrecognized token '***'"),
        e.getMessage());
  }

  @Test
  void aKeyEchoedIntoTheContentTypeIsNotShown() {
    server.respond(200, "text/html; charset=\"" + KEY + "\"", "<html>proxy says no</html>");
    SQLException e = failure("", "SELECT id FROM alerts");
    assertEquals("22000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("Content-Type \"text/html; charset=\\\"***\\\"\"")
        || e.getMessage().contains("Content-Type \"text/html; charset=\"***\"\""), e.getMessage());
  }

  @Test
  void aKeyEchoedAsTheIdOfARowThatDoesNotFitIsNotShown() {
    server.respond(200, "application/json",
        "{\"alerts\":[" + alert(KEY, "yesterday") + "],\"pagination_meta\":{\"page_size\":50}}");
    SQLException e = failure("", "SELECT id, created_at FROM alerts");
    assertEquals("22000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("incident.io API sent a value that does not fit table alerts,"
        + " column created_at (TIMESTAMP), row id \"***\""), e.getMessage());
  }

  @Test
  void aKeyEchoedAsARepeatedCursorIsNotShownNorLogged() {
    String page =
        "{\"alerts\":[" + alert("a1", "2025-01-01T00:00:00Z") + "],\"pagination_meta\":{\"after\":\""
            + KEY + "\",\"page_size\":50}}";
    String again =
        "{\"alerts\":[" + alert("a2", "2025-01-01T00:00:00Z") + "],\"pagination_meta\":{\"after\":\""
            + KEY + "\",\"page_size\":50}}";
    server.respond(200, "application/json", page, again);
    SQLException e = failure("", "SELECT id FROM alerts");
    assertEquals("22000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("the API returned the same pagination cursor twice"
        + " (after=***)"), e.getMessage());
    // The second request carried the cursor, and its debug line shows it masked.
    assertTrue(server.targets().get(1).contains("after=" + KEY), server.targets().toString());
    assertTrue(logs.contains("after=***"), logs);
    assertFalse(logs.contains(KEY), logs);
    assertFalse(logs.contains("HOSTILERESP"), logs);
  }

  @Test
  void aResponseLargerThanTheCapStopsEarlyWithWhatToRaise() {
    // 50 MB of rows, streamed without a length: the cap must stop it, not the heap.
    byte[] row = (alert("x", "2025-01-01T00:00:00Z") + ",").getBytes(StandardCharsets.UTF_8);
    long total = 50L << 20;
    server.handle(
        out -> {
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
              + "{\"alerts\":[").getBytes(StandardCharsets.US_ASCII));
          byte[] chunk = new byte[row.length * 512];
          for (int i = 0; i < 512; i++) {
            System.arraycopy(row, 0, chunk, i * row.length, row.length);
          }
          for (long sent = 0; sent < total; sent += chunk.length) {
            out.write(chunk);
          }
        });
    SQLException e = failure(";maxResponseMegabytes=4", "SELECT id FROM alerts");
    assertEquals("22000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().startsWith("incident.io API sent a response to GET /v2/alerts?page_size=50"
        + " larger than 4 MiB once decoded; the driver stopped reading it there."), e.getMessage());
    assertTrue(e.getMessage().contains("raise the connection property maxResponseMegabytes"),
        e.getMessage());
    // Nowhere near the 50 MB: the driver stopped reading (socket buffers hold a few MB more).
    assertTrue(server.written() < 20L << 20, "the server wrote " + server.written() + " bytes");
    assertEquals(1, server.targets().size(), "not retried: " + server.targets());
  }

  @Test
  void aResponseWhoseDeclaredLengthIsOverTheCapIsNotRead() {
    server.handle(
        out -> out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + (1L << 40) + "\r\nConnection: close\r\n\r\n{\"alerts\":[").getBytes(StandardCharsets.US_ASCII)));
    SQLException e = failure("", "SELECT id FROM alerts");
    assertEquals("22000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("larger than 16 MiB once decoded"), e.getMessage());
  }

  @Test
  void aGzipBombStopsAtTheCapCountedOnTheInflatedBytes() throws IOException {
    byte[] bomb = gzipOfZeros(1024);
    server.handle(
        out -> {
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip"
              + "\r\nContent-Length: " + bomb.length + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          out.write(bomb);
        });
    SQLException e = failure(";maxResponseMegabytes=8", "SELECT id FROM alerts");
    assertEquals("22000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("larger than 8 MiB once decoded"), e.getMessage());
    assertTrue(server.headers().get(0).toLowerCase().contains("accept-encoding: gzip"),
        "the client asked for gzip, so it inflates: " + server.headers());
  }

  /**
   * Returns a valid gzip body that inflates to {@code mib} MiB of zeros, about 1 KB per MiB,
   * built without compressing it all: after a full flush the compressor starts afresh, so every
   * MiB of zeros compresses to the same bytes, which are repeated.
   */
  private static byte[] gzipOfZeros(int mib) {
    byte[] zeros = new byte[1 << 20];
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] buf = new byte[1 << 16];
    d.setInput(zeros);
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    int n;
    while ((n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH)) > 0) {
      block.write(buf, 0, n);
    }
    d.finish();
    ByteArrayOutputStream end = new ByteArrayOutputStream();
    while (!d.finished()) {
      n = d.deflate(buf);
      end.write(buf, 0, n);
    }
    d.end();
    CRC32 crc = new CRC32();
    for (int i = 0; i < mib; i++) {
      crc.update(zeros);
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    gz.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    byte[] one = block.toByteArray();
    for (int i = 0; i < mib; i++) {
      gz.writeBytes(one);
    }
    gz.writeBytes(end.toByteArray());
    long size = (long) mib << 20;
    for (long v : new long[] {crc.getValue(), size}) {
      for (int i = 0; i < 4; i++) {
        gz.write((int) (v >>> (8 * i)) & 0xff);
      }
    }
    return gz.toByteArray();
  }

  @Test
  void theBombIsARealGzipBody() throws IOException {
    // The body the bomb test sends must inflate, or the cap would not be what stops it.
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipOfZeros(3)))) {
      assertEquals(3L << 20, in.transferTo(OutputStream.nullOutputStream()));
    }
  }

  /** A server of the test's own that answers each request with what the test wrote. */
  static final class HostileServer implements AutoCloseable {
    /** Writer of one whole response, status line to end of body. */
    @FunctionalInterface
    interface Responder {
      void write(OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<String> targets = Collections.synchronizedList(new ArrayList<>());
    private final List<String> heads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong written = new AtomicLong();
    private final List<Responder> responders = Collections.synchronizedList(new ArrayList<>());

    HostileServer() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::serve, "hostile-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    /** Answers the next requests with these JSON bodies, one each; the last one repeats. */
    void respond(int status, String contentType, String... bodies) {
      for (String body : bodies) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        responders.add(
            out -> {
              out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
                  + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.UTF_8));
              out.write(bytes);
            });
      }
    }

    /** Forgets the responses and requests so far. */
    void reset() {
      synchronized (responders) {
        responders.clear();
        targets.clear();
        heads.clear();
        written.set(0);
        served = 0;
      }
    }

    void handle(Responder responder) {
      responders.add(responder);
    }

    List<String> targets() {
      return List.copyOf(targets);
    }

    List<String> headers() {
      return List.copyOf(heads);
    }

    /** Bytes of response written to clients so far. */
    long written() {
      return written.get();
    }

    private int served;

    private void serve() {
      while (!socket.isClosed()) {
        Socket client;
        try {
          client = socket.accept();
        } catch (IOException e) {
          return;
        }
        Thread t = new Thread(() -> answer(client), "hostile-server-conn");
        t.setDaemon(true);
        t.start();
      }
    }

    /** The answer to the key check a connection makes: an accepted key, whatever follows. */
    private static final byte[] IDENTITY = ("HTTP/1.1 200 OK\r\nContent-Type: application/json"
        + "\r\nContent-Length: 36\r\nConnection: close\r\n\r\n"
        + "{\"identity\":{\"name\":\"k\",\"roles\":[]}}").getBytes(StandardCharsets.UTF_8);

    private void answer(Socket client) {
      try (client) {
        InputStream in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
          int c = in.read();
          if (c < 0) {
            return;
          }
          head.append((char) c);
        }
        String line = head.substring(0, head.indexOf("\r\n"));
        String target = java.net.URLDecoder.decode(line.split(" ")[1], StandardCharsets.UTF_8);
        if (target.equals("/v1/identity")) {
          // Not one of the case's requests: the driver checks the key when it connects.
          client.getOutputStream().write(IDENTITY);
          return;
        }
        heads.add(head.toString());
        targets.add(target);
        Responder r;
        synchronized (responders) {
          r = responders.isEmpty() ? null : responders.get(Math.min(served, responders.size() - 1));
          served++;
        }
        OutputStream raw = client.getOutputStream();
        OutputStream counting =
            new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                raw.write(b);
                written.incrementAndGet();
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                raw.write(b, off, len);
                written.addAndGet(len);
              }
            };
        if (r != null) {
          r.write(counting);
        }
        counting.flush();
      } catch (IOException e) {
        // The client stopped reading: what the cap is for.
      }
    }

    @Override
    public void close() throws Exception {
      socket.close();
      acceptor.join(5_000);
    }
  }
}
