package io.incidentql.jdbc;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnType;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlJsonValueFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.TimestampString;

/**
 * Rewriter of SQL text around weak spots of the engine, so that the query means what its author
 * wrote or fails with a message they can act on.
 *
 * <ul>
 *   <li>PostgreSQL's {@code DATE_TRUNC('day', created_at)}, which analysts type, is the engine's
 *       {@code FLOOR(created_at TO DAY)}.
 *   <li>{@code JSON_VALUE(... RETURNING DOUBLE)} hands out the JSON number's own Java class, which
 *       an aggregate then fails to cast; written as {@code CAST(JSON_VALUE(...) AS DOUBLE)}, the
 *       form that works, it means the same.
 *   <li>A string compared with a TIMESTAMP or number column is converted by generated code,
 *       where a string the engine cannot read fails as an internal error. Here a timestamp in
 *       ISO-8601 ({@code '2024-12-01T00:00:00Z'}, the form the DSL's docs recommend) is written
 *       as the TIMESTAMP literal it means, and anything else fails with 22007 (timestamp) or
 *       42000 (number) naming the column. Column types come from the table catalog; a name
 *       whose type differs between tables is left to the engine.
 * </ul>
 */
final class IncidentIoSqlRewrite {
  private IncidentIoSqlRewrite() {}

  /** The parser settings of a connection, as its statements are parsed. */
  static SqlParser.Config parserConfig(CalciteConnectionConfig config) {
    return SqlParser.config()
        .withQuotedCasing(config.quotedCasing())
        .withUnquotedCasing(config.unquotedCasing())
        .withQuoting(config.quoting())
        .withConformance(config.conformance())
        .withCaseSensitive(config.caseSensitive());
  }

