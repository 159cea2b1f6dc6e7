package io.incidentql.adapter;

import io.incidentql.adapter.api.IncidentIoClient;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema that holds one table per incident.io list endpoint, all read through one API client.
 */
public final class IncidentIoSchema extends AbstractSchema {
  /** The name under which the driver registers this schema and makes it the default. */
  public static final String NAME = "incidentio";

  private final IncidentIoClient client;
  private final Map<String, Table> tables;

  public IncidentIoSchema(IncidentIoClient client) {
    this(client, true);
  }

  /**
   * Creates the schema.
   *
   * @param pushdown whether queries push filters, order, limits and counts into API requests
   */
  public IncidentIoSchema(IncidentIoClient client, boolean pushdown) {
    this(client, pushdown, IncidentIoTable.DEFAULT_PARALLELISM);
  }

  /**
   * Creates the schema.
   *
   * @param pushdown whether queries push filters, order, limits and counts into API requests
   * @param parallelism how many {@code created_at} windows of a long scan are read at once
   */
  public IncidentIoSchema(IncidentIoClient client, boolean pushdown, int parallelism) {
    this(client, pushdown, parallelism, true);
  }

  /**
   * Creates the schema.
   *
   * @param pushdown whether queries push filters, order, limits and counts into API requests
   * @param parallelism how many {@code created_at} windows of a long scan are read at once
   * @param keyJoins whether a join may read one side by the keys of the other (with pushdown)
   */
  public IncidentIoSchema(
      IncidentIoClient client, boolean pushdown, int parallelism, boolean keyJoins) {
    this.client = client;
    Map<String, Table> map = new LinkedHashMap<>();
    for (TableDef def : IncidentIoTables.all()) {
      map.put(def.name(), new IncidentIoTable(def, client, pushdown, parallelism, keyJoins));
    }
    this.tables = Map.copyOf(map);
  }

  public IncidentIoClient client() {
    return client;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
