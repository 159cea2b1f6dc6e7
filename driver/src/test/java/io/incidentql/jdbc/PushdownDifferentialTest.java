package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test of pushdown: seeded random queries mixing pushable and local predicates
 * (equality, IN, negation, OR, NOT, NULL checks, timestamp bounds on and around midnight),
 * LIMIT, ORDER BY and joins run with pushdown on and off; both must return the same rows, and
 * pushdown must never send more requests, but for a join's reads by key, which are bounded by
 * the requests a scan is estimated at rather than by the scan of these small tables.
 */
class PushdownDifferentialTest {
  private static final int QUERIES = 200;
  private static final int JOINS = 30;

  @Test
  void everyGeneratedQueryReturnsTheSameRowsWithAndWithoutPushdownAndNoMoreRequests()
      throws Exception {
    try (Simulator sim = SimulatorConnections.start(
            SimulatorConfig.builder().seed(23).scale(300, 200, 150, 400).unlimitedRate());
        Connection with = new PushdownFixture(sim).connect(true, SimulatorConnections.NO_CACHE);
        Connection without =
            new PushdownFixture(sim).connect(false, SimulatorConnections.NO_CACHE)) {
      PushdownFixture fixture = new PushdownFixture(sim);
      Generator g = new Generator(new Random(20261122L), sim);
      int pushedSomething = 0;
      for (int i = 0; i < QUERIES; i++) {
        Query q = g.query();
        PushdownFixture.Result on = fixture.execute(with, q.sql);
        PushdownFixture.Result off = fixture.execute(without, q.sql);
        String where = "query " + i + ": " + q.sql;
        assertSameRows(fixture, without, q, on, off, where);
        // A join reads the updates by key when the incidents give at most 40 keys (a scan of
        // updates is estimated at 40 requests, docs/pushdown.md); these tables are smaller than
        // the estimate, so there it may send more than a scan would, never more than the bound.
        long byKey = on.requests().stream()
            .filter(r -> r.startsWith("GET /v2/incident_updates?page_size=250&incident_id=")).count();
        boolean joinByKey = q.sql.contains(" join ") && byKey > 0;
        assertTrue(joinByKey ? byKey <= 40 && on.requests().size() - byKey <= off.requests().size()
                : on.requests().size() <= off.requests().size(),
            where + "\n  on:  " + on.requests() + "\n  off: " + off.requests());
        if (on.requests().size() < off.requests().size()
            || !on.requests().equals(off.requests())) {
          pushedSomething++;
        }
      }
      assertTrue(pushedSomething > QUERIES / 2, "most queries push something: " + pushedSomething);
    }
  }

  @Test
  void everyGeneratedQueryAnsweredFromCachedWholeScansReturnsTheRowsWithoutPushdown()
      throws Exception {
    // The whole scans of the tables the generator reads are cached first; every query that only
    // narrows one of them is then answered from the cache (NarrowedPages), the rest is sent.
    try (Simulator sim = SimulatorConnections.start(
            SimulatorConfig.builder().seed(29).scale(300, 200, 150, 400).unlimitedRate());
        Connection cached = new PushdownFixture(sim).connect(true, ";cacheTtlSeconds=3600");
        Connection without =
            new PushdownFixture(sim).connect(false, SimulatorConnections.NO_CACHE)) {
      PushdownFixture fixture = new PushdownFixture(sim);
      for (String table : List.of("incidents", "alerts", "incident_updates", "incident_alerts",
          "severities", "incident_types", "incident_statuses")) {
        fixture.execute(cached, "select * from " + table);
      }
      Generator g = new Generator(new Random(20261207L), sim);
      int answeredFromCache = 0;
      for (int i = 0; i < QUERIES; i++) {
        Query q = g.query();
        PushdownFixture.Result on = fixture.execute(cached, q.sql);
        PushdownFixture.Result off = fixture.execute(without, q.sql);
        assertSameRows(fixture, without, q, on, off,
            "query " + i + ": " + q.sql + "\n  sent: " + on.requests());
        if (on.requests().isEmpty()) {
          answeredFromCache++;
        }
      }
      assertTrue(answeredFromCache > QUERIES / 4, "many answered from the cache: " + answeredFromCache);
    }
  }

