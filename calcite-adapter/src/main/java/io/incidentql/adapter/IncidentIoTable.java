package io.incidentql.adapter;

import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.exec.IncidentIoExecutor;
import io.incidentql.adapter.exec.IncidentIoKeyJoins;
import io.incidentql.adapter.plan.IncidentIoKeyFetch;
import io.incidentql.adapter.plan.IncidentIoQuery;
import io.incidentql.adapter.plan.IncidentIoQueryable;
import io.incidentql.adapter.plan.IncidentIoScanMetadata;
import io.incidentql.adapter.plan.IncidentIoTableScan;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.TableDef;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Table over one incident.io list endpoint. In a query it becomes an {@link IncidentIoTableScan}
 * into which the planner pushes filters, order, limits, projections and counts (unless pushdown
 * is off); {@link #scan} streams every row, page by page.
 */
public final class IncidentIoTable extends AbstractTable
    implements TranslatableTable, ScannableTable, IncidentIoQueryable {
  private static final double ESTIMATED_ROWS = 10_000d;

  /**
   * Windows of a long scan read at once unless configured otherwise: one, so none. Windows read
   * ahead of the reader, and a query stopped early (a LIMIT above a local filter, setMaxRows, a
   * tool that shows the first rows and closes) would have spent requests it never needed; a
   * connection that reads whole scans turns them on (4 fills the API's budget at 200 ms a page,
   * BENCHMARKS.md, section 7).
   */
  public static final int DEFAULT_PARALLELISM = 1;

  private final TableDef def;
  private final IncidentIoClient client;
  private final boolean pushdown;
  private final int parallelism;
  private final boolean keyJoins;

  public IncidentIoTable(TableDef def, IncidentIoClient client) {
    this(def, client, true);
  }

  /**
   * Creates a table.
   *
   * @param pushdown whether the planner pushes work into API requests; off, every query reads
   *     whole tables and evaluates everything locally
   */
  public IncidentIoTable(TableDef def, IncidentIoClient client, boolean pushdown) {
    this(def, client, pushdown, DEFAULT_PARALLELISM);
  }

  /**
   * Creates a table.
   *
   * @param pushdown whether the planner pushes work into API requests
   * @param parallelism how many {@code created_at} windows of a long scan are read at once; 1
   *     reads every scan with one serial cursor
   */
  public IncidentIoTable(TableDef def, IncidentIoClient client, boolean pushdown, int parallelism) {
    this(def, client, pushdown, parallelism, true);
  }

  /**
   * Creates a table.
   *
   * @param pushdown whether the planner pushes work into API requests
   * @param parallelism how many {@code created_at} windows of a long scan are read at once
   * @param keyJoins whether the planner may read a join's side by the keys of the other side
   *     (with pushdown only)
   */
  public IncidentIoTable(TableDef def, IncidentIoClient client, boolean pushdown, int parallelism,
      boolean keyJoins) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be 1 or more, not " + parallelism);
    }
    this.def = def;
    this.client = client;
    this.pushdown = pushdown;
    this.parallelism = parallelism;
    this.keyJoins = keyJoins;
  }

  public TableDef def() {
    return def;
  }

  public IncidentIoClient client() {
    return client;
  }

  @Override
  public boolean pushdown() {
    return pushdown;
  }

  @Override
  public boolean keyJoins() {
    return keyJoins;
  }

  /** How many {@code created_at} windows of a long scan are read at once (1: serial only). */
  @Override
  public int parallelism() {
    return parallelism;
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
      // Nullability is the catalog's, as in JDBC metadata: a column the API documents as always
      // present is NOT NULL, and the row converter fails a row that lacks it rather than hand
      // the engine a NULL it has been promised it will not see.
      builder.add(column.name(), typeFactory.createTypeWithNullability(type, !column.required()));
    }
    return builder.build();
  }

  /**
   * Returns the table's statistic: a row count, and nothing in terms of column indexes. The
   * rules prune a scan's fields, so a table column index is no field index of the scan; a key,
   * order or constraint declared here would be read against the wrong columns (a pruned scan
   * whose first field is {@code incident_id} would be "unique"). {@link IncidentIoScanMetadata}
   * says what holds for each scan, in its own fields.
   */
  @Override
  public Statistic getStatistic() {
    // The API gives no row count up front; a fixed guess keeps join planning stable.
    return Statistics.of(ESTIMATED_ROWS, null);
  }

  /** Returns the scan metadata handlers (see {@link #getStatistic}) besides the usual. */
  @Override
  public <C> C unwrap(Class<C> kind) {
    C handler = IncidentIoScanMetadata.handler(kind);
    return handler != null ? handler : super.unwrap(kind);
  }

  /**
   * Returns the request that reads the whole table; for incidents it asks for every documented
   * mode, since the API hides test and tutorial incidents unless asked.
   */
  public ApiRequest fullScanRequest() {
    return IncidentIoQuery.fullScan(def).requests().get(0);
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new IncidentIoTableScan(
        context.getCluster(), relOptTable, this, IncidentIoQuery.fullScan(def));
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return rows(root, IncidentIoQuery.fullScan(def));
  }

  @Override
  public Enumerable<Object[]> rows(DataContext root, IncidentIoQuery query) {
    return IncidentIoExecutor.enumerable(root, client, parallelism, query);
  }

  @Override
  public Enumerable<Object[]> joinByKeys(
      DataContext root, Enumerable<Object[]> outer, IncidentIoKeyFetch fetch) {
    // The reader is taken now, while the statement executes: its requests get its deadline.
    return IncidentIoKeyJoins.join(
        outer, IncidentIoExecutor.reader(root, client, parallelism), fetch);
  }
}
