package io.incidentql.examples;

import io.incidentql.api.IncidentQL;
import io.incidentql.api.IncidentQlConfig;
import io.incidentql.api.IncidentQlSession;
import io.incidentql.api.QueryResult;
import io.incidentql.api.Row;
import io.incidentql.grammar.DslException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Example program that runs DSL queries through the embeddable Java API: rows, records, named
 * and list parameters, the plan, and an error that points at the mistake.
 *
 * <p>Runs against demo data unless {@code INCIDENT_IO_API_KEY} is set:
 * {@code ./mvnw -q -pl examples -am package -DskipTests}, then
 * {@code java -cp "examples/target/classes:driver/target/classes:driver/target/lib/*" io.incidentql.examples.DslExample}.
 */
public final class DslExample {
  private DslExample() {}

  /** One alert, as the query below selects it; {@code createdAt} reads the {@code created_at} column. */
  record Alert(String id, String title, String status, Instant createdAt) {}

  public static void main(String[] args) {
    String key = System.getenv("INCIDENT_IO_API_KEY");
    IncidentQlConfig.Builder config = key == null ? IncidentQL.config().demo(true) : IncidentQL.config().apiKey(key);

    try (IncidentQlSession ql = IncidentQL.connect(config)) {
      String recent = "SELECT id, title, status, created_at FROM alerts"
          + " WHERE status IN (:statuses) AND created_at > now() - 1000d"
          + " ORDER BY created_at DESC LIMIT 5";
      Map<String, Object> params = Map.of("statuses", List.of("firing", "resolved"));

      System.out.println("Latest alerts, as records:");
      try (QueryResult rows = ql.query(recent, params)) {
        rows.as(Alert.class).forEach(a -> System.out.printf("  %s  %-8s %s%n", a.createdAt(), a.status(), a.title()));
      }

      System.out.println("\nIncidents by severity, as rows:");
      try (QueryResult rows = ql.query("SELECT severity_name, count(*) AS incidents FROM incidents"
          + " GROUP BY severity_name ORDER BY incidents DESC")) {
        for (Row row : rows) {
          System.out.printf("  %-24s %4d%n", row.getString("severity_name"), row.getLong("incidents"));
        }
      }

      System.out.println("\nThe plan of the first query:");
      System.out.println(ql.explain(recent, params).indent(2));

      try {
        ql.validate("SELECT id, stauts FROM alerts");
      } catch (DslException e) {
        System.out.println("A mistake, caught before any request:\n" + e.getMessage());
      }
    }
  }
}