  /**
   * Asserts that {@code on} has the rows of {@code off}, the query without pushdown: in the same
   * order where the query orders them, else the same multiset; under a LIMIT without a total
   * order, any rows of the unlimited query, as many.
   */
  private static void assertSameRows(PushdownFixture fixture, Connection without, Query q,
      PushdownFixture.Result on, PushdownFixture.Result off, String where) {
    if (q.ordered) {
      assertEquals(off.rows(), on.rows(), where);
    } else if (q.limit >= 0) {
      assertEquals(off.rows().size(), on.rows().size(), where);
      Set<List<Object>> all = new HashSet<>(fixture.execute(without, q.unlimited).rows());
      assertTrue(all.containsAll(on.rows()), where);
    } else {
      assertEquals(PushdownFixture.multiset(off.rows()), PushdownFixture.multiset(on.rows()), where);
    }
  }

  /**
   * Joins that a key join may run, over generated outer sides (a few keys, many, none; keys
   * repeated, NULL, that cannot be sent, that name no row), inner, LEFT and RIGHT, stacked, with
   * and without an ordered LIMIT: the rows are those of the same join over two scans and of no
   * pushdown at all, and no key is asked for twice in one execution.
   */
  @Test
  void everyGeneratedJoinReturnsTheRowsOfAScanJoinAndOfNoPushdown() throws Exception {
    try (Simulator sim = SimulatorConnections.start(
            SimulatorConfig.builder().seed(29).scale(300, 200, 150, 400).unlimitedRate());
        Connection keys = new PushdownFixture(sim).connect(true, SimulatorConnections.NO_CACHE);
        Connection scans = new PushdownFixture(sim)
            .connect(true, ";joinRequests=false" + SimulatorConnections.NO_CACHE);
        Connection none = new PushdownFixture(sim).connect(false, SimulatorConnections.NO_CACHE)) {
      PushdownFixture fixture = new PushdownFixture(sim);
      Generator g = new Generator(new Random(20261207L), sim);
      int keyJoins = 0;
      for (int i = 0; i < JOINS; i++) {
        Query q = g.join();
        String where = "join " + i + ": " + q.sql;
        PushdownFixture.Result on = fixture.execute(keys, q.sql);
        PushdownFixture.Result scan = fixture.execute(scans, q.sql);
        PushdownFixture.Result off = fixture.execute(none, q.sql);
        assertSameRows(fixture, none, q, on, off, where);
        assertSameRows(fixture, none, q, scan, off, where);
        List<String> byKey = on.requests().stream()
            .filter(r -> r.startsWith("GET /v2/alerts/") || r.startsWith("GET /v2/incidents/")
                || r.startsWith("GET /v2/incident_updates?page_size=250&incident_id=")
                || r.contains("severity[one_of]="))
            .toList();
        assertEquals(new HashSet<>(byKey).size(), byKey.size(), where + "\n  " + on.requests());
        if (!byKey.isEmpty()) {
          keyJoins++;
        }
      }
      assertTrue(keyJoins > JOINS / 4, "many joins read by key: " + keyJoins);
    }
  }

  /** A generated query; {@code unlimited} is the same without its LIMIT. */
  record Query(String sql, String unlimited, boolean ordered, int limit) {}

  /** Generator of queries over the simulator's data, so that many predicates match rows. */
  static final class Generator {
    private static final String[] ALERT_STATUSES = {"firing", "resolved", "acknowledged", "nope"};
    private static final String[] CATEGORIES = {
      "triage", "live", "active", "learning", "closed", "declined", "merged", "canceled", "waiting"
    };
    private static final String[] MODES = {"standard", "retrospective", "test", "tutorial", "drill"};
    private static final String[] DAYS = {
      "2023-12-31", "2024-01-01", "2024-02-29", "2024-03-01", "2024-03-05", "2024-06-30", "2025-01-01"
    };
    private static final String[] TIMES = {"00:00:00", "00:00:00.001", "09:30:00", "23:59:59.999"};