  /**
   * Returns the text to plan in place of {@code sql}, or null when it is to be planned as
   * written; throws a {@link Mistake} for a string that cannot be the timestamp or number it is
   * compared with.
   */
  static String rewrite(String sql, CalciteConnectionConfig config) {
    if (sql.indexOf('\'') < 0) {
      return null; // no string literal, and no JSON_VALUE path either
    }
    SqlNode node = parse(sql, config);
    if (node == null) {
      return null; // the engine's parser reports the error
    }
    boolean[] changed = {false};
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (visited instanceof SqlCall c && c.getOperator() instanceof SqlJsonValueFunction
            && SqlJsonValueFunction.hasExplicitTypeSpec(c.getOperandList())
            && c.operand(3) instanceof SqlDataTypeSpec type) {
          changed[0] = true;
          SqlParserPos pos = c.getParserPosition();
          SqlCall untyped = c.getOperator().createCall(pos,
              SqlJsonValueFunction.removeTypeSpecOperands(c));
          return SqlStdOperatorTable.CAST.createCall(pos, untyped, type);
        }
        if (visited instanceof SqlCall c && c.getOperator().getName().equalsIgnoreCase("DATE_TRUNC")
            && c.operandCount() == 2 && c.operand(0) instanceof SqlCharStringLiteral unit
            && TRUNC_UNITS.containsKey(unit.getValueAs(String.class).toLowerCase(Locale.ROOT))) {
          changed[0] = true;
          SqlParserPos pos = c.getParserPosition();
          TimeUnit to = TRUNC_UNITS.get(unit.getValueAs(String.class).toLowerCase(Locale.ROOT));
          return SqlStdOperatorTable.FLOOR.createCall(pos, c.operand(1),
              new SqlIntervalQualifier(to, null, pos));
        }
        if (visited instanceof SqlBasicCall c && COMPARISONS.contains(c.getKind())) {
          changed[0] |= checkLiterals(c);
        }
        return visited;
      }
    });
    return changed[0] ? unparse(rewritten) : null;
  }

  /**
   * The units of PostgreSQL's {@code DATE_TRUNC('unit', t)}, which is {@code FLOOR(t TO unit)};
   * not {@code week}, whose weeks start on Monday there.
   */
  private static final Map<String, TimeUnit> TRUNC_UNITS = Map.of(
      "second", TimeUnit.SECOND, "minute", TimeUnit.MINUTE, "hour", TimeUnit.HOUR,
      "day", TimeUnit.DAY, "month", TimeUnit.MONTH, "quarter", TimeUnit.QUARTER,
      "year", TimeUnit.YEAR);

  private static final Set<SqlKind> COMPARISONS = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
      SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN,
      SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.BETWEEN, SqlKind.IN, SqlKind.NOT_IN);

  /** Column names with one type in every table: TIMESTAMP, or a number. */
  private static final Set<String> TIMESTAMPS = new HashSet<>();
  private static final Set<String> NUMBERS = new HashSet<>();

  static {
    Map<String, Set<ColumnType>> types = new HashMap<>();
    for (TableDef t : IncidentIoTables.all()) {
      for (ColumnDef c : t.columns()) {
        types.computeIfAbsent(c.name(), k -> EnumSet.noneOf(ColumnType.class)).add(c.type());
      }
    }
    types.forEach((name, set) -> {
      if (set.equals(EnumSet.of(ColumnType.TIMESTAMP))) {
        TIMESTAMPS.add(name);
      } else if (set.stream().allMatch(t -> t == ColumnType.BIGINT || t == ColumnType.DOUBLE)) {
        NUMBERS.add(name);
      }
    });
  }

  /**
   * Checks the strings compared with a TIMESTAMP or number column: an ISO-8601 timestamp that
   * the engine would not read becomes a TIMESTAMP literal (returns true); a string that is no
   * timestamp or no number is the user's mistake.
   */
  private static boolean checkLiterals(SqlBasicCall call) {
    SqlIdentifier column = null;
    for (SqlNode op : call.getOperandList()) {
      if (op instanceof SqlIdentifier id && !id.isStar()) {
        column = id;
      }
    }
    if (column == null) {
      return false;
    }
    String name = column.names.get(column.names.size() - 1).toLowerCase(Locale.ROOT);
    boolean timestamp = TIMESTAMPS.contains(name);
    if (!timestamp && !NUMBERS.contains(name)) {
      return false;
    }
    boolean changed = false;
    List<SqlNode> ops = call.getOperandList();
    for (int i = 0; i < ops.size(); i++) {
      List<SqlNode> items = ops.get(i) instanceof SqlNodeList list ? list.getList()
          : java.util.Collections.singletonList(ops.get(i));
      for (int j = 0; j < items.size(); j++) {
        if (!(items.get(j) instanceof SqlCharStringLiteral s)) {
          continue;
        }
        String text = s.getValueAs(String.class);
        SqlNode replacement = timestamp ? timestampFor(text, s, name) : checkNumber(text, s, name);
        if (replacement != s) {
          changed = true;
          if (ops.get(i) instanceof SqlNodeList list) {
            list.set(j, replacement);
          } else {
            call.setOperand(i, replacement);
          }
        }
      }
    }
    return changed;
  }

  /** The literal as it is, if the engine reads it; else the TIMESTAMP literal it means. */
  private static SqlNode timestampFor(String text, SqlCharStringLiteral s, String column) {
    if (ENGINE_TIMESTAMP.matcher(text.trim()).matches()) {
      return s;
    }
    Instant instant = JdbcValues.parseTimestampOrNull(text);
    if (instant == null) {
      throw new Mistake(new SQLDataException(at(s) + "cannot compare TIMESTAMP column '" + column
          + "' with string '" + text + "', which is not a timestamp (write e.g."
          + " '2025-01-01T10:00:00Z' or TIMESTAMP '2025-01-01 10:00:00')", "22007"));
    }
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    TimestampString ts = new TimestampString(t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
        t.getHour(), t.getMinute(), t.getSecond()).withNanos(t.getNano());
    return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP, ts, 3, s.getParserPosition());
  }

  /** What the engine reads as a timestamp itself: a date, or a date and a time. */
  private static final Pattern ENGINE_TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}( \\d{1,2}:\\d{1,2}(:\\d{1,2}(\\.\\d*)?)?)?");

  private static SqlNode checkNumber(String text, SqlCharStringLiteral s, String column) {
    try {
      new java.math.BigDecimal(text.trim());
      return s;
    } catch (NumberFormatException e) {
      throw new Mistake(new SQLSyntaxErrorException(at(s) + "cannot compare numeric column '"
          + column + "' with string '" + text + "', which is not a number (write a number"
          + " without quotes, e.g. " + column + " >= 2)", "42000"));
    }
  }

  private static String at(SqlNode literal) {
    SqlParserPos pos = literal.getParserPosition();
    return "line " + pos.getLineNum() + ":" + pos.getColumnNum() + ": ";
  }

  /** A user's mistake found while preparing; {@link JdbcErrors} hands out its SQLException. */
  static final class Mistake extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SQLException sql;

    Mistake(SQLException sql) {
      super(sql.getMessage(), sql);
      this.sql = sql;
    }
  }

  private static SqlNode parse(String sql, CalciteConnectionConfig config) {
    try {
      return SqlParser.create(sql, parserConfig(config)).parseStmt();
    } catch (SqlParseException e) {
      return null;
    }
  }

  private static String unparse(SqlNode node) {
    return node.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT)
        .withQuoteAllIdentifiers(true)).getSql();
  }
}
