package io.incidentql.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.adapter.api.ListPage;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.exec.RowConverter;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import io.incidentql.simulator.LoggedRequest;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.calcite.runtime.Hook;

/**
 * Program that runs IncidentQL's benchmarks, each beside a baseline measured in the same run,
 * and prints the figures BENCHMARKS.md quotes.
 *
 * <p>Usage: {@code java -jar benchmarks/target/incidentql-benchmarks.jar [decode] [scan]
 * [first-query] [warm] [memory] [requests] [windows] [joins] [dashboard]}; no argument runs them all.
 *
 * <p>It is over 400 lines because it holds the measurements of several sections of BENCHMARKS.md,
 * each a method, behind one command line.
 */
public final class BenchmarkMain {
  static final String KEY = "bench-key-not-real";

  /**
   * URL properties of every benchmark connection: the simulator here has no budget, so the
   * client's own limiter (1200 requests a minute by default, as the API's) is turned off too;
   * otherwise it, not the driver, would set the pace once its burst is spent.
   */
  static final String UNLIMITED = ";rateLimit=0";

  /**
   * Properties of a connection whose every query goes to the simulator: a benchmark that measures
   * requests against a loop that sends them all must not be answered by the response cache.
   */
  static final String NO_CACHE = ";cacheTtlSeconds=0";

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    Set<String> which = new LinkedHashSet<>(List.of(args));
    if (which.isEmpty()) {
      which.addAll(
          List.of("requests", "decode", "scan", "first-query", "warm", "memory", "windows",
              "joins", "dashboard"));
    }
    System.out.printf(
        "machine: %d cores, %s %s, Java %s, max heap %d MB%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
        System.getProperty("os.arch"), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / 1048576);
    for (String b : which) {
      switch (b) {
        case "requests" -> RequestSuite.run();
        case "decode" -> decode();
        case "scan" -> scan();
        case "first-query" -> firstQuery();
        case "warm" -> warm();
        case "memory" -> memory();
        case "windows" -> WindowsBenchmark.run();
        case "joins" -> JoinsBenchmark.run();
        case "dashboard" -> DashboardBenchmark.run();
        default -> throw new IllegalArgumentException("unknown benchmark " + b);
      }
    }
  }

  /**
   * Rows per second from JSON page bytes to rows, on one thread, the way the driver reads them
   * (a streaming pass converting the columns); baseline: Jackson parsing the pages into trees.
   */
  static void decode() throws Exception {
    System.out.println("\n## decode: JSON pages to rows, one thread");
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.builder().seed(1).scale(20_000, 5_000, 5_000, 20_000).unlimitedRate().build())) {
      System.out.println("| table | bytes/row | rows/s, all columns | rows/s, 3 columns"
          + " | rows/s, tree parse only (baseline) | ratio (all columns) | rows/s, token scan only |");
      System.out.println("|---|---|---|---|---|---|---|");
      decodeTable("alerts", sim.dataset().alerts(), 50);
      decodeTable("incidents", sim.dataset().incidents(), 250);
      decodeTable("incident_alerts", sim.dataset().incidentAlerts(), 50);
      decodeTable("incident_updates", sim.dataset().incidentUpdates(), 250);
    }
  }

  /** One way of turning a page into rows; returns how many rows it read. */
  private interface PageDecoder {
    int decode(byte[] page) throws Exception;
  }

  private static void decodeTable(String table, List<ObjectNode> rows, int pageSize) throws Exception {
    TableDef def = IncidentIoTables.byName(table);
    List<byte[]> pages = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < rows.size(); i += pageSize) {
      ObjectNode page = Json.MAPPER.createObjectNode();
      ArrayNode items = page.putArray(def.itemsField());
      rows.subList(i, Math.min(rows.size(), i + pageSize)).forEach(items::add);
      page.putObject("pagination_meta").put("page_size", pageSize);
      byte[] body = Json.MAPPER.writeValueAsBytes(page);
      bytes += body.length;
      pages.add(body);
    }
    RowConverter all = new RowConverter(def);
    RowConverter three = new RowConverter(def, new int[] {0, 1, 2});
    String field = def.itemsField();
    List<PageDecoder> decoders = List.of(
        p -> ListPage.parse(p, field, all).size(),
        p -> ListPage.parse(p, field, three).size(),
        p -> Json.MAPPER.readTree(p).get(field).size(),
        BenchmarkMain::tokens);
    // Rounds of each in turn, keeping each one's best: the machine is shared, and a busy spell
    // would otherwise land on whichever ran during it.
    double[] best = new double[decoders.size()];
    for (int round = 0; round < 5; round++) {
      for (int d = 0; d < decoders.size(); d++) {
        best[d] = Math.max(best[d], rate(pages, decoders.get(d), 600));
      }
    }
    double scan = best[3] / (tokens(pages.get(0)) / (double) pageSize);
    System.out.printf("| %s | %,d | %,.0f | %,.0f | %,.0f | %.2f | %,.0f |%n", table,
        bytes / rows.size(), best[0], best[1], best[2], best[0] / best[2], scan);
  }

  /** Counts the tokens of a page without building anything: what any Jackson reader pays. */
  private static int tokens(byte[] page) throws Exception {
    int n = 0;
    try (com.fasterxml.jackson.core.JsonParser p = Json.MAPPER.getFactory().createParser(page)) {
      while (p.nextToken() != null) {
        n++;
      }
    }
    return n;
  }

  /** Returns units per second of {@code decoder} over the pages: a warm-up pass, then passes. */
  private static double rate(List<byte[]> pages, PageDecoder decoder, int millis) throws Exception {
    long sink = 0;
    for (byte[] p : pages) {
      sink += decoder.decode(p);
    }
    long rows = 0;
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    while (System.nanoTime() < end) {
      for (byte[] p : pages) {
        rows += decoder.decode(p);
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (sink < 0) {
      System.out.println(sink);
    }
    return rows / elapsed;
  }

  /** Wall time of a multi-page scan through JDBC vs a hand-written OkHttp loop. */
  static void scan() throws Exception {
    System.out.println("\n## scan: 2,000 alerts (40 pages of 50), 50 ms per request");
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.builder().seed(1).scale(2_000, 100, 0, 0).apiKey(KEY).unlimitedRate()
                .latency(Duration.ofMillis(50)).build())) {
      OkHttpClient http = new OkHttpClient();
      List<Double> driver = new ArrayList<>();
      List<Double> driverFirstRow = new ArrayList<>();
      List<Double> loop = new ArrayList<>();
      List<Double> inTurn = new ArrayList<>();
      List<Double> prepared = new ArrayList<>();
      Connection open = DriverManager.getConnection(
          "jdbc:incidentio:baseUrl=" + sim.baseUrl() + UNLIMITED + NO_CACHE, "", KEY);
      PreparedStatement ps = open.prepareStatement("SELECT * FROM alerts");
      for (int i = 0; i < 6; i++) {
        long t0 = System.nanoTime();
        long[] firstRow = new long[1];
        long a = jdbcScan(sim, 0, firstRow);
        long t1 = System.nanoTime();
        long b = okHttpScan(http, sim.baseUrl());
        long t2 = System.nanoTime();
        // A row cap above the row count turns look-ahead off: each page is fetched in turn.
        long c = jdbcScan(sim, 1_000_000, new long[1]);
        long t3 = System.nanoTime();
        long e = readAll(ps, new long[1]);
        long t4 = System.nanoTime();
        if (a != b || a != 2000 || c != a || e != a) {
          throw new IllegalStateException("rows differ: " + a + " vs " + b + " vs " + c + " vs " + e);
        }
        if (i > 0) { // the first round warms them up
          driver.add((t1 - t0) / 1e6);
          driverFirstRow.add((firstRow[0] - t0) / 1e6);
          loop.add((t2 - t1) / 1e6);
          inTurn.add((t3 - t2) / 1e6);
          prepared.add((t4 - t3) / 1e6);
        }
      }
      ps.close();
      open.close();
      double d = Stats.median(driver);
      double f = Stats.median(driverFirstRow);
      double l = Stats.median(loop);
      double n = Stats.median(inTurn);
      double p = Stats.median(prepared);
      System.out.println("| driver (SELECT * FROM alerts) | of which connect, plan, first page"
          + " | driver, look-ahead off (setMaxRows) | OkHttp loop, same requests (baseline)"
          + " | ratio | prepared statement on an open connection | its ratio |");
      System.out.println("|---|---|---|---|---|---|---|");
      System.out.printf("| %s | %s | %s | %s | %.2f | %s | %.2f |%n", Stats.ms(d), Stats.ms(f),
          Stats.ms(n), Stats.ms(l), d / l, Stats.ms(p), p / l);
    }
  }

  private static long jdbcScan(Simulator sim, int maxRows, long[] firstRowAt) throws Exception {
    long rows = 0;
    String url = "jdbc:incidentio:baseUrl=" + sim.baseUrl() + UNLIMITED + NO_CACHE;
    try (Connection c = DriverManager.getConnection(url, "", KEY);
        Statement s = c.createStatement()) {
      s.setMaxRows(maxRows);
      rows = readAll(s, firstRowAt);
    }
    return rows;
  }

  private static long readAll(Statement s, long[] firstRowAt) throws Exception {
    long rows = 0;
    try (ResultSet rs = s instanceof PreparedStatement ps ? ps.executeQuery()
        : s.executeQuery("SELECT * FROM alerts")) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        if (rows == 0) {
          firstRowAt[0] = System.nanoTime();
        }
        for (int i = 1; i <= n; i++) {
          rs.getObject(i);
        }
        rows++;
      }
    }
    return rows;
  }

  private static long okHttpScan(OkHttpClient http, String baseUrl) throws Exception {
    long rows = 0;
    String after = null;
    do {
      HttpUrl.Builder url = HttpUrl.get(baseUrl + "/v2/alerts").newBuilder().addQueryParameter("page_size", "50");
      if (after != null) {
        url.addQueryParameter("after", after);
      }
      Request req = new Request.Builder().url(url.build()).header("Authorization", "Bearer " + KEY).build();
      try (Response resp = http.newCall(req).execute()) {
        JsonNode page = Json.MAPPER.readTree(resp.body().byteStream());
        for (JsonNode alert : page.get("alerts")) {
          alert.get("id").asText();
          rows++;
        }
        JsonNode next = page.path("pagination_meta").path("after");
        after = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
      }
    } while (after != null);
    return rows;
  }

  /** Start-up: one query in a fresh JVM, beside stock Calcite's first query. */
  static void firstQuery() throws Exception {
    System.out.println("\n## first-query: connect, plan, execute in a fresh JVM (median of 3)");
    List<Double> ours = new ArrayList<>();
    List<Double> oursQuery = new ArrayList<>();
    List<Double> oursConnect = new ArrayList<>();
    List<Double> stock = new ArrayList<>();
    List<Double> stockQuery = new ArrayList<>();
    String[] steps = {"to_parse", "validate_convert", "optimize", "implement_run"};
    List<List<Double>> stepTimes = new ArrayList<>();
    for (String ignored : steps) {
      stepTimes.add(new ArrayList<>());
    }
    // The class-data-sharing archive the shell records, made here for this class path.
    java.nio.file.Path archive = java.nio.file.Files.createTempFile("incidentql-first-query", ".jsa");
    java.nio.file.Files.delete(archive);
    Forks.run(List.of("-XX:ArchiveClassesAtExit=" + archive), FirstQuery.class.getName(), 180);
    List<Double> shared = new ArrayList<>();
    List<Double> typed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      typed.add(Forks.value(Forks.run(List.of(), FirstQuery.class.getName(), 120, "5000"), "query"));
      shared.add(Forks.value(
          Forks.run(List.of("-XX:SharedArchiveFile=" + archive), FirstQuery.class.getName(), 120),
          "total"));
      List<String> a = Forks.run(List.of(), FirstQuery.class.getName(), 120);
      for (int k = 0; k < steps.length; k++) {
        stepTimes.get(k).add(Forks.value(a, steps[k]));
      }
      ours.add(Forks.value(a, "total"));
      oursQuery.add(Forks.value(a, "query"));
      oursConnect.add(Forks.value(a, "connect"));
      List<String> b = Forks.run(List.of(), StockCalciteFirstQuery.class.getName(), 120);
      stock.add(Forks.value(b, "total"));
      stockQuery.add(Forks.value(b, "query"));
    }
    System.out.println("| | total | of which connect | of which first query |");
    System.out.println("|---|---|---|---|");
    System.out.printf("| IncidentQL, demo data | %s | %s | %s |%n", Stats.ms(Stats.median(ours)),
        Stats.ms(Stats.median(oursConnect)), Stats.ms(Stats.median(oursQuery)));
    System.out.printf("| stock Calcite, in-memory table (baseline) | %s | | %s |%n",
        Stats.ms(Stats.median(stock)), Stats.ms(Stats.median(stockQuery)));
    System.out.printf("| IncidentQL, demo data, with a class-data-sharing archive (as `./incidentql`) | %s | | |%n",
        Stats.ms(Stats.median(shared)));
    java.nio.file.Files.deleteIfExists(archive);
    System.out.printf("| IncidentQL, demo data, the query sent 5 s after connecting (as when typed) | | | %s |%n",
        Stats.ms(Stats.median(typed)));
    System.out.printf("ratio (total): %.2f%n", Stats.median(ours) / Stats.median(stock));
    System.out.println("\nIncidentQL's first query, step by step (median of 3):");
    System.out.println("| set-up and parse | validate, convert | optimize | generate code, compile, run |");
    System.out.println("|---|---|---|---|");
    StringBuilder row = new StringBuilder("|");
    for (List<Double> t : stepTimes) {
      row.append(' ').append(Stats.ms(Stats.median(t))).append(" |");
    }
    System.out.println(row);
  }

  /** Planning and execution time per distinct query once warm, HTTP time subtracted. */
  static void warm() throws Exception {
    System.out.println("\n## warm: overhead per distinct query, HTTP time subtracted (median of 200)");
    try (Simulator sim =
        Simulator.start(SimulatorConfig.builder().seed(1).scale(200, 100, 50, 200).apiKey(KEY).unlimitedRate().build());
        Connection c = DriverManager.getConnection(
            "jdbc:incidentio:baseUrl=" + sim.baseUrl() + UNLIMITED, "", KEY)) {
      OkHttpClient http = new OkHttpClient();
      List<String> refs = new ArrayList<>();
      sim.dataset().incidents().forEach(i -> refs.add(i.get("reference").asText()));
      List<String> keys = new ArrayList<>();
      sim.dataset().alerts().forEach(a -> keys.add(a.get("deduplication_key").asText()));
      // Warm-up, on other shapes than those measured.
      for (int i = 0; i < 100; i++) {
        query(c, "SELECT reference, name FROM incidents WHERE reference = '" + refs.get(i % refs.size()) + "'");
        query(c, "SELECT id, title FROM alerts WHERE deduplication_key = '" + keys.get(i % keys.size()) + "'");
      }
      // A distinct literal each time: on a column filtered locally (the plan of the shape is
      // reused), and on a column sent to the API (planned each time).
      List<Double> local = new ArrayList<>();
      List<Double> localTotal = new ArrayList<>();
      List<Double> pushed = new ArrayList<>();
      List<Double> pushedTotal = new ArrayList<>();
      // Where a plan made anew spends its time, from Calcite's hooks on this thread.
      String[] stepNames = {"shape, parse, validate, convert", "trim, decorrelate", "optimize",
          "generate code", "find compiled code, bind, run, read"};
      Hook[] stepHooks = {Hook.CONVERTED, Hook.PROGRAM, Hook.PLAN_BEFORE_IMPLEMENTATION,
          Hook.JAVA_PLAN};
      long[] stepAt = new long[stepHooks.length];
      double[] stepSum = new double[stepNames.length];
      List<Hook.Closeable> hooks = new ArrayList<>();
      for (int k = 0; k < stepHooks.length; k++) {
        int step = k;
        hooks.add(stepHooks[k].addThread((java.util.function.Consumer<Object>) x ->
            stepAt[step] = System.nanoTime()));
      }
      for (int i = 0; i < 200; i++) {
        measure(c, http, sim, "SELECT reference, name FROM incidents WHERE reference = '"
            + refs.get(i % refs.size()) + "' AND name <> 'x" + i + "'", localTotal, local);
        java.util.Arrays.fill(stepAt, 0L);
        long start = System.nanoTime();
        // Deduplication keys repeat across alerts, so a counter makes each literal new.
        measure(c, http, sim, "SELECT id, title FROM alerts WHERE deduplication_key = '"
            + keys.get((i * 7) % keys.size()) + "#" + i + "' AND title <> 'x" + i + "'",
            pushedTotal, pushed);
        long end = start + (long) (pushedTotal.get(pushedTotal.size() - 1) * 1e6);
        long previous = start;
        for (int k = 0; k < stepNames.length; k++) {
          long at = k < stepAt.length ? stepAt[k] : end;
          stepSum[k] += (at - previous) / 1e6;
          previous = at;
        }
      }
      hooks.forEach(Hook.Closeable::close);
      List<Double> prepared = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, title FROM alerts WHERE deduplication_key = ?")) {
        for (int i = 0; i < 220; i++) {
          ps.setString(1, keys.get((i * 7) % keys.size()));
          sim.requestLog().clear();
          long t0 = System.nanoTime();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rs.getString(1);
            }
          }
          double q = (System.nanoTime() - t0) / 1e6;
          if (i >= 20) {
            prepared.add(q - replay(http, sim));
          }
        }
      }
      double stock = stockCalciteDistinct();
      System.out.println("| | per query, total | HTTP replayed alone | overhead |");
      System.out.println("|---|---|---|---|");
      System.out.printf("| distinct literal on a local column (`reference = '…'`): plan reused | %s | %s | %s |%n",
          Stats.ms(Stats.median(localTotal)), Stats.ms(Stats.median(localTotal) - Stats.median(local)),
          Stats.ms(Stats.median(local)));
      System.out.printf("| distinct literal on a pushed column (`deduplication_key = '…'`): planned each time | %s | %s | %s |%n",
          Stats.ms(Stats.median(pushedTotal)), Stats.ms(Stats.median(pushedTotal) - Stats.median(pushed)),
          Stats.ms(Stats.median(pushed)));
      System.out.printf("| one prepared statement, `deduplication_key = ?` pushed, reused | | | %s |%n",
          Stats.ms(Stats.median(prepared)));
      System.out.printf("| stock Calcite, distinct literal, 1,000-row in-memory table (baseline) | %s | | %s |%n",
          Stats.ms(stock), Stats.ms(stock));
      System.out.printf("ratios to the baseline: local column %.2f, pushed column %.2f, prepared %.3f%n",
          Stats.median(local) / stock, Stats.median(pushed) / stock, Stats.median(prepared) / stock);
      System.out.println("\nA plan made anew (pushed column), step by step, mean of 200, HTTP included in the last:");
      System.out.println("| " + String.join(" | ", stepNames) + " |");
      System.out.println("|---|---|---|---|---|");
      StringBuilder row = new StringBuilder("|");
      for (double sum : stepSum) {
        row.append(' ').append(Stats.ms(sum / 200)).append(" |");
      }
      System.out.println(row);
    }
  }

  /**
   * Returns stock Calcite's median time per distinct statement (parse, plan, compile, run) over
   * the in-memory table of the first-query baseline, after the same warm-up.
   */
  private static double stockCalciteDistinct() throws Exception {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "TO_LOWER");
    try (Connection c = DriverManager.getConnection("jdbc:calcite:", p)) {
      org.apache.calcite.jdbc.CalciteConnection cc =
          c.unwrap(org.apache.calcite.jdbc.CalciteConnection.class);
      cc.getRootSchema().add("s",
          new org.apache.calcite.adapter.java.ReflectiveSchema(new StockCalciteFirstQuery.Data()));
      cc.setSchema("s");
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String sql = "SELECT reference, severity_name FROM incidents WHERE reference = 'INC-"
            + (i % 1000) + "' AND severity_name <> 'x" + i + "'";
        long t0 = System.nanoTime();
        query(c, sql);
        if (i >= 100) {
          times.add((System.nanoTime() - t0) / 1e6);
        }
      }
      return Stats.median(times);
    }
  }

  /** Runs one query, adding its time and its time less the replayed HTTP time to the lists. */
  private static void measure(Connection c, OkHttpClient http, Simulator sim, String sql,
      List<Double> total, List<Double> overhead) throws Exception {
    sim.requestLog().clear();
    long t0 = System.nanoTime();
    query(c, sql);
    double q = (System.nanoTime() - t0) / 1e6;
    total.add(q);
    overhead.add(q - replay(http, sim));
  }

  private static void query(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        for (int i = 1; i <= md.getColumnCount(); i++) {
          rs.getObject(i);
        }
      }
    }
  }

  /** Sends again, with a bare OkHttp client, the requests the simulator logged; returns ms. */
  private static double replay(OkHttpClient http, Simulator sim) throws Exception {
    List<LoggedRequest> logged = new ArrayList<>(sim.requestLog().requests());
    long t0 = System.nanoTime();
    for (LoggedRequest r : logged) {
      HttpUrl.Builder url = HttpUrl.get(sim.baseUrl() + r.path()).newBuilder();
      r.params().forEach(p -> url.addQueryParameter(p.name(), p.value()));
      Request req = new Request.Builder().url(url.build()).header("Authorization", "Bearer " + KEY).build();
      try (Response resp = http.newCall(req).execute()) {
        Json.MAPPER.readTree(resp.body().byteStream());
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  /** A full scan of 200,000 alerts in a JVM limited to 64 MB of heap. */
  static void memory() throws Exception {
    System.out.println("\n## memory: SELECT * FROM alerts over 200,000 alerts with -Xmx64m");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process server = Forks.start(List.of("-Xmx1g"), "io.incidentql.simulator.SimulatorMain",
        "--port", String.valueOf(port), "--alerts", "200000", "--incidents", "100",
        "--incident-alerts", "10", "--incident-updates", "10", "--api-key", KEY, "--rate-limit", "0");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.contains("listening")) {
        // wait for the server to be up
      }
      List<String> r = Forks.run(List.of("-Xmx64m"), MemoryScan.class.getName(), 600,
          "http://127.0.0.1:" + port + UNLIMITED, KEY);
      System.out.println("| rows | seconds | peak heap | heap limit | text read |");
      System.out.println("|---|---|---|---|---|");
      System.out.printf("| %,.0f | %.1f | %.1f MB | %.0f MB | %,.0f MB |%n", Forks.value(r, "rows"),
          Forks.value(r, "seconds"), Forks.value(r, "peak_heap_mb"), Forks.value(r, "max_heap_mb"),
          Forks.value(r, "chars") * 2 / 1048576.0);
    } finally {
      server.destroy();
    }
  }
}