    private final Random r;
    private final List<String> alertIds = new ArrayList<>();
    private final List<String> dedupKeys = new ArrayList<>();
    private final List<String> sources;
    private final List<String> statusIds = new ArrayList<>();
    private final List<String> severityIds = new ArrayList<>();
    private final List<String> typeIds = new ArrayList<>();
    private final List<String> incidentIds = new ArrayList<>();
    private final List<String> createdAt = new ArrayList<>();

    Generator(Random r, Simulator sim) {
      this.r = r;
      for (ObjectNode a : sim.dataset().alerts()) {
        alertIds.add(a.path("id").asText());
        dedupKeys.add(a.path("deduplication_key").asText());
        // Exact instants of rows, so that bounds land on them.
        createdAt.add(a.path("created_at").asText().replace('T', ' ').replace("Z", ""));
      }
      sources = sim.dataset().alertSourceIds();
      sim.dataset().incidentStatuses().forEach(s -> statusIds.add(s.path("id").asText()));
      sim.dataset().severities().forEach(s -> severityIds.add(s.path("id").asText()));
      for (ObjectNode i : sim.dataset().incidents()) {
        incidentIds.add(i.path("id").asText());
        if (i.has("incident_type") && !typeIds.contains(i.path("incident_type").path("id").asText())) {
          typeIds.add(i.path("incident_type").path("id").asText());
        }
      }
    }

    /** An outer side of keys as rows of VALUES: real ones, repeated, NULL, and odd ones. */
    private String values(List<String> real) {
      String[] odd = {"", "1", "..", "a,b", "01NOSUCHROW0000000000000000", null};
      List<String> rows = new ArrayList<>();
      int n = 1 + r.nextInt(5);
      for (int i = 0; i < n; i++) {
        String v = r.nextInt(3) == 0 ? pick(odd) : pick(real);
        rows.add("(CAST(" + (v == null ? "NULL" : q(v)) + " AS VARCHAR(40)))");
      }
      return "(VALUES " + String.join(", ", rows) + ") v(k)";
    }

    /** A join that a key join may run, ordered and limited at times. */
    Query join() {
      String type = r.nextBoolean() ? "JOIN" : "LEFT JOIN";
      String sql;
      String order;
      switch (r.nextInt(8)) {
        case 0:
          sql = "select ia.id, a.title from incident_alerts ia " + type
              + " alerts a on a.id = ia.alert_id where ia.incident_id in (" + list(incidentIds, 3) + ")";
          order = "ia.id, a.title";
          break;
        case 1:
          sql = "select i.id, u.id from incidents i " + type
              + " incident_updates u on u.incident_id = i.id where "
              + incidentPredicate(0).replaceAll("\\b(mode|severity_id|incident_type_id"
                  + "|incident_status_id|incident_status_category|created_at|updated_at|name)\\b", "i.$1");
          order = "i.id, u.id";
          break;
        case 2:
          sql = "select s.id, i.id from severities s " + type
              + " incidents i on i.severity_id = s.id"
              + (r.nextBoolean() ? " where s.id in (" + list(severityIds, 2) + ")" : "");
          order = "s.id, i.id";
          break;
        case 3:
          sql = "select f.id, i.reference from follow_ups f " + type + " incidents i on i.id = f.incident_id";
          order = "f.id, i.reference";
          break;
        case 4:
          sql = "select ia.id, a.status, i.reference from incident_alerts ia join alerts a"
              + " on a.id = ia.alert_id " + type + " incidents i on i.id = ia.incident_id"
              + " where ia.incident_id in (" + list(incidentIds, 4) + ")";
          order = "ia.id, a.status, i.reference";
          break;
        case 5:
          String[] inner = pick(List.of(
              new String[] {"alerts a on a.id = v.k", "a.id"},
              new String[] {"alerts a on a.alert_source_id = v.k", "a.id"},
              new String[] {"incidents a on a.id = v.k", "a.reference"},
              new String[] {"incident_updates a on a.incident_id = v.k", "a.id"}));
          List<String> real = inner[0].contains("alert_source") ? sources
              : inner[0].startsWith("alerts") ? alertIds : incidentIds;
          sql = "select v.k, " + inner[1] + " from " + values(real) + " " + type + " " + inner[0];
          order = "v.k, " + inner[1];
          break;
        case 6:
          int n = pick(List.of(1, 2, 3, 40, 41, 200, 201));
          sql = "select x.id, a.title from (select id from alerts order by id limit " + n + ") x "
              + type + " alerts a on a.id = x.id";
          order = "x.id, a.title";
          break;
        default:
          sql = "select u.id, i.id from incident_updates u right join incidents i"
              + " on u.incident_id = i.id where i.id in (" + list(incidentIds, 3) + ")";
          order = "u.id, i.id";
      }
      if (r.nextInt(3) == 0) {
        String ordered = sql + " order by " + order;
        return new Query(ordered + " limit " + (1 + r.nextInt(20)), ordered, true, 1);
      }
      return new Query(sql, sql, false, -1);
    }

