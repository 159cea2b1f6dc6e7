package io.incidentql.examples;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Example program that browses the tables the way a SQL client does: tables with their
 * descriptions, the primary key and the relations of each, from {@link DatabaseMetaData}.
 *
 * <p>Runs against demo data unless {@code INCIDENT_IO_API_KEY} is set; it sends no API request.
 */
public final class MetadataExample {
  private MetadataExample() {}

  public static void main(String[] args) throws SQLException {
    String key = System.getenv("INCIDENT_IO_API_KEY");
    String url = key == null ? "jdbc:incidentio:demo=true" : "jdbc:incidentio:";
    try (Connection connection = DriverManager.getConnection(url, "", key)) {
      DatabaseMetaData md = connection.getMetaData();
      System.out.println(md.getDatabaseProductName() + " " + md.getDatabaseProductVersion()
          + " through " + md.getDriverName() + " " + md.getDriverVersion());
      try (ResultSet tables = md.getTables(null, "incidentio", "%", new String[] {"TABLE"})) {
        while (tables.next()) {
          String table = tables.getString("TABLE_NAME");
          System.out.printf("%n%s: %s%n", table, tables.getString("REMARKS"));
          int columns = 0;
          try (ResultSet rs = md.getColumns(null, "incidentio", table, "%")) {
            while (rs.next()) {
              columns++;
            }
          }
          System.out.printf("  %d columns%n", columns);
          try (ResultSet rs = md.getPrimaryKeys(null, "incidentio", table)) {
            while (rs.next()) {
              System.out.println("  primary key: " + rs.getString("COLUMN_NAME"));
            }
          }
          try (ResultSet rs = md.getImportedKeys(null, "incidentio", table)) {
            while (rs.next()) {
              System.out.printf("  %s -> %s.%s%n", rs.getString("FKCOLUMN_NAME"),
                  rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME"));
            }
          }
        }
      }
    }
  }
}
