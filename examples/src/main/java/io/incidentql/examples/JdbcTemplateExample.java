package io.incidentql.examples;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Example program that reads incidents with Spring's {@code JdbcTemplate}, binding and reading
 * {@code java.time} values: the last week of incidents before the newest one, into records
 * with an {@code Instant} field, and a count per day with named parameters.
 *
 * <p>Runs against demo data unless {@code INCIDENT_IO_API_KEY} is set.
 */
public final class JdbcTemplateExample {
  private JdbcTemplateExample() {}

  /** An incident as {@code DataClassRowMapper} builds it from the columns of the same names. */
  public record Incident(String reference, String name, Instant createdAt, Long severityRank) {}

  public static void main(String[] args) {
    String key = System.getenv("INCIDENT_IO_API_KEY");
    DriverManagerDataSource ds = new DriverManagerDataSource(
        key == null ? "jdbc:incidentio:demo=true" : "jdbc:incidentio:", "", key);
    JdbcTemplate jdbc = new JdbcTemplate(ds);

    // A TIMESTAMP reads as the API's instant, here as an OffsetDateTime in UTC.
    OffsetDateTime newest = jdbc.queryForObject(
        "SELECT MAX(created_at) FROM incidents", OffsetDateTime.class);
    if (newest == null) {
      System.out.println("No incidents.");
      return;
    }
    // Any java.time value binds as its instant; this one is pushed to the API as a date filter.
    OffsetDateTime weekBefore = newest.minusDays(7);
    List<Incident> recent = jdbc.query(
        "SELECT reference, name, created_at, severity_rank FROM incidents"
            + " WHERE created_at >= ? ORDER BY created_at DESC LIMIT 10",
        new DataClassRowMapper<>(Incident.class), weekBefore);
    ZoneId here = ZoneId.systemDefault();
    System.out.println("The latest incidents of the week before " + newest + ":");
    for (Incident i : recent) {
      System.out.printf("  %-8s %s  %s%n", i.reference(),
          i.createdAt().atZone(here).toLocalDateTime(), i.name());
    }

    // A LocalDate binds as midnight UTC of that day.
    NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
    LocalDate from = newest.toLocalDate().minusDays(6);
    List<Map<String, Object>> perDay = named.queryForList(
        "SELECT CAST(created_at AS DATE) AS created_on, COUNT(*) AS n FROM incidents"
            + " WHERE created_at >= :from GROUP BY 1 ORDER BY 1",
        Map.of("from", from));
    System.out.println("Incidents per day since " + from + ":");
    for (Map<String, Object> row : perDay) {
      System.out.printf("  %s %3d%n", row.get("created_on"), ((Number) row.get("n")).longValue());
    }
  }
}