    private <T> T pick(List<T> list) {
      return list.get(r.nextInt(list.size()));
    }

    private String pick(String[] values) {
      return values[r.nextInt(values.length)];
    }

    private static String q(String s) {
      return "'" + s.replace("'", "''") + "'";
    }

    private String list(List<String> values, int max) {
      int n = 1 + r.nextInt(max);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(q(pick(values)));
      }
      return String.join(", ", out);
    }

    private String timestamp() {
      if (r.nextInt(3) == 0) {
        return "timestamp " + q(pick(createdAt));
      }
      return "timestamp '" + pick(DAYS) + " " + pick(TIMES) + "'";
    }

    private String range(String column) {
      switch (r.nextInt(6)) {
        case 0:
          return column + " >= " + timestamp();
        case 1:
          return column + " > " + timestamp();
        case 2:
          return column + " < " + timestamp();
        case 3:
          return column + " <= " + timestamp();
        case 4:
          return column + " between " + timestamp() + " and " + timestamp();
        default:
          return column + " = " + timestamp();
      }
    }

    private String alertPredicate() {
      switch (r.nextInt(12)) {
        case 0:
          return "status = " + q(pick(ALERT_STATUSES));
        case 1:
          return "status in (" + list(List.of(ALERT_STATUSES), 3) + ")";
        case 2:
          return "status <> " + q(pick(ALERT_STATUSES));
        case 3:
          return "status not in (" + list(List.of(ALERT_STATUSES), 2) + ")";
        case 4:
          return "alert_source_id " + (r.nextBoolean() ? "=" : "<>") + " " + q(pick(sources));
        case 5:
          return "alert_source_id in (" + list(sources, 2) + ")";
        case 6:
          return "deduplication_key = " + q(pick(dedupKeys));
        case 7:
          return range("created_at");
        case 8:
          return r.nextBoolean() ? "id = " + q(pick(alertIds)) : "id in (" + list(alertIds, 3) + ")";
        case 9:
          return "description is " + (r.nextBoolean() ? "" : "not ") + "null";
        case 10:
          return "not (status = " + q(pick(ALERT_STATUSES)) + ")";
        default:
          return "title like '%" + (char) ('a' + r.nextInt(26)) + "%'";
      }
    }

