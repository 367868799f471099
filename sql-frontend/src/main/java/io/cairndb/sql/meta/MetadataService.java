package io.cairndb.sql.meta;

import io.cairndb.planner.PlannedStatement;
import io.cairndb.planner.QueryPlanner;
import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.catalog.Catalog;
import io.cairndb.planner.catalog.CatalogManager;
import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.catalog.IndexDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.catalog.ViewDef;
import io.cairndb.sql.MetadataRequest;
import io.cairndb.sql.error.SqlErrors;
import io.cairndb.planner.exec.ListCursor;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Answers the driver's DatabaseMetaData requests from the catalog, with the column names and types the JDBC
 * specification lists for each method (DBeaver and other tools read them by name).
 */
public final class MetadataService {
    public static final String CATALOG = "CAIRNDB";
    /** System tables shown to tools; their columns come from planning SELECT * over them. */
    private static final List<String> SYSTEM_TABLES = List.of("NODES", "RANGES");

    private final CatalogManager catalog;
    private final QueryPlanner planner;

    public MetadataService(CatalogManager catalog, QueryPlanner planner) {
        this.catalog = catalog;
        this.planner = planner;
    }

    public RowCursor rows(MetadataRequest request) {
        Catalog snapshot = catalog.current();
        return switch (request.kind()) {
            case CATALOGS -> new ListCursor(columns("TABLE_CAT", Types.VARCHAR),
                    List.<Object[]>of(new Object[] {CATALOG}));
            case SCHEMAS -> schemas(snapshot, request);
            case TABLE_TYPES -> new ListCursor(columns("TABLE_TYPE", Types.VARCHAR), List.of(
                    new Object[] {"SYSTEM TABLE"}, new Object[] {"TABLE"}, new Object[] {"VIEW"}));
            case TABLES -> tables(snapshot, request);
            case COLUMNS -> columnsOf(snapshot, request);
            case PRIMARY_KEYS -> primaryKeys(snapshot, request);
            case INDEX_INFO -> indexInfo(snapshot, request);
            case TYPE_INFO -> TypeInfo.rows();
        };
    }

    private RowCursor schemas(Catalog snapshot, MetadataRequest request) {
        NamePattern pattern = NamePattern.of(request.schemaPattern());
        TreeSet<String> names = new TreeSet<>(snapshot.schemas());
        names.add(SqlConfig.DEFAULT_SCHEMA);
        names.add(SqlConfig.SYSTEM_SCHEMA);
        List<Object[]> rows = new ArrayList<>();
        for (String name : names) {
            if (pattern.matches(name)) {
                rows.add(new Object[] {name, CATALOG});
            }
        }
        return new ListCursor(columns("TABLE_SCHEM", Types.VARCHAR, "TABLE_CATALOG", Types.VARCHAR), rows);
    }

    /** One table-like object: a table, a view or a system table. */
    private record Relation(String schema, String name, String type) {
    }

    private List<Relation> relations(Catalog snapshot, MetadataRequest request) {
        // getPrimaryKeys and getIndexInfo take exact names, not patterns: '_' in a name is just '_'
        boolean exact = request.kind() == MetadataRequest.Kind.PRIMARY_KEYS
                || request.kind() == MetadataRequest.Kind.INDEX_INFO;
        NamePattern schemas = exact ? NamePattern.exact(request.schemaPattern()) : NamePattern.of(request.schemaPattern());
        NamePattern names = exact ? NamePattern.exact(request.tablePattern()) : NamePattern.of(request.tablePattern());
        List<Relation> all = new ArrayList<>();
        for (TableDef t : snapshot.tables()) {
            all.add(new Relation(t.schema(), t.name(), "TABLE"));
        }
        for (ViewDef v : snapshot.views()) {
            all.add(new Relation(v.schema(), v.name(), "VIEW"));
        }
        for (String s : SYSTEM_TABLES) {
            all.add(new Relation(SqlConfig.SYSTEM_SCHEMA, s, "SYSTEM TABLE"));
        }
        List<Relation> matching = new ArrayList<>();
        for (Relation r : all) {
            if (schemas.matches(r.schema()) && names.matches(r.name())
                    && (request.tableTypes() == null || request.tableTypes().contains(r.type()))) {
                matching.add(r);
            }
        }
        matching.sort(Comparator.comparing(Relation::type).thenComparing(Relation::schema)
                .thenComparing(Relation::name));
        return matching;
    }

