package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests of the packaged self-contained jar, loaded in an isolated class loader as DBeaver loads a
 * driver: its contents are relocated, it registers one driver, and that driver runs the queries
 * whose generated code is compiled at run time (joins, aggregates, windows, JSON) with the same
 * rows as the driver on the build's class path.
 */
class SelfContainedJarIT {
  private static final String DEMO = "jdbc:incidentio:demo=true";
  private static URLClassLoader loader;
  private static Driver driver;

  @BeforeAll
  static void load() throws Exception {
    loader = SelfContainedJar.isolatedLoader();
    List<Driver> drivers = SelfContainedJar.drivers(loader);
    assertEquals(1, drivers.size(), "drivers in " + SelfContainedJar.describe() + ": " + drivers);
    driver = drivers.get(0);
  }

  @AfterAll
  static void unload() throws Exception {
    loader.close();
  }

  @Test
  void everyClassIsOursOrRelocatedAndNothingIsSigned() throws Exception {
    List<String> strays = new ArrayList<>();
    TreeSet<String> services = new TreeSet<>();
    try (JarFile jar = new JarFile(SelfContainedJar.path().toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.endsWith(".class") && !name.startsWith("io/incidentql/")) {
          strays.add(name);
        }
        if (name.matches("META-INF/[^/]*\\.(SF|DSA|RSA|EC)")) {
          strays.add(name);
        }
        if (name.startsWith("META-INF/services/") && !name.endsWith("/")) {
          services.add(name.substring("META-INF/services/".length()));
        }
        assertFalse(name.startsWith("io/incidentql/shell/"), "the shell stays out: " + name);
      }
      String registered = new String(
          jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertEquals("io.incidentql.jdbc.IncidentIoDriver", registered.strip());
    }
    assertEquals(List.of(), strays);
    for (String service : services) {
      assertTrue(service.equals("java.sql.Driver") || service.startsWith("io.incidentql.shaded."), service);
    }
  }

  @Test
  void theDriverIsOursAndCalciteIsAPrivateCopy() throws Exception {
    assertEquals("io.incidentql.jdbc.IncidentIoDriver", driver.getClass().getName());
    assertEquals("io.incidentql.shaded.org.apache.calcite.jdbc.Driver", driver.getClass().getSuperclass().getName());
    assertNotEquals(IncidentIoDriver.class, driver.getClass(), "loaded from the jar, not the class path");
    assertTrue(driver.acceptsURL(DEMO));
    assertFalse(driver.acceptsURL("jdbc:calcite:"), "only jdbc:incidentio: URLs");
  }

  @Test
  void queriesOnDemoDataReturnTheRowsOfTheDriverOnTheClassPath() throws Exception {
    List<String> queries = List.of(
        "SELECT severity_name, COUNT(*) AS n, MIN(created_at) AS first_seen FROM incidents"
            + " GROUP BY severity_name ORDER BY n DESC, severity_name",
        "SELECT i.reference, a.title, a.status FROM incidents i"
            + " JOIN incident_alerts ia ON ia.incident_id = i.id JOIN alerts a ON a.id = ia.alert_id"
            + " ORDER BY i.reference, a.title LIMIT 50",
        "SELECT incident_id, message FROM (SELECT u.*, ROW_NUMBER() OVER (PARTITION BY incident_id"
            + " ORDER BY created_at DESC, id) AS rn FROM incident_updates u) WHERE rn = 1 ORDER BY incident_id LIMIT 40",
        "SELECT attr, COUNT(*) FROM (SELECT JSON_VALUE(attributes, '$[0].attribute.name') AS attr FROM alerts)"
            + " GROUP BY attr ORDER BY attr",
        "SELECT COUNT(*) FROM incidents WHERE created_at >= TIMESTAMP '2024-01-01 00:00:00'"
            + " AND UPPER(name) LIKE '%DATABASE%'");
    try (Connection shaded = driver.connect(DEMO, new Properties());
        Connection plain = DriverManager.getConnection(DEMO)) {
      for (String sql : queries) {
        List<String> expected = rows(plain, sql);
        assertFalse(expected.isEmpty(), sql);
        assertEquals(expected, rows(shaded, sql), sql);
      }
    }
  }

  @Test
  void preparedStatementsMetadataAndRefusalsWorkFromTheJar() throws Exception {
    try (Connection c = driver.connect(DEMO, new Properties())) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals("incident.io API", md.getDatabaseProductName());
      assertEquals(List.of("actions", "alert_attribute_values", "alert_attributes", "alert_sources", "alerts", "catalog_entries", "catalog_types", "custom_field_options", "custom_fields", "escalation_paths", "escalations", "follow_ups", "incident_alerts", "incident_attachments", "incident_custom_field_values", "incident_duration_metrics", "incident_role_assignments", "incident_roles", "incident_statuses", "incident_timestamp_values", "incident_timestamps", "incident_types", "incident_updates", "incidents", "schedule_entries", "schedules", "severities", "teams", "users", "workflow_runs", "workflows"),
          column(md.getTables(null, "incidentio", "%", new String[] {"TABLE"}), "TABLE_NAME"));
      assertEquals(List.of("alert_sources", "alerts", "incidents"),
          column(md.getImportedKeys(null, "incidentio", "incident_alerts"), "PKTABLE_NAME"));
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE status = ?")) {
        ps.setString(1, "firing");
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertTrue(rs.getLong(1) > 0);
        }
      }
      try (Statement s = c.createStatement()) {
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(
            SQLException.class, () -> s.executeUpdate("DELETE FROM alerts"));
        assertEquals("25006", e.getSQLState());
      }
    }
  }

  @Test
  void aHikariPoolLendsAndValidatesConnectionsOfTheJarsDriver() throws Exception {
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setDataSource(SelfContainedJar.dataSource(driver, DEMO));
    config.setMaximumPoolSize(1);
    config.setReadOnly(true);
    try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config)) {
      List<Long> counts = new ArrayList<>();
      for (String status : List.of("firing", "resolved", "firing")) {
        try (Connection c = pool.getConnection();
            PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE status = ?")) {
          assertTrue(c.isValid(2));
          ps.setString(1, status);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            counts.add(rs.getLong(1));
          }
        }
      }
      assertEquals(counts.get(0), counts.get(2));
      assertEquals(1, pool.getHikariPoolMXBean().getTotalConnections());
    }
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(name));
      }
    }
    return values;
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        rows.add(b.toString());
      }
    }
    return rows;
  }
}
