package io.incidentql.adapter.plan;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlKind;

/**
 * Condition on a pushable column whose value is a statement parameter ({@code status = ?}): its
 * API filter is known only once the statement runs, so the scan carries it and turns it into
 * filter parameters with the bound value, while the same condition is also checked locally.
 *
 * @param column the table column compared
 * @param kind the comparison: EQUALS, NOT_EQUALS, a range comparison, or IN for a list of
 *     parameters any of which the column may equal
 * @param params the parameters' 0-based positions in the statement
 */
public record IncidentIoParamCondition(String column, SqlKind kind, List<Integer> params) {
  public IncidentIoParamCondition {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(kind, "kind");
    params = List.copyOf(params);
  }

  @Override
  public String toString() {
    String marks = params.stream().map(i -> "?" + i).collect(Collectors.joining(", "));
    if (kind == SqlKind.IN) {
      return column + " IN (" + marks + ")";
    }
    return column + " " + kind.sql + " " + marks;
  }
}