    private RowCursor tables(Catalog snapshot, MetadataRequest request) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations(snapshot, request)) {
            rows.add(new Object[] {CATALOG, r.schema(), r.name(), r.type(), "", null, null, null, null, null});
        }
        return new ListCursor(columns("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR,
                "TABLE_NAME", Types.VARCHAR, "TABLE_TYPE", Types.VARCHAR, "REMARKS", Types.VARCHAR,
                "TYPE_CAT", Types.VARCHAR, "TYPE_SCHEM", Types.VARCHAR, "TYPE_NAME", Types.VARCHAR,
                "SELF_REFERENCING_COL_NAME", Types.VARCHAR, "REF_GENERATION", Types.VARCHAR), rows);
    }

    private RowCursor columnsOf(Catalog snapshot, MetadataRequest request) {
        NamePattern columnPattern = NamePattern.of(request.columnPattern());
        List<Object[]> rows = new ArrayList<>();
        List<Relation> relations = new ArrayList<>(relations(snapshot, request));
        // getColumns is ordered by TABLE_CAT, TABLE_SCHEM, TABLE_NAME, ORDINAL_POSITION
        relations.sort(Comparator.comparing(Relation::schema).thenComparing(Relation::name));
        for (Relation r : relations) {
            if (r.type().equals("TABLE")) {
                TableDef table = snapshot.table(r.schema(), r.name());
                int position = 0;
                for (ColumnDef c : table.columns()) {
                    if (c.hidden()) {
                        continue;
                    }
                    position++;
                    if (columnPattern.matches(c.name())) {
                        rows.add(columnRow(r, c.name(), JdbcTypes.sqlType(c.type()), JdbcTypes.typeName(c.type()),
                                JdbcTypes.columnSize(c), JdbcTypes.decimalDigits(c), c.nullable(), c.defaultSql(),
                                position));
                    }
                }
            } else {
                int position = 0;
                List<ResultColumn> described;
                try {
                    described = describe(r);
                } catch (RuntimeException e) {
                    // a view that no longer plans (a table it reads was changed) must not hide every other column
                    continue;
                }
                for (ResultColumn c : described) {
                    position++;
                    if (columnPattern.matches(c.label())) {
                        rows.add(columnRow(r, c.label(), c.sqlType(), c.typeName(), c.precision(),
                                c.sqlType() == Types.DECIMAL ? Integer.valueOf(c.scale()) : null, c.nullable(), null,
                                position));
                    }
                }
            }
        }
        return new ListCursor(columns("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR,
                "TABLE_NAME", Types.VARCHAR, "COLUMN_NAME", Types.VARCHAR, "DATA_TYPE", Types.INTEGER,
                "TYPE_NAME", Types.VARCHAR, "COLUMN_SIZE", Types.INTEGER, "BUFFER_LENGTH", Types.INTEGER,
                "DECIMAL_DIGITS", Types.INTEGER, "NUM_PREC_RADIX", Types.INTEGER, "NULLABLE", Types.INTEGER,
                "REMARKS", Types.VARCHAR, "COLUMN_DEF", Types.VARCHAR, "SQL_DATA_TYPE", Types.INTEGER,
                "SQL_DATETIME_SUB", Types.INTEGER, "CHAR_OCTET_LENGTH", Types.INTEGER,
                "ORDINAL_POSITION", Types.INTEGER, "IS_NULLABLE", Types.VARCHAR, "SCOPE_CATALOG", Types.VARCHAR,
                "SCOPE_SCHEMA", Types.VARCHAR, "SCOPE_TABLE", Types.VARCHAR, "SOURCE_DATA_TYPE", Types.SMALLINT,
                "IS_AUTOINCREMENT", Types.VARCHAR, "IS_GENERATEDCOLUMN", Types.VARCHAR), rows);
    }

    private static Object[] columnRow(Relation r, String name, int sqlType, String typeName, int size,
                                      Integer digits, boolean nullable, String defaultSql, int position) {
        boolean character = sqlType == Types.CHAR || sqlType == Types.VARCHAR;
        return new Object[] {CATALOG, r.schema(), r.name(), name, sqlType, typeName, size, null, digits, 10,
            nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, "", defaultSql, null, null,
            character ? size : null, position, nullable ? "YES" : "NO", null, null, null, null, "NO", "NO"};
    }

    /** Result columns of a view or system table, from planning SELECT * over it. */
    private List<ResultColumn> describe(Relation r) {
        String sql = "SELECT * FROM \"" + r.schema().replace("\"", "\"\"") + "\".\"" + r.name().replace("\"", "\"\"")
                + "\"";
        try {
            PlannedStatement plan = planner.plan(SqlParser.create(sql, SqlConfig.parserConfig()).parseStmt(),
                    r.schema());
            return plan.columns();
        } catch (SqlParseException e) {
            throw SqlErrors.parseError(e);
        }
    }

    private RowCursor primaryKeys(Catalog snapshot, MetadataRequest request) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations(snapshot, request)) {
            if (!r.type().equals("TABLE")) {
                continue;
            }
            TableDef table = snapshot.table(r.schema(), r.name());
            if (isHidden(table, table.primaryKey())) {
                continue;
            }
            short seq = 0;
            for (String column : table.primaryKey()) {
                rows.add(new Object[] {CATALOG, r.schema(), r.name(), column, ++seq, primaryKeyName(table)});
            }
        }
        rows.sort(Comparator.comparing((Object[] row) -> (String) row[3]));
        return new ListCursor(columns("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR,
                "TABLE_NAME", Types.VARCHAR, "COLUMN_NAME", Types.VARCHAR, "KEY_SEQ", Types.SMALLINT,
                "PK_NAME", Types.VARCHAR), rows);
    }

    private static String primaryKeyName(TableDef table) {
        return table.name() + "_PKEY";
    }

    private static boolean isHidden(TableDef table, List<String> columns) {
        for (ColumnDef c : table.columns()) {
            if (c.hidden() && columns.contains(c.name())) {
                return true;
            }
        }
        return false;
    }

    private RowCursor indexInfo(Catalog snapshot, MetadataRequest request) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations(snapshot, request)) {
            if (!r.type().equals("TABLE")) {
                continue;
            }
            TableDef table = snapshot.table(r.schema(), r.name());
            if (!isHidden(table, table.primaryKey())) {
                short position = 0;
                for (String column : table.primaryKey()) {
                    rows.add(indexRow(r, false, primaryKeyName(table), ++position, column, false));
                }
            }
            for (IndexDef index : table.indexes()) {
                if (request.uniqueOnly() && !index.unique()) {
                    continue;
                }
                short position = 0;
                for (int i = 0; i < index.columns().size(); i++) {
                    rows.add(indexRow(r, !index.unique(), index.name(), ++position, index.columns().get(i),
                            index.descending().get(i)));
                }
            }
        }
        // ordered by NON_UNIQUE, TYPE, INDEX_NAME, ORDINAL_POSITION (TYPE is the same for every row)
        rows.sort(Comparator.comparing((Object[] row) -> (Boolean) row[3]).thenComparing(row -> (String) row[5])
                .thenComparing(row -> (Short) row[7]));
        return new ListCursor(columns("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR,
                "TABLE_NAME", Types.VARCHAR, "NON_UNIQUE", Types.BOOLEAN, "INDEX_QUALIFIER", Types.VARCHAR,
                "INDEX_NAME", Types.VARCHAR, "TYPE", Types.SMALLINT, "ORDINAL_POSITION", Types.SMALLINT,
                "COLUMN_NAME", Types.VARCHAR, "ASC_OR_DESC", Types.VARCHAR, "CARDINALITY", Types.BIGINT,
                "PAGES", Types.BIGINT, "FILTER_CONDITION", Types.VARCHAR), rows);
    }

    private static Object[] indexRow(Relation r, boolean nonUnique, String name, short position, String column,
                                     boolean descending) {
        return new Object[] {CATALOG, r.schema(), r.name(), nonUnique, null, name,
            DatabaseMetaData.tableIndexOther, position, column, descending ? "D" : "A", 0L, 0L, null};
    }

    /** Result columns for metadata rows: (label, java.sql.Types) pairs. */
    static List<ResultColumn> columns(Object... labelsAndTypes) {
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < labelsAndTypes.length; i += 2) {
            String label = (String) labelsAndTypes[i];
            int type = (Integer) labelsAndTypes[i + 1];
            columns.add(new ResultColumn(label, label, "", "", type, typeName(type), 0, 0, true));
        }
        return columns;
    }

    private static String typeName(int sqlType) {
        return switch (sqlType) {
            case Types.INTEGER -> "INTEGER";
            case Types.SMALLINT -> "SMALLINT";
            case Types.BIGINT -> "BIGINT";
            case Types.BOOLEAN -> "BOOLEAN";
            default -> "VARCHAR";
        };
    }

    /** Whether a catalog column type is numeric (getTypeInfo's NUM_PREC_RADIX/UNSIGNED_ATTRIBUTE). */
    static boolean isNumeric(ColumnType type) {
        return switch (type) {
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }
}
