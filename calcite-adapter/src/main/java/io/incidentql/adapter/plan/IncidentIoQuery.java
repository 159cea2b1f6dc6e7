package io.incidentql.adapter.plan;

import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Match;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnFilter;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Immutable specification of what a scan asks the API for: the table, the filter the API
 * applies, the order, how many rows are wanted, which columns are converted, or just the count.
 * It turns into the exact {@link ApiRequest}s that EXPLAIN prints and the executor sends.
 *
 * <p>It is over 400 lines because it is the one value the rules refine and the executor reads:
 * each {@code with...} refinement, the cost estimates and the requests it stands for must agree,
 * and they are kept together so that they do.
 */
public final class IncidentIoQuery {
  /** Rows assumed in a table: the API tells no size up front. */
  static final double TABLE_ROWS = 10_000d;

  /** Cost of one request in rows, so that fewer requests always win. */
  private static final double REQUEST_COST = 100d;

  /** Rows assumed behind a parent key the query does not give: each is one request sequence. */
  static final double PARENT_ROWS = 10d;

  /**
   * Order in which the API is asked to return the rows: by the table column at {@code column}
   * (one of the catalog's {@link TableDef.SortKey sort keys}), ascending or descending; or
   * {@link #NONE}, the API's own order, not relied upon.
   */
  public record Sort(int column, boolean ascending) {
    public static final Sort NONE = new Sort(-1, false);

    public boolean isNone() {
      return column < 0;
    }
  }

  private final TableDef table;
  private final IncidentIoFilter filter;
  private final List<Integer> projection;
  private final Sort sort;
  private final long offset;
  private final long fetch;
  private final String countName;
  private final List<IncidentIoParamCondition> params;

  private IncidentIoQuery(
      TableDef table,
      IncidentIoFilter filter,
      List<Integer> projection,
      Sort sort,
      long offset,
      long fetch,
      String countName,
      List<IncidentIoParamCondition> params) {
    this.table = Objects.requireNonNull(table, "table");
    this.filter = Objects.requireNonNull(filter, "filter");
    this.projection = List.copyOf(projection);
    this.sort = Objects.requireNonNull(sort, "sort");
    this.offset = offset;
    this.fetch = fetch;
    this.countName = countName;
    this.params = List.copyOf(params);
  }

