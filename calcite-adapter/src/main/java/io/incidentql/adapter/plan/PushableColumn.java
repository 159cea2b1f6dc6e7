package io.incidentql.adapter.plan;

import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.ColumnFilter.Kind;
import io.incidentql.adapter.schema.TableDef;

/** Column of a scanned table whose predicates can reach the API, with its catalog capability. */
record PushableColumn(ColumnDef def, ColumnFilter filter) {
    String column() {
      return def.name();
    }

    Kind kind() {
      return filter.kind();
    }

    String field() {
      return filter.field();
    }

    boolean notInExact() {
      return filter.notInExact();
    }
  
  /** Returns the column of the table whose predicates can reach the API, or null. */
  static PushableColumn of(TableDef table, String column) {
    int i = table.columnIndex(column);
    ColumnDef def = i < 0 ? null : table.columns().get(i);
    return def == null || def.filter() == null ? null : new PushableColumn(def, def.filter());
  }
}
