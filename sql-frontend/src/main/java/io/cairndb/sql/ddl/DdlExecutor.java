package io.cairndb.sql.ddl;

import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.catalog.CatalogManager;
import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.row.RowCodec;
import io.cairndb.sql.parse.NativeStatement;
import io.cairndb.sql.parse.NativeStatement.ColumnSpec;
import io.cairndb.sql.parse.NativeStatement.CreateIndex;
import io.cairndb.sql.parse.NativeStatement.CreateTable;
import io.cairndb.sql.parse.NativeStatement.CreateView;
import io.cairndb.sql.parse.NativeStatement.DropIndex;
import io.cairndb.sql.parse.NativeStatement.DropTable;
import io.cairndb.sql.parse.NativeStatement.DropView;
import io.cairndb.sql.parse.NativeStatement.QualifiedName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Carries out DDL statements against the catalog. Each statement is its own catalog transaction (DDL commits
 * on its own, also inside an explicit transaction), so a failed DDL statement changes nothing.
 */
public final class DdlExecutor {
    private final CatalogManager catalog;

    public DdlExecutor(CatalogManager catalog) {
        this.catalog = catalog;
    }

    /** True for the statements this executor carries out. */
    public static boolean handles(NativeStatement statement) {
        return statement instanceof CreateTable || statement instanceof DropTable || statement instanceof CreateIndex
                || statement instanceof DropIndex || statement instanceof CreateView || statement instanceof DropView
                || statement instanceof NativeStatement.AlterTableSplit;
    }

    public void execute(NativeStatement statement, String currentSchema) {
        if (statement instanceof CreateTable s) {
            createTable(s, currentSchema);
        } else if (statement instanceof DropTable s) {
            for (QualifiedName name : s.names()) {
                catalog.dropTable(schema(name, currentSchema), name.name(), s.ifExists(), s.cascade());
            }
        } else if (statement instanceof CreateIndex s) {
            catalog.createIndex(schema(s.table(), currentSchema), s.table().name(), s.name(), s.columns(),
                    s.descending(), s.unique(), s.ifNotExists());
        } else if (statement instanceof DropIndex s) {
            catalog.dropIndex(schema(s.name(), currentSchema), s.name().name(), s.ifExists());
        } else if (statement instanceof CreateView s) {
            catalog.createView(schema(s.name(), currentSchema), s.name().name(), s.query(), s.columns(), s.orReplace());
        } else if (statement instanceof DropView s) {
            for (QualifiedName name : s.names()) {
                catalog.dropView(schema(name, currentSchema), name.name(), s.ifExists(), s.cascade());
            }
        } else if (statement instanceof NativeStatement.AlterTableSplit s) {
            splitTable(s, currentSchema);
        } else {
            throw new IllegalArgumentException("not DDL: " + statement);
        }
    }

    /** Splits the table's range at the primary-key prefix given (no-op when a range already starts there). */
    private void splitTable(NativeStatement.AlterTableSplit s, String currentSchema) {
        String schema = schema(s.table(), currentSchema);
        TableDef table = catalog.current().table(schema, s.table().name());
        if (table == null) {
            throw new SqlStateException("42P01", "relation \"" + schema + "." + s.table().name() + "\" does not exist");
        }
        if (s.values().size() > table.primaryKey().size()) {
            throw new SqlStateException("42601", "SPLIT AT has " + s.values().size() + " values but the primary key of "
                    + table.name() + " has " + table.primaryKey().size() + " columns");
        }
        byte[] key;
        try {
            key = new RowCodec(table).primaryKeyPrefix(s.values());
        } catch (IllegalArgumentException e) {
            throw new SqlStateException("22023", "invalid SPLIT AT value: " + e.getMessage(), e);
        }
        catalog.storage().split(key);
    }

    private void createTable(CreateTable s, String currentSchema) {
        Set<String> seen = new HashSet<>();
        List<ColumnDef> columns = new ArrayList<>();
        for (ColumnSpec c : s.columns()) {
            if (!seen.add(c.name())) {
                throw new SqlStateException("42701", "column \"" + c.name() + "\" specified more than once");
            }
            ColumnTypes.Resolved type = ColumnTypes.resolve(c.typeName(), c.precision(), c.scale());
            if (c.defaultSql() != null) {
                checkExpression(c.defaultSql(), c.name());
            }
            boolean nullable = !c.notNull() && !s.primaryKey().contains(c.name());
            columns.add(new ColumnDef(c.name(), type.type(), type.precision(), type.scale(), nullable, c.defaultSql(),
                    false));
        }
        for (List<String> unique : s.uniqueKeys()) {
            for (String column : unique) {
                if (!seen.contains(column)) {
                    throw new SqlStateException("42703", "column \"" + column + "\" named in key does not exist");
                }
            }
        }
        String schema = schema(s.name(), currentSchema);
        if (s.ifNotExists() && catalog.current().table(schema, s.name().name()) != null) {
            return; // IF NOT EXISTS on an existing table changes nothing, its unique indexes included
        }
        catalog.createTable(schema, s.name().name(), columns, s.primaryKey(), s.ifNotExists());
        int n = 0;
        for (List<String> unique : s.uniqueKeys()) {
            // a UNIQUE constraint is a unique index, named as PostgreSQL names it
            String indexName = s.name().name() + "_" + String.join("_", unique) + "_KEY" + (n++ == 0 ? "" : "" + n);
            catalog.createIndex(schema, s.name().name(), indexName, unique,
                    unique.stream().map(c -> false).toList(), true, false);
        }
    }

    private static void checkExpression(String sql, String column) {
        try {
            SqlParser.create(sql, SqlConfig.parserConfig()).parseExpression();
        } catch (SqlParseException e) {
            throw new SqlStateException("42601",
                    "invalid DEFAULT for column " + column + ": " + e.getMessage().split("\n")[0]);
        }
    }

    private static String schema(QualifiedName name, String currentSchema) {
        return name.schema() != null ? name.schema() : currentSchema;
    }
}
