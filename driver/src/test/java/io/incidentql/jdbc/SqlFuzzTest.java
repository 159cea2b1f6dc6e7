package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzz test of the SQL path: seeded random statements, well-formed and not, with hostile
 * literals, run through JDBC against the simulator. Each ends in rows or an {@link SQLException}
 * with a SQLState (never another exception), and the whole run is bounded in time.
 */
class SqlFuzzTest {
  private static final long SEED = 20_241_122L;
  private static final int STATEMENTS = 150;

  private static final List<String> TABLES =
      List.of("alerts", "incidents", "incident_alerts", "incident_updates", "nope", "\"ALERTS\"");
  private static final List<String> COLUMNS =
      List.of("id", "status", "created_at", "title", "name", "mode", "incident_id", "alert_id",
          "severity_name", "deduplication_key", "no_such_column", "*", "COUNT(*)", "1");
  private static final List<String> LITERALS =
      List.of("'firing'", "'firing&page_size=1'", "'a''b'", "''", "'%'", "'\\u0000'", "NULL",
          "'é✓😀'", "'x' || CHR(0)", "1", "-1", "9223372036854775807", "1e308", "TRUE",
          "TIMESTAMP '2024-01-01 00:00:00'", "'2024-13-45'", "'..'", "'/v2/alerts'", "'../x'",
          "'?after=1'", "'#'", "' OR 1=1 --'");
  private static final List<String> OPS =
      List.of("=", "<>", "<", ">=", "LIKE", "IN", "IS NULL", "IS NOT NULL", "BETWEEN");
  private static final List<String> NOISE =
      List.of("SELECT", "FROM", "WHERE", "(", ")", ",", ";", "'", "\"", "ORDER BY", "LIMIT",
          "GROUP BY", "JOIN", "ON", "UNION", "--", "/*", "*/", "$", "?", "INSERT INTO",
          "DELETE FROM", "DROP TABLE", "VALUES");

  /** SQLState classes the driver documents. */
  private static final Set<String> STATE_CLASSES =
      Set.of("42", "22", "0A", "25", "HY", "08", "28");

  private static Simulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimulatorConnections.start(SimulatorConfig.builder().seed(8).scale(40, 20, 10, 20));
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @Test
  void randomStatementsEndInRowsOrAnSqlExceptionWithinBoundedTime() {
    Random random = new Random(SEED);
    int[] outcomes = new int[2];
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          try (Connection c = FaultMatrixTest.connect(sim, "")) {
            for (int i = 0; i < STATEMENTS; i++) {
              String sql = statement(random);
              try (Statement s = c.createStatement()) {
                s.setQueryTimeout(20);
                s.setMaxRows(500);
                try (ResultSet rs = s.executeQuery(sql)) {
                  int columns = rs.getMetaData().getColumnCount();
                  while (rs.next()) {
                    for (int col = 1; col <= columns; col++) {
                      rs.getObject(col);
                    }
                  }
                }
                outcomes[0]++;
              } catch (SQLException e) {
                assertNotNull(e.getSQLState(), sql + " -> " + e);
                assertTrue(
                    STATE_CLASSES.contains(e.getSQLState().substring(0, 2)),
                    sql + " -> " + e.getSQLState() + " " + e.getMessage());
                assertNotNull(e.getMessage(), sql);
                outcomes[1]++;
              } catch (RuntimeException | Error e) {
                fail("statement " + i + " (seed " + SEED + "): " + sql + " threw " + e, e);
              }
            }
          }
        });
    // Both kinds of outcome occurred, so the generator exercised both paths.
    assertTrue(outcomes[0] > 10, "successes: " + outcomes[0]);
    assertTrue(outcomes[1] > 10, "failures: " + outcomes[1]);
  }

  private static String statement(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return noise(r);
      case 1:
        return cut(r, wellFormed(r));
      default:
        return wellFormed(r);
    }
  }

  private static String wellFormed(Random r) {
    StringBuilder sql = new StringBuilder("SELECT ");
    sql.append(pick(r, COLUMNS));
    if (r.nextBoolean()) {
      sql.append(", ").append(pick(r, COLUMNS));
    }
    sql.append(" FROM ").append(r.nextInt(8) == 0 ? pick(r, TABLES) : pick(r, TABLES.subList(0, 4)));
    if (r.nextInt(3) > 0) {
      sql.append(" WHERE ").append(predicate(r));
      if (r.nextBoolean()) {
        sql.append(r.nextBoolean() ? " AND " : " OR ").append(predicate(r));
      }
    }
    if (r.nextInt(4) == 0) {
      sql.append(" ORDER BY 1").append(r.nextBoolean() ? " DESC" : "");
    }
    if (r.nextInt(3) == 0) {
      sql.append(" LIMIT ").append(r.nextInt(120));
    }
    return sql.toString();
  }

  private static String predicate(Random r) {
    String column = pick(r, COLUMNS.subList(0, 11));
    String op = pick(r, OPS);
    switch (op) {
      case "IN":
        return column + " IN (" + pick(r, LITERALS) + ", " + pick(r, LITERALS) + ")";
      case "IS NULL":
      case "IS NOT NULL":
        return column + " " + op;
      case "BETWEEN":
        return column + " BETWEEN " + pick(r, LITERALS) + " AND " + pick(r, LITERALS);
      default:
        return column + " " + op + " " + pick(r, LITERALS);
    }
  }

  private static String noise(Random r) {
    StringBuilder sql = new StringBuilder();
    int n = 1 + r.nextInt(10);
    for (int i = 0; i < n; i++) {
      List<String> from = r.nextBoolean() ? NOISE : r.nextBoolean() ? TABLES : LITERALS;
      sql.append(pick(r, from)).append(' ');
    }
    return sql.toString();
  }

  private static String cut(Random r, String sql) {
    return sql.substring(0, 1 + r.nextInt(sql.length()));
  }

  private static String pick(Random r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }
}
