package io.incidentql.jdbc;

import io.incidentql.adapter.IncidentIoSchema;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import io.incidentql.jdbc.IncidentIoKeys.ForeignKey;
import io.incidentql.jdbc.IncidentIoRowsResultSet.Column;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Answers to the {@link DatabaseMetaData} calls that SQL clients (DBeaver, reporting tools,
 * SchemaCrawler) browse with, taken from the table catalog {@link IncidentIoTables}: schemas,
 * tables and columns with their remarks, keys and relations, types, and how identifiers are
 * treated.
 *
 * <p>{@link JdbcProxy} calls a method of this class in place of the engine's method of the same
 * signature; every other metadata call goes to the engine. Nothing here sends a request.
 *
 * <p>There is no catalog: {@code getCatalogs()} is empty and {@code TABLE_CAT} is NULL, as in
 * databases with schemas only, so clients show the {@code incidentio} schema at the top and do
 * not qualify names with a catalog. Name patterns match without regard to case, as unquoted
 * identifiers do.
 *
 * <p>It is over 400 lines because JDBC's DatabaseMetaData has that many methods; each answer is short.
 */
public final class IncidentIoDatabaseMetaData {
  /** What {@link DatabaseMetaData#getDatabaseProductName()} says. */
  public static final String PRODUCT_NAME = "incident.io API";
  /** The API version whose endpoints the tables read. */
  public static final String PRODUCT_VERSION = "v2";

  private static final String SCHEMA = IncidentIoSchema.NAME;
  private static final String TABLE = "TABLE";
  static final int VARCHAR_SIZE = 65536;

  IncidentIoDatabaseMetaData() {}

  // Product and identifiers.

  public String getDatabaseProductName() {
    return PRODUCT_NAME;
  }

  public String getDatabaseProductVersion() {
    return PRODUCT_VERSION;
  }

  public int getDatabaseMajorVersion() {
    return 2;
  }

  public int getDatabaseMinorVersion() {
    return 0;
  }

  public boolean isReadOnly() {
    return true;
  }

  public String getIdentifierQuoteString() {
    return "\"";
  }

  public String getSearchStringEscape() {
    return "\\";
  }

  // Unquoted identifiers are lower-cased; quoted ones keep their case but still match any case.

  public boolean storesLowerCaseIdentifiers() {
    return true;
  }

  public boolean storesUpperCaseIdentifiers() {
    return false;
  }

  public boolean storesMixedCaseIdentifiers() {
    return false;
  }

  public boolean supportsMixedCaseIdentifiers() {
    return false;
  }

  public boolean storesMixedCaseQuotedIdentifiers() {
    return true;
  }

  public boolean storesLowerCaseQuotedIdentifiers() {
    return false;
  }

  public boolean storesUpperCaseQuotedIdentifiers() {
    return false;
  }

  public boolean supportsMixedCaseQuotedIdentifiers() {
    return false;
  }

  // NULLs sort as the highest values: last in ascending order, first in descending order.

  public boolean nullsAreSortedHigh() {
    return true;
  }

  public boolean nullsAreSortedLow() {
    return false;
  }

  public boolean nullsAreSortedAtStart() {
    return false;
  }

  public boolean nullsAreSortedAtEnd() {
    return false;
  }