    private String incidentPredicate(int depth) {
      switch (r.nextInt(depth > 0 ? 13 : 12)) {
        case 0:
          return "incident_status_id = " + q(pick(statusIds));
        case 1:
          return "incident_status_category " + (r.nextBoolean() ? "=" : "<>") + " "
              + q(pick(CATEGORIES));
        case 2:
          return "incident_status_category in (" + list(List.of(CATEGORIES), 3) + ")";
        case 3:
          return "severity_id " + (r.nextBoolean() ? "=" : "<>") + " " + q(pick(severityIds));
        case 4:
          return "severity_id " + (r.nextBoolean() ? "in" : "not in") + " ("
              + list(severityIds, 2) + ")";
        case 5:
          return "incident_type_id " + (r.nextBoolean() ? "=" : "<>") + " " + q(pick(typeIds));
        case 6:
          return "mode " + (r.nextBoolean() ? "=" : "<>") + " " + q(pick(MODES));
        case 7:
          return "mode in (" + list(List.of(MODES), 2) + ")";
        case 8:
          return range(r.nextBoolean() ? "created_at" : "updated_at");
        case 9:
          return (r.nextBoolean() ? "severity_id" : "incident_type_id") + " is "
              + (r.nextBoolean() ? "" : "not ") + "null";
        case 10:
          return "name like '%" + (char) ('a' + r.nextInt(26)) + "%'";
        case 11:
          return "not (" + incidentPredicate(0) + ")";
        default:
          return "(" + incidentPredicate(depth - 1) + " or " + incidentPredicate(depth - 1) + ")";
      }
    }

    private String where(int n, java.util.function.Supplier<String> predicate) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        parts.add(predicate.get());
      }
      return parts.isEmpty() ? "" : " where " + String.join(r.nextInt(5) == 0 ? " or " : " and ", parts);
    }

    Query query() {
      int kind = r.nextInt(10);
      String sql;
      String orderKey;
      switch (kind) {
        case 0: case 1: case 2:
          sql = "select id, status, created_at from alerts" + where(r.nextInt(4), this::alertPredicate);
          orderKey = "id";
          break;
        case 3: case 4: case 5:
          sql = "select id, mode, created_at from incidents"
              + where(r.nextInt(4), () -> incidentPredicate(1));
          orderKey = r.nextBoolean() ? "id" : "created_at";
          break;
        case 6:
          sql = "select id, alert_id from incident_alerts where "
              + (r.nextBoolean() ? "incident_id" : "alert_id") + " in ("
              + list(r.nextBoolean() ? incidentIds : alertIds, 2) + ")";
          orderKey = "id";
          break;
        case 7:
          sql = "select id, incident_id from incident_updates where incident_id "
              + (r.nextBoolean() ? "= " + q(pick(incidentIds)) : "in (" + list(incidentIds, 2) + ")");
          orderKey = "id";
          break;
        case 8:
          sql = "select count(*) from incidents" + where(r.nextInt(3), () -> incidentPredicate(1));
          return new Query(sql, sql, false, -1);
        default:
          sql = "select i.id, u.id from incidents i join incident_updates u on u.incident_id = i.id"
              + " where " + incidentPredicate(0).replaceAll("\\b(mode|severity_id|incident_type_id"
                  + "|incident_status_id|incident_status_category|created_at|updated_at|name)\\b",
                  "i.$1");
          return new Query(sql, sql, false, -1);
      }
      String unlimited = sql;
      int limit = -1;
      boolean ordered = false;
      int shape = r.nextInt(4);
      if (shape == 1 || shape == 2) {
        // created_at may tie; id is unique, so only then does the order fix the rows.
        String dir = r.nextBoolean() ? " desc" : "";
        sql += " order by " + orderKey + dir;
        unlimited = sql;
        ordered = orderKey.equals("id");
        if (shape == 2) {
          limit = 1 + r.nextInt(8);
          sql += " limit " + limit + (r.nextInt(3) == 0 ? " offset " + r.nextInt(5) : "");
          ordered = ordered && true;
        }
      } else if (shape == 3) {
        limit = 1 + r.nextInt(60);
        sql += " limit " + limit;
      }
      return new Query(sql, unlimited, ordered, limit);
    }
  }
}
