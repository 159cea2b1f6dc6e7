package io.incidentql.adapter.schema;

import io.incidentql.adapter.api.ApiCallScope;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.exec.IncidentIoEnumerator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Table over one incident.io list endpoint; a scan streams every row, page by page.
 */
public final class IncidentIoTable extends AbstractTable implements ScannableTable {
  /**
   * Modes of incident that the API returns only when asked: without a {@code mode} filter it
   * hides test and tutorial incidents, but the table holds every incident.
   */
  static final String[] ALL_INCIDENT_MODES = {"standard", "retrospective", "test", "tutorial"};

  private static final double ESTIMATED_ROWS = 10_000d;

  private final TableDef def;
  private final IncidentIoClient client;
  private final RowConverter converter;

  public IncidentIoTable(TableDef def, IncidentIoClient client) {
    this.def = def;
    this.client = client;
    this.converter = new RowConverter(def);
  }

  public TableDef def() {
    return def;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (ColumnDef column : def.columns()) {
      SqlTypeName sqlType = column.type().sqlType();
      RelDataType type =
          sqlType == SqlTypeName.TIMESTAMP
              ? typeFactory.createSqlType(sqlType, 3)
              : typeFactory.createSqlType(sqlType);
      // Every column is nullable to the engine, even a documented-required one: the API may
      // omit a field (tolerant reader), and a NULL in a NOT NULL column would break generated code.
      builder.add(column.name(), typeFactory.createTypeWithNullability(type, true));
    }
    return builder.build();
  }

  @Override
  public Statistic getStatistic() {
    int id = def.columnIndex("id");
    // The API gives no row count up front; a fixed guess keeps join planning stable.
    return id < 0
        ? Statistics.UNKNOWN
        : Statistics.of(ESTIMATED_ROWS, List.of(ImmutableBitSet.of(id)));
  }

  /** Returns the request that reads the whole table. */
  public ApiRequest fullScanRequest() {
    ApiRequest request = ApiRequest.of(def.path()).with("page_size", Integer.toString(def.maxPageSize()));
    if (def.name().equals("incidents")) {
      for (String mode : ALL_INCIDENT_MODES) {
        request = request.with("mode[one_of]", mode);
      }
    }
    return request;
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    ApiCallScope scope = IncidentIoEnumerator.scope(root);
    ApiRequest request = fullScanRequest();
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new IncidentIoEnumerator(client, request, def, converter, scope);
      }
    };
  }
}
