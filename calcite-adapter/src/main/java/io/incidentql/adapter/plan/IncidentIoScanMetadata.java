package io.incidentql.adapter.plan;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexTableInputRef;
import org.apache.calcite.rex.RexTableInputRef.RelTableRef;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Metadata of an {@link IncidentIoTableScan} in terms of the columns the scan returns, which
 * after the rules have pruned its fields are not the table's: a field index of the scan is
 * mapped through its {@link IncidentIoQuery#projection()} before anything is said about it.
 *
 * <p>Calcite asks a scan's table for these answers ({@code RelOptTable.unwrap} of a metadata
 * handler, see {@code IncidentIoTable#unwrap}) and would otherwise read the table's
 * {@code Statistic}, whose column indexes are the table's: there {@code id}, column 0, would be
 * a key of whatever column 0 of a pruned scan is. So the table's statistic declares no key, no
 * order and no constraint; this class says what holds for each scan. A scan that returns
 * {@code id} has it as its key; one that does not has no key; a count returns one row.
 */
public final class IncidentIoScanMetadata {
  private static final BuiltInMetadata.ColumnUniqueness.Handler COLUMN_UNIQUENESS =
      (rel, mq, columns, ignoreNulls) -> areColumnsUnique(rel, columns);
  private static final BuiltInMetadata.UniqueKeys.Handler UNIQUE_KEYS =
      (rel, mq, ignoreNulls) -> uniqueKeys(rel);
  private static final BuiltInMetadata.Collation.Handler COLLATION =
      (rel, mq) -> collations(rel);
  private static final BuiltInMetadata.MaxRowCount.Handler MAX_ROW_COUNT =
      (rel, mq) -> maxRowCount(rel);
  private static final BuiltInMetadata.ColumnOrigin.Handler COLUMN_ORIGIN =
      (rel, mq, column) -> columnOrigins(rel, column);
  private static final BuiltInMetadata.ExpressionLineage.Handler EXPRESSION_LINEAGE =
      (rel, mq, expression) -> expressionLineage(rel, expression);

  private static final List<MetadataHandler<?>> HANDLERS = List.of(COLUMN_UNIQUENESS, UNIQUE_KEYS,
      COLLATION, MAX_ROW_COUNT, COLUMN_ORIGIN, EXPRESSION_LINEAGE);

  private IncidentIoScanMetadata() {}

  /**
   * Returns the handler of the given metadata kind for scans of the adapter's tables, or null
   * when Calcite's default (which reads no table statistic) is right for them.
   */
  public static <C> C handler(Class<C> kind) {
    for (MetadataHandler<?> h : HANDLERS) {
      if (kind.isInstance(h)) {
        return kind.cast(h);
      }
    }
    return null;
  }

  /**
   * The table column of each field of the scan, or null for a count (whose one field is no
   * column) or for a relational expression that is no scan of ours.
   */
  private static int[] tableColumns(RelNode rel) {
    if (!(rel instanceof IncidentIoTableScan scan) || scan.query().isCount()) {
      return null;
    }
    return scan.query().projectionArray();
  }

  private static boolean isCount(RelNode rel) {
    return rel instanceof IncidentIoTableScan scan && scan.query().isCount();
  }

  /** The field of the scan that holds {@code id}, the table's primary key, or -1. */
  private static int keyField(RelNode rel) {
    int[] columns = tableColumns(rel);
    if (columns == null) {
      return -1;
    }
    int id = ((IncidentIoTableScan) rel).query().table().primaryKeyIndex();
    for (int field = 0; field < columns.length; field++) {
      if (id >= 0 && columns[field] == id) {
        return field;
      }
    }
    return -1;
  }

  private static Boolean areColumnsUnique(RelNode rel, ImmutableBitSet columns) {
    if (isCount(rel)) {
      return true;
    }
    int key = keyField(rel);
    return key >= 0 && columns.get(key);
  }

  private static Set<ImmutableBitSet> uniqueKeys(RelNode rel) {
    if (isCount(rel)) {
      return Set.of(ImmutableBitSet.of());
    }
    int key = keyField(rel);
    return key < 0 ? Set.of() : Set.of(ImmutableBitSet.of(key));
  }

  /** The order the scan's trait promises; it is already in the scan's own fields. */
  private static ImmutableList<RelCollation> collations(RelNode rel) {
    if (!(rel instanceof IncidentIoTableScan scan)) {
      return ImmutableList.of();
    }
    RelCollation collation = IncidentIoTableScan.collation(scan.query());
    return collation.getFieldCollations().isEmpty()
        ? ImmutableList.of()
        : ImmutableList.of(collation);
  }

  /** At most the pushed fetch (the enumerator stops there); a count is one row. */
  private static Double maxRowCount(RelNode rel) {
    if (!(rel instanceof IncidentIoTableScan scan)) {
      return Double.POSITIVE_INFINITY;
    }
    if (scan.query().isCount()) {
      return 1d;
    }
    return scan.query().fetch() >= 0
        ? (double) scan.query().fetch()
        : Double.POSITIVE_INFINITY;
  }

  private static Set<RelColumnOrigin> columnOrigins(RelNode rel, int field) {
    int[] columns = tableColumns(rel);
    if (columns == null) {
      return null;
    }
    return Set.of(new RelColumnOrigin(rel.getTable(), columns[field], false));
  }

  /** The expression with each field of the scan replaced by the table column it reads. */
  private static Set<RexNode> expressionLineage(RelNode rel, RexNode expression) {
    int[] columns = tableColumns(rel);
    if (columns == null) {
      return null;
    }
    RelOptTable table = rel.getTable();
    RelTableRef ref = RelTableRef.of(table, 0);
    RexNode lineage = expression.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef input) {
        return RexTableInputRef.of(ref,
            RexInputRef.of(columns[input.getIndex()], table.getRowType().getFieldList()));
      }
    });
    return Set.of(lineage);
  }
}