  /** Returns the query that reads every row and column of the table. */
  public static IncidentIoQuery fullScan(TableDef table) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      all.add(i);
    }
    IncidentIoFilter filter = IncidentIoFilter.NONE;
    TableDef.ParentKey parent = table.parent();
    if (parent != null) {
      // Without the key in WHERE, every key of the parent table is asked for in turn.
      String key = IncidentIoTables.byName(parent.table()).primaryKey();
      filter = filter.and(Condition.resolved(table.column(parent.column()).filter().field(),
          Op.EQUALS, List.of(), new ColumnFilter.Via(parent.table(), key, key), Match.ALL));
    }
    return new IncidentIoQuery(table, filter, all, Sort.NONE, 0, -1, null, List.of());
  }

  public TableDef table() {
    return table;
  }

  public IncidentIoFilter filter() {
    return filter;
  }

  /** Indexes of the table columns each row holds, in order. */
  public List<Integer> projection() {
    return projection;
  }

  /** Whether each row holds every column of the table, in table order. */
  public boolean isFullProjection() {
    if (projection.size() != table.columns().size()) {
      return false;
    }
    for (int i = 0; i < projection.size(); i++) {
      if (projection.get(i) != i) {
        return false;
      }
    }
    return true;
  }

  public int[] projectionArray() {
    return projection.stream().mapToInt(Integer::intValue).toArray();
  }

  public Sort sort() {
    return sort;
  }

  /** Rows to skip before the first one returned. */
  public long offset() {
    return offset;
  }

  /** Rows to return after the offset, or -1 for all. */
  public long fetch() {
    return fetch;
  }

  public boolean hasLimit() {
    return fetch >= 0 || offset > 0;
  }

  /** Whether the query returns one row holding the number of matching rows. */
  public boolean isCount() {
    return countName != null;
  }

  /** The name of the count column, or null. */
  public String countName() {
    return countName;
  }

  public IncidentIoQuery withFilter(IncidentIoFilter f) {
    return new IncidentIoQuery(table, f, projection, sort, offset, fetch, countName, params);
  }

  public IncidentIoQuery withProjection(List<Integer> p) {
    return new IncidentIoQuery(table, filter, p, sort, offset, fetch, countName, params);
  }

  public IncidentIoQuery withSort(Sort s) {
    return new IncidentIoQuery(table, filter, projection, s, offset, fetch, countName, params);
  }

  public IncidentIoQuery withLimit(long newOffset, long newFetch) {
    return new IncidentIoQuery(table, filter, projection, sort, newOffset, newFetch, countName, params);
  }

  public IncidentIoQuery withCount(String name) {
    return new IncidentIoQuery(table, filter, List.of(), Sort.NONE, 0, -1, name, params);
  }

  /**
   * Conditions whose values are statement parameters, turned into filter parameters when the
   * statement runs ({@link #bind}); they are checked locally as well.
   */
  public List<IncidentIoParamCondition> params() {
    return params;
  }

  /** Returns this query also carrying the given parameter conditions, each once. */
  public IncidentIoQuery withParams(List<IncidentIoParamCondition> more) {
    java.util.LinkedHashSet<IncidentIoParamCondition> all = new java.util.LinkedHashSet<>(params);
    all.addAll(more);
    List<IncidentIoParamCondition> sorted = new ArrayList<>(all);
    sorted.sort(java.util.Comparator.comparing(IncidentIoParamCondition::toString));
    return new IncidentIoQuery(table, filter, projection, sort, offset, fetch, countName, sorted);
  }

  /**
   * Returns the query to send once the statement's parameters are known: the parameter
   * conditions become filter parameters as if their values had been written as literals.
   *
   * @param value the value of the parameter at a 0-based position, as the statement binds it
   */
  public IncidentIoQuery bind(java.util.function.IntFunction<Object> value) {
    if (params.isEmpty()) {
      return this;
    }
    IncidentIoFilter bound = IncidentIoParamBinder.bind(this, value);
    return new IncidentIoQuery(table, bound, projection, sort, offset, fetch, countName, List.of());
  }

  /** Whether the rows come from {@code GET path/{id}} requests rather than list requests. */
  public boolean isLookup() {
    return filter.hasLookup();
  }

  /** Whether nothing needs to be asked: the filter is a contradiction or the limit is 0. */
  public boolean isEmpty() {
    return filter.isContradiction() || (fetch == 0 && !isCount());
  }

  /** The page size each list request carries, or 0 when the endpoint does not page. */
  public int pageSize() {
    if (!table.paged()) {
      return 0;
    }
    if (isCount()) {
      return 1;
    }
    if (fetch >= 0) {
      return (int) Math.max(1, Math.min(table.maxPageSize(), offset + fetch));
    }
    return table.maxPageSize();
  }

  /**
   * Returns the requests in the order they are sent: for a list, the first page of each request
   * sequence (later pages repeat it with {@code after}); for a lookup, one GET per id.
   */
  public List<ApiRequest> requests() {
    if (isEmpty()) {
      return List.of();
    }
    if (isLookup()) {
      Condition lookup = lookupCondition();
      ColumnFilter f = table.column(lookup.field()).filter();
      List<ApiRequest> out = new ArrayList<>();
      for (String value : lookup.values()) {
        out.add(ApiRequest.of(table.show().path() + "/" + lookupKey(f, value)));
      }
      return out;
    }
    ApiRequest first = ApiRequest.of(table.path());
    if (table.paged()) {
      first = first.with("page_size", Integer.toString(pageSize()));
    }
    List<ApiRequest> out = new ArrayList<>(List.of(first));
    for (Condition c : filter.all()) {
      if (c.op() == Op.ONE_OF && table.scope(c.field()) != null) {
        continue; // sent as the narrowed scope below
      }
      if (c.isResolved()) {
        out = with(out, c.param(), c.placeholder());
        continue;
      }
      if (table.entryWindow() != null && (c.op() == Op.GTE || c.op() == Op.LTE)) {
        continue; // a bound of the window below
      }
      out = withCondition(out, c, filter.find(c.field(), c.op() == Op.GTE ? Op.LTE : Op.GTE));
    }
    if (table.entryWindow() != null) {
      TableDef.EntryWindow w = table.entryWindow();
      LocalDate[] window = window(w);
      out = with(out, w.startParam(), window[0] + "T00:00:00Z");
      out = with(out, w.endParam(), window[1] + "T00:00:00Z");
      List<ApiRequest> paged = new ArrayList<>(out.size());
      out.forEach(r -> paged.add(r.pagedBy(w.startParam())));
      out = paged;
    }
    for (Condition c : filter.any()) {
      out = withCondition(out, c, null);
    }
    if (!filter.any().isEmpty()) {
      out = with(out, "filter_mode", "any");
    }
    for (TableDef.Scope scope : table.scopes()) {
      Condition narrowed = filter.find(scope.field(), Op.ONE_OF);
      for (String v : scope.values()) {
        if (narrowed == null || narrowed.values().contains(v)) {
          out = with(out, scope.field() + "[one_of]", v);
        }
      }
    }
    for (TableDef.FixedParam p : table.fixedParams()) {
      out = each(out, p.name(), p.values());
    }
    if (!sort.isNone()) {
      out = with(out, "sort_by", sortParam());
    }
    return out;
  }

  /**
   * The first and last day of the table's {@link TableDef.EntryWindow window}: the bounds in the
   * filter (dates already rounded outward) widened by one more day, or the default days around
   * today; swapped when the start comes after the end.
   */
  private LocalDate[] window(TableDef.EntryWindow w) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate start = null;
    LocalDate end = null;
    for (Condition c : filter.all()) {
      if (c.isResolved() || (c.op() != Op.GTE && c.op() != Op.LTE)) {
        continue;
      }
      LocalDate day = LocalDate.parse(c.values().first());
      if (c.op() == Op.GTE) {
        start = start == null || day.isAfter(start) ? day : start;
      } else {
        end = end == null || day.isBefore(end) ? day : end;
      }
    }
    start = start == null ? today.minusDays(w.daysBefore()) : start.minusDays(1);
    end = end == null ? today.plusDays(w.daysAfter()) : end.plusDays(1);
    return start.isAfter(end) ? new LocalDate[] {end, start} : new LocalDate[] {start, end};
  }

  /** The {@code sort_by} value of the query's order, or null. */
  public String sortParam() {
    if (sort.isNone()) {
      return null;
    }
    TableDef.SortKey key = table.sortOn(sort.column());
    return sort.ascending() ? key.ascending() : key.descending();
  }

  /** The lookup condition of a query that {@link #isLookup() looks rows up}. */
  public Condition lookupCondition() {
    for (Condition c : filter.all()) {
      if (c.op() == Op.LOOKUP) {
        return c;
      }
    }
    throw new IllegalStateException("not a lookup: " + this);
  }

  /**
   * Returns the {@code {id}} of the show path that fetches the row whose column equals
   * {@code value}, or null when no show request can.
   */
  public static String lookupKey(ColumnFilter f, String value) {
    if (f.keyForm() == ColumnFilter.KeyForm.VERBATIM) {
      return value;
    }
    int dash = value.lastIndexOf('-');
    String digits = value.substring(dash + 1);
    if (dash < 0 || digits.isEmpty() || digits.length() > 18
        || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return null;
    }
    return digits;
  }

  /**
   * Returns the query to send once its resolved conditions are known: each one's values are
   * looked up in the rows {@code rowsOf} gives for its table, and a condition that matches no
   * row leaves nothing to ask for.
   */
  public IncidentIoQuery resolve(java.util.function.Function<TableDef, List<Object[]>> rowsOf) {
    if (!filter.hasResolved()) {
      return this;
    }
    IncidentIoFilter resolved = IncidentIoFilter.NONE;
    for (Condition c : filter.all()) {
      resolved = resolved.and(c.isResolved() ? IncidentIoLookups.resolve(c, rowsOf) : c);
    }
    if (!filter.any().isEmpty()) {
      resolved = resolved.withAny(filter.any());
    }
    return new IncidentIoQuery(table, resolved, projection, sort, offset, fetch, countName, params);
  }

  /**
   * For a child table's query, the parent table's query that reads the same requests: the same
   * filter (a lookup's column renamed to the parent's), every parent row, and as columns the
   * carried ones, in the child's order, then the array the child's rows come from.
   */
  public IncidentIoQuery forParent() {
    TableDef.Child child = table.child();
    TableDef parent = IncidentIoTables.byName(child.parentTable());
    IncidentIoFilter mapped = IncidentIoFilter.NONE;
    for (Condition c : filter.all()) {
      mapped = mapped.and(c.op() == Op.LOOKUP
          ? new Condition(parentColumn(parent, table.column(c.field())).name(), c.op(), c.values(),
              c.resolve())
          : c);
    }
    if (filter.isContradiction()) {
      mapped = IncidentIoFilter.CONTRADICTION;
    } else if (!filter.any().isEmpty()) {
      mapped = mapped.withAny(filter.any());
    }
    List<Integer> columns = new ArrayList<>();
    for (ColumnDef c : carried()) {
      columns.add(parent.columnIndex(parentColumn(parent, c).name()));
    }
    columns.add(parent.columnIndex(child.arrayColumn()));
    return new IncidentIoQuery(parent, mapped, columns, Sort.NONE, 0, -1, null, params);
  }

  /** A child table's columns read from the parent row itself, in table order. */
  public List<ColumnDef> carried() {
    List<ColumnDef> out = new ArrayList<>();
    for (ColumnDef c : table.columns()) {
      if (c.path().isEmpty() || !c.path().get(0).equals(TableDef.ELEMENT)) {
        out.add(c);
      }
    }
    return out;
  }

  private static ColumnDef parentColumn(TableDef parent, ColumnDef carried) {
    for (ColumnDef c : parent.columns()) {
      if (c.path().equals(carried.path())) {
        return c;
      }
    }
    throw new IllegalStateException(carried.name() + " is no column of " + parent.name());
  }

  /** The lookup tables a query reads before its own requests, in the order they are read. */
  public List<TableDef> lookupTables() {
    List<TableDef> out = new ArrayList<>();
    for (Condition c : filter.all()) {
      if (c.isResolved()) {
        TableDef t = IncidentIoTables.byName(c.resolve().via().table());
        if (!out.contains(t)) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static List<ApiRequest> withCondition(
      List<ApiRequest> requests, Condition c, Condition otherBound) {
    switch (c.op()) {
      case GTE:
        if (otherBound != null) {
          return with(requests, c.field() + "[date_range]",
              c.values().first() + "~" + otherBound.values().first());
        }
        return with(requests, c.field() + "[gte]", c.values().first());
      case LTE:
        if (otherBound != null) {
          return requests; // sent as date_range with the gte
        }
        return with(requests, c.field() + "[lte]", c.values().first());
      case EQUALS:
        return each(requests, c.field(), c.values());
      default: {
        List<ApiRequest> out = requests;
        for (String v : c.values()) {
          out = with(out, c.field() + "[" + c.op().apiName() + "]", v);
        }
        return out;
      }
    }
  }

  /** Each request once per value: a request sequence per value, the results concatenated. */
  private static List<ApiRequest> each(
      List<ApiRequest> requests, String name, java.util.Collection<String> values) {
    List<ApiRequest> out = new ArrayList<>();
    for (ApiRequest r : requests) {
      for (String v : values) {
        out.add(r.with(name, v));
      }
    }
    return out;
  }

  private static List<ApiRequest> with(List<ApiRequest> requests, String name, String value) {
    List<ApiRequest> out = new ArrayList<>(requests.size());
    for (ApiRequest r : requests) {
      out.add(r.with(name, value));
    }
    return out;
  }

  /** Estimated rows the API sends for this query (before offset and fetch for a count). */
  public double estimatedRowsFetched() {
    if (isEmpty()) {
      return 0;
    }
    if (isLookup()) {
      return Math.min(estimatedLimit(), lookupCondition().values().size());
    }
    double rows = TABLE_ROWS;
    for (Condition c : filter.all()) {
      rows *= selectivity(c);
    }
    for (IncidentIoParamCondition p : params) {
      rows *= p.kind() == org.apache.calcite.sql.SqlKind.NOT_EQUALS ? 0.9 : 0.5;
    }
    if (!filter.any().isEmpty()) {
      double any = 0;
      for (Condition c : filter.any()) {
        any += selectivity(c);
      }
      rows *= Math.min(1, any);
    }
    return Math.min(rows, estimatedLimit());
  }

  private double estimatedLimit() {
    return fetch >= 0 ? offset + fetch : Double.MAX_VALUE;
  }

  /** Estimated rows the query returns. */
  public double estimatedRows() {
    if (isCount()) {
      return 1;
    }
    return Math.max(0, estimatedRowsFetched() - offset);
  }

  /** Estimated number of requests. */
  public double estimatedRequests() {
    if (isEmpty()) {
      return 0;
    }
    if (isCount()) {
      return 1;
    }
    double sequences = requests().size();
    if (isLookup()) {
      return sequences;
    }
    double lookups = lookupTables().size();
    for (Condition c : filter.all()) {
      if (c.isResolved() && c.resolve().match() == IncidentIoFilter.Match.ALL) {
        sequences *= PARENT_ROWS;
      }
    }
    double pages = table.paged() ? Math.ceil(estimatedRowsFetched() / pageSize()) : 1;
    return lookups + Math.max(sequences, pages);
  }

  /** Estimated cost in rows: requests dominate, and fewer converted columns cost less. */
  public double estimatedCost() {
    double width = table.columns().isEmpty() ? 1 : (double) projection.size() / table.columns().size();
    return costOf(estimatedRequests(), estimatedRowsFetched() * (0.5 + 0.5 * width));
  }

  /** Cost in rows of sending requests that return rows: each request costs many rows. */
  static double costOf(double requests, double rows) {
    return requests * REQUEST_COST + rows;
  }

  private double selectivity(Condition c) {
    if (c.isResolved() && c.resolve().match() == Match.ALL) {
      return 1;
    }
    int n = c.values().size();
    TableDef.Scope scope = table.scope(c.field());
    switch (c.op()) {
      case ONE_OF:
        return scope != null
            ? Math.min(1, (double) n / scope.values().size())
            : Math.min(1, 0.1 * n);
      case NOT_IN:
        return 0.9;
      case IS:
        return 0.001;
      case GTE:
      case LTE:
        return 0.5;
      case EQUALS:
        return Math.min(1, 0.002 * n);
      default:
        return 1;
    }
  }

  /** Returns the text EXPLAIN shows for the requests. */
  public String describeRequests() {
    if (isEmpty()) {
      return "none (" + (filter.isContradiction() ? "no row can match" : "LIMIT 0") + ")";
    }
    String sent = requests().stream().map(ApiRequest::toString).collect(Collectors.joining(", "));
    List<TableDef> lookups = lookupTables();
    if (!lookups.isEmpty()) {
      sent = lookups.stream().map(t -> "GET " + t.path()).collect(Collectors.joining(", "))
          + " (lookup), then " + sent;
    }
    if (params.isEmpty()) {
      return sent;
    }
    return sent + ", narrowed when run by "
        + params.stream().map(IncidentIoParamCondition::toString).collect(Collectors.joining(" AND "));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IncidentIoQuery q
        && q.table.name().equals(table.name())
        && q.filter.equals(filter)
        && q.projection.equals(projection)
        && q.sort == sort
        && q.offset == offset
        && q.fetch == fetch
        && Objects.equals(q.countName, countName)
        && q.params.equals(params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table.name(), filter, projection, sort, offset, fetch, countName, params);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("IncidentIoQuery{").append(table.name());
    s.append(", filter=").append(filter);
    if (isCount()) {
      s.append(", count");
    } else {
      s.append(", columns=").append(projection.size());
    }
    if (!sort.isNone()) {
      s.append(", sort=").append(sortParam());
    }
    if (offset > 0) {
      s.append(", offset=").append(offset);
    }
    if (fetch >= 0) {
      s.append(", fetch=").append(fetch);
    }
    return s.append(", requests=").append(describeRequests()).append('}').toString();
  }
}
