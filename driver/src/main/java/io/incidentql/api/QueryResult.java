package io.incidentql.api;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Result of a query, read once, as it streams from the API: pages are fetched as rows are
 * consumed, and closing the result (or reading it to the end) stops fetching.
 *
 * <p>Not thread-safe: one thread reads one result.
 */
public final class QueryResult implements AutoCloseable, Iterable<Row> {
  private final Statement statement;
  private final ResultSet rs;
  private final Row.Columns columns;
  private final int[] types;
  private boolean iterated;
  private boolean closed;

  QueryResult(Statement statement, ResultSet rs) throws SQLException {
    this.statement = statement;
    this.rs = rs;
    ResultSetMetaData md = rs.getMetaData();
    List<String> names = new ArrayList<>();
    List<String> typeNames = new ArrayList<>();
    types = new int[md.getColumnCount()];
    for (int i = 1; i <= types.length; i++) {
      names.add(md.getColumnLabel(i));
      typeNames.add(md.getColumnTypeName(i));
      types[i - 1] = md.getColumnType(i);
    }
    columns = new Row.Columns(names, typeNames);
  }

  /** The names of the result's columns, in select-list order. */
  public List<String> columns() {
    return columns.names();
  }

  /**
   * Returns the rows; a result can be iterated once. The result closes itself after its last row.
   *
   * @throws IllegalStateException on a second call
   */
  @Override
  public Iterator<Row> iterator() {
    if (iterated) {
      throw new IllegalStateException("A query result can be read only once; run the query again");
    }
    iterated = true;
    return new Iterator<>() {
      private Row next;

      @Override
      public boolean hasNext() {
        if (next == null && !closed) {
          next = read();
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
      }
    };
  }

  /** The rows as a sequential stream; close the stream or this result when done early. */
  public Stream<Row> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
        .onClose(this::close);
  }

  /**
   * The rows mapped onto a record, one instance per row: each component takes the column of the
   * same name, ignoring case, or its snake_case form ({@code createdAt} reads {@code created_at}).
   *
   * @throws IncidentQlException at once if a component matches no column, or when a value does
   *     not fit its component
   */
  public <R extends Record> Stream<R> as(Class<R> type) {
    RecordMapper<R> mapper = new RecordMapper<>(type, columns);
    return stream().map(mapper::map);
  }

  /** Reads all remaining rows into a list and closes the result. */
  public List<Row> toList() {
    try (Stream<Row> rows = stream()) {
      return rows.toList();
    }
  }

  private Row read() {
    try {
      if (!rs.next()) {
        close();
        return null;
      }
      Object[] values = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        values[i] = value(i + 1, types[i]);
      }
      return new Row(columns, values);
    } catch (SQLException | RuntimeException e) {
      RuntimeException failure = IncidentQlSession.translate(e);
      close();
      throw failure;
    }
  }

  private Object value(int i, int type) throws SQLException {
    Object value;
    switch (type) {
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
      case Types.DATE:
        // The connection's time zone is UTC, so the timestamp is the API's instant.
        Timestamp ts = rs.getTimestamp(i);
        return ts == null ? null : ts.toInstant();
      case Types.BIGINT:
      case Types.INTEGER:
      case Types.SMALLINT:
      case Types.TINYINT:
        value = rs.getLong(i);
        break;
      case Types.DOUBLE:
      case Types.FLOAT:
      case Types.REAL:
        value = rs.getDouble(i);
        break;
      case Types.DECIMAL:
      case Types.NUMERIC:
        return rs.getBigDecimal(i);
      case Types.BOOLEAN:
      case Types.BIT:
        value = rs.getBoolean(i);
        break;
      case Types.VARCHAR:
      case Types.CHAR:
        return rs.getString(i);
      default:
        return rs.getObject(i);
    }
    return rs.wasNull() ? null : value;
  }

  /** Closes the result and its statement, which stops fetching pages. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      try {
        rs.close();
      } finally {
        statement.close();
      }
    } catch (SQLException e) {
      throw new IncidentQlException(e.getMessage(), e);
    }
  }
}