  // Functions: none of the user's own; the built-in ones are listed by getNumericFunctions() etc.

  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) {
    List<Column> cols = new ArrayList<>(
        varchars("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS"));
    cols.add(new Column("FUNCTION_TYPE", Types.SMALLINT));
    cols.add(varchar("SPECIFIC_NAME"));
    return IncidentIoRowsResultSet.of(cols, List.of());
  }

  public ResultSet getFunctionColumns(
      String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) {
    List<Column> cols = new ArrayList<>(
        varchars("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME"));
    cols.add(new Column("COLUMN_TYPE", Types.SMALLINT));
    cols.add(integer("DATA_TYPE"));
    cols.add(varchar("TYPE_NAME"));
    cols.add(integer("PRECISION"));
    cols.add(integer("LENGTH"));
    cols.add(new Column("SCALE", Types.SMALLINT));
    cols.add(new Column("RADIX", Types.SMALLINT));
    cols.add(new Column("NULLABLE", Types.SMALLINT));
    cols.add(varchar("REMARKS"));
    cols.add(integer("CHAR_OCTET_LENGTH"));
    cols.add(integer("ORDINAL_POSITION"));
    cols.add(varchar("IS_NULLABLE"));
    cols.add(varchar("SPECIFIC_NAME"));
    return IncidentIoRowsResultSet.of(cols, List.of());
  }

  // Transactions and writes: none.

  public boolean supportsTransactions() {
    return false;
  }

  public int getDefaultTransactionIsolation() {
    return Connection.TRANSACTION_NONE;
  }

  public boolean supportsTransactionIsolationLevel(int level) {
    return level == Connection.TRANSACTION_NONE;
  }

  public boolean supportsBatchUpdates() {
    return false;
  }

  public boolean supportsCatalogsInDataManipulation() {
    return false;
  }

  public boolean supportsCatalogsInTableDefinitions() {
    return false;
  }

  public boolean supportsCatalogsInProcedureCalls() {
    return false;
  }

  public boolean supportsCatalogsInIndexDefinitions() {
    return false;
  }

  public boolean supportsCatalogsInPrivilegeDefinitions() {
    return false;
  }

  public boolean supportsSchemasInDataManipulation() {
    return true;
  }

  // Catalog, schemas, tables, columns.

  public ResultSet getCatalogs() {
    return IncidentIoRowsResultSet.of(List.of(varchar("TABLE_CAT")), List.of());
  }

  public ResultSet getSchemas() {
    return getSchemas(null, null);
  }

  public ResultSet getSchemas(String catalog, String schemaPattern) {
    List<Object[]> rows = new ArrayList<>();
    if (catalogMatches(catalog) && matches(schemaPattern, SCHEMA)) {
      rows.add(new Object[] {SCHEMA, null});
    }
    return IncidentIoRowsResultSet.of(List.of(varchar("TABLE_SCHEM"), varchar("TABLE_CATALOG")), rows);
  }

  public ResultSet getTableTypes() {
    return IncidentIoRowsResultSet.of(List.of(varchar("TABLE_TYPE")), List.<Object[]>of(new Object[] {TABLE}));
  }

  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) {
    boolean typeWanted = types == null;
    for (String t : types == null ? new String[0] : types) {
      typeWanted |= TABLE.equalsIgnoreCase(t);
    }
    List<Object[]> rows = new ArrayList<>();
    if (typeWanted) {
      for (TableDef t : tables(catalog, schemaPattern, tableNamePattern)) {
        rows.add(new Object[] {null, SCHEMA, t.name(), TABLE, t.remarks(), null, null, null, null, null});
      }
    }
    return IncidentIoRowsResultSet.of(
        varchars("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT",
            "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION"),
        rows);
  }

  public ResultSet getColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) {
    List<Object[]> rows = new ArrayList<>();
    for (TableDef t : tables(catalog, schemaPattern, tableNamePattern)) {
      List<ColumnDef> columns = t.columns();
      for (int i = 0; i < columns.size(); i++) {
        ColumnDef c = columns.get(i);
        if (!matches(columnNamePattern, c.name())) {
          continue;
        }
        ColumnShape s = ColumnShape.of(c);
        rows.add(
            new Object[] {
              null, SCHEMA, t.name(), c.name(), s.jdbcType, s.typeName, s.size, null, s.decimalDigits,
              s.radix,
              c.required() ? DatabaseMetaData.columnNoNulls : DatabaseMetaData.columnNullable,
              c.remarks(), null, null, null, s.jdbcType == Types.VARCHAR ? VARCHAR_SIZE : null, i + 1,
              c.required() ? "NO" : "YES", null, null, null, null, "NO", "NO"
            });
      }
    }
    List<Column> cols = new ArrayList<>(varchars("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME"));
    cols.add(integer("DATA_TYPE"));
    cols.add(varchar("TYPE_NAME"));
    cols.add(integer("COLUMN_SIZE"));
    cols.add(integer("BUFFER_LENGTH"));
    cols.add(integer("DECIMAL_DIGITS"));
    cols.add(integer("NUM_PREC_RADIX"));
    cols.add(integer("NULLABLE"));
    cols.add(varchar("REMARKS"));
    cols.add(varchar("COLUMN_DEF"));
    cols.add(integer("SQL_DATA_TYPE"));
    cols.add(integer("SQL_DATETIME_SUB"));
    cols.add(integer("CHAR_OCTET_LENGTH"));
    cols.add(integer("ORDINAL_POSITION"));
    cols.addAll(varchars("IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE"));
    cols.add(new Column("SOURCE_DATA_TYPE", Types.SMALLINT));
    cols.addAll(varchars("IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"));
    return IncidentIoRowsResultSet.of(cols, rows);
  }

  // Keys.

  public ResultSet getPrimaryKeys(String catalog, String schema, String table) {
    List<Object[]> rows = new ArrayList<>();
    for (TableDef t : tablesNamed(catalog, schema, table)) {
      if (IncidentIoKeys.hasPrimaryKey(t)) {
        rows.add(new Object[] {null, SCHEMA, t.name(), t.primaryKey(), (short) 1,
            IncidentIoKeys.primaryKeyName(t.name())});
      }
    }
    List<Column> cols = new ArrayList<>(varchars("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME"));
    cols.add(new Column("KEY_SEQ", Types.SMALLINT));
    cols.add(varchar("PK_NAME"));
    return IncidentIoRowsResultSet.of(cols, rows);
  }

  public ResultSet getBestRowIdentifier(
      String catalog, String schema, String table, int scope, boolean nullable) {
    List<Object[]> rows = new ArrayList<>();
    for (TableDef t : tablesNamed(catalog, schema, table)) {
      if (IncidentIoKeys.hasPrimaryKey(t)) {
        rows.add(new Object[] {(short) DatabaseMetaData.bestRowSession, t.primaryKey(),
            Types.VARCHAR, "VARCHAR", VARCHAR_SIZE, null, null, (short) DatabaseMetaData.bestRowNotPseudo});
      }
    }
    return IncidentIoRowsResultSet.of(
        List.of(new Column("SCOPE", Types.SMALLINT), varchar("COLUMN_NAME"), integer("DATA_TYPE"),
            varchar("TYPE_NAME"), integer("COLUMN_SIZE"), integer("BUFFER_LENGTH"),
            new Column("DECIMAL_DIGITS", Types.SMALLINT), new Column("PSEUDO_COLUMN", Types.SMALLINT)),
        rows);
  }

  public ResultSet getImportedKeys(String catalog, String schema, String table) {
    return keys(catalog, schema, fk -> fk.table().equalsIgnoreCase(String.valueOf(table)),
        Comparator.comparing(ForeignKey::referencedTable));
  }

  public ResultSet getExportedKeys(String catalog, String schema, String table) {
    return keys(catalog, schema, fk -> fk.referencedTable().equalsIgnoreCase(String.valueOf(table)),
        Comparator.comparing(ForeignKey::table));
  }

  public ResultSet getCrossReference(
      String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) {
    boolean foreignSide = catalogMatches(foreignCatalog) && schemaNamed(foreignSchema);
    return keys(parentCatalog, parentSchema,
        fk -> foreignSide
            && fk.referencedTable().equalsIgnoreCase(String.valueOf(parentTable))
            && fk.table().equalsIgnoreCase(String.valueOf(foreignTable)),
        Comparator.comparing(ForeignKey::table));
  }

  private ResultSet keys(
      String catalog, String schema, Predicate<ForeignKey> wanted, Comparator<ForeignKey> order) {
    List<ForeignKey> found = new ArrayList<>();
    if (catalogMatches(catalog) && schemaNamed(schema)) {
      for (ForeignKey fk : IncidentIoKeys.FOREIGN_KEYS) {
        if (wanted.test(fk)) {
          found.add(fk);
        }
      }
    }
    found.sort(order.thenComparing(ForeignKey::column));
    List<Object[]> rows = new ArrayList<>();
    for (ForeignKey fk : found) {
      rows.add(new Object[] {
        null, SCHEMA, fk.referencedTable(), fk.referencedColumn(),
        null, SCHEMA, fk.table(), fk.column(),
        (short) 1, (short) DatabaseMetaData.importedKeyNoAction, (short) DatabaseMetaData.importedKeyNoAction,
        fk.name(), IncidentIoKeys.primaryKeyName(fk.referencedTable()),
        (short) DatabaseMetaData.importedKeyNotDeferrable
      });
    }
    List<Column> cols = new ArrayList<>(varchars("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
        "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME"));
    cols.add(new Column("KEY_SEQ", Types.SMALLINT));
    cols.add(new Column("UPDATE_RULE", Types.SMALLINT));
    cols.add(new Column("DELETE_RULE", Types.SMALLINT));
    cols.add(varchar("FK_NAME"));
    cols.add(varchar("PK_NAME"));
    cols.add(new Column("DEFERRABILITY", Types.SMALLINT));
    return IncidentIoRowsResultSet.of(cols, rows);
  }

  // Types.

  public ResultSet getTypeInfo() {
    List<Object[]> rows = new ArrayList<>();
    // Ordered by DATA_TYPE, as the method's contract asks.
    rows.add(typeInfo("BIGINT", Types.BIGINT, 19, null, null, false, 10));
    rows.add(typeInfo("CHAR", Types.CHAR, VARCHAR_SIZE, "'", "'", true, null));
    rows.add(typeInfo("DECIMAL", Types.DECIMAL, 19, null, null, false, 10));
    rows.add(typeInfo("INTEGER", Types.INTEGER, 10, null, null, false, 10));
    rows.add(typeInfo("SMALLINT", Types.SMALLINT, 5, null, null, false, 10));
    rows.add(typeInfo("DOUBLE", Types.DOUBLE, 15, null, null, false, 10));
    rows.add(typeInfo("VARCHAR", Types.VARCHAR, VARCHAR_SIZE, "'", "'", true, null));
    rows.add(typeInfo("BOOLEAN", Types.BOOLEAN, 1, null, null, false, null));
    rows.add(typeInfo("DATE", Types.DATE, 10, "DATE '", "'", false, null));
    rows.add(typeInfo("TIME", Types.TIME, 12, "TIME '", "'", false, null));
    rows.add(typeInfo("TIMESTAMP", Types.TIMESTAMP, 23, "TIMESTAMP '", "'", false, null));
    List<Column> cols = new ArrayList<>();
    cols.add(varchar("TYPE_NAME"));
    cols.add(integer("DATA_TYPE"));
    cols.add(integer("PRECISION"));
    cols.addAll(varchars("LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS"));
    cols.add(new Column("NULLABLE", Types.SMALLINT));
    cols.add(new Column("CASE_SENSITIVE", Types.BOOLEAN));
    cols.add(new Column("SEARCHABLE", Types.SMALLINT));
    cols.add(new Column("UNSIGNED_ATTRIBUTE", Types.BOOLEAN));
    cols.add(new Column("FIXED_PREC_SCALE", Types.BOOLEAN));
    cols.add(new Column("AUTO_INCREMENT", Types.BOOLEAN));
    cols.add(varchar("LOCAL_TYPE_NAME"));
    cols.add(new Column("MINIMUM_SCALE", Types.SMALLINT));
    cols.add(new Column("MAXIMUM_SCALE", Types.SMALLINT));
    cols.add(integer("SQL_DATA_TYPE"));
    cols.add(integer("SQL_DATETIME_SUB"));
    cols.add(integer("NUM_PREC_RADIX"));
    return IncidentIoRowsResultSet.of(cols, rows);
  }

  private static Object[] typeInfo(
      String name, int type, int precision, String prefix, String suffix, boolean text, Integer radix) {
    short maxScale = (short) (type == Types.DECIMAL ? 19 : type == Types.TIMESTAMP || type == Types.TIME ? 3 : 0);
    return new Object[] {
      name, type, precision, prefix, suffix, null, (short) DatabaseMetaData.typeNullable, text,
      (short) DatabaseMetaData.typeSearchable, false, false, false, name, (short) 0, maxScale, null, null,
      radix
    };
  }

  /** JDBC type, type name, size and digits of a column, as {@code getColumns} reports them. */
  private record ColumnShape(int jdbcType, String typeName, Integer size, Integer decimalDigits, Integer radix) {
    static ColumnShape of(ColumnDef c) {
      return switch (c.type()) {
        case BIGINT -> new ColumnShape(Types.BIGINT, "BIGINT", 19, 0, 10);
        case DOUBLE -> new ColumnShape(Types.DOUBLE, "DOUBLE", 15, null, 10);
        case BOOLEAN -> new ColumnShape(Types.BOOLEAN, "BOOLEAN", 1, null, null);
        // Length of "yyyy-mm-dd hh:mm:ss.fff"; milliseconds are the fraction kept.
        case TIMESTAMP -> new ColumnShape(Types.TIMESTAMP, "TIMESTAMP",
            IncidentIoResultSetMetaData.TIMESTAMP_SIZE, 3, null);
        case VARCHAR, JSON -> new ColumnShape(Types.VARCHAR, "VARCHAR", VARCHAR_SIZE, null, null);
      };
    }
  }

  // Name matching.

  private static List<TableDef> tables(String catalog, String schemaPattern, String tableNamePattern) {
    List<TableDef> result = new ArrayList<>();
    if (catalogMatches(catalog) && matches(schemaPattern, SCHEMA)) {
      for (TableDef t : IncidentIoTables.all()) {
        if (matches(tableNamePattern, t.name())) {
          result.add(t);
        }
      }
    }
    result.sort(Comparator.comparing(TableDef::name));
    return result;
  }

  /** Tables named exactly (not a pattern), as getPrimaryKeys and getBestRowIdentifier take them. */
  private static List<TableDef> tablesNamed(String catalog, String schema, String table) {
    List<TableDef> result = new ArrayList<>();
    if (catalogMatches(catalog) && schemaNamed(schema)) {
      for (TableDef t : IncidentIoTables.all()) {
        if (table == null || t.name().equalsIgnoreCase(table)) {
          result.add(t);
        }
      }
    }
    return result;
  }

  /** Null means any catalog and "" means none; there is no other. */
  private static boolean catalogMatches(String catalog) {
    return catalog == null || catalog.isEmpty();
  }

  private static boolean schemaNamed(String schema) {
    return schema == null || schema.equalsIgnoreCase(SCHEMA);
  }

  /** Whether a JDBC name pattern ({@code %}, {@code _}, escape {@code \}) matches the name. */
  static boolean matches(String pattern, String name) {
    if (pattern == null) {
      return true;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (ch == '%') {
        regex.append(".*");
      } else if (ch == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(name).matches();
  }

  private static Column varchar(String name) {
    return new Column(name, Types.VARCHAR);
  }

  private static Column integer(String name) {
    return new Column(name, Types.INTEGER);
  }

  private static List<Column> varchars(String... names) {
    List<Column> list = new ArrayList<>();
    for (String n : names) {
      list.add(varchar(n));
    }
    return list;
  }
}
