package io.cairndb.planner;

import io.cairndb.planner.catalog.CatalogManager;
import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.storage.StorageConfig;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.txn.Transaction;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/** A real single-node StorageNode in a temp dir, with a catalog and planner on top, and SQL helpers. */
public final class PlannerFixture implements AutoCloseable {
    public final Path dir;
    public StorageNode storage;
    public CatalogManager catalog;
    public QueryPlanner planner;
    private final int port;

    public PlannerFixture() throws IOException {
        this.dir = Files.createTempDirectory("cairndb-planner-test");
        this.port = freePort();
        open();
    }

    public void open() {
        storage = StorageNode.open(new StorageConfig(dir, "127.0.0.1", port, List.of(), "127.0.0.1:0", 1));
        catalog = new CatalogManager(storage);
        planner = new QueryPlanner(catalog, storage);
    }

    /** Closes and reopens the node on the same data directory. */
    public void reopen() {
        storage.close();
        open();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static SqlNode parse(String sql) {
        try {
            return SqlParser.create(sql, SqlConfig.parserConfig()).parseStmt();
        } catch (SqlParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ColumnDef col(String name, ColumnType type, boolean nullable) {
        return ColumnDef.of(name, type, nullable);
    }

    public static ColumnDef col(String name, ColumnType type, int precision, int scale, boolean nullable) {
        return new ColumnDef(name, type, precision, scale, nullable, null, false);
    }

    public PlannedStatement plan(String sql) {
        return planner.plan(parse(sql), SqlConfig.DEFAULT_SCHEMA);
    }

    /** Runs a DML statement in its own committed transaction. */
    public long update(String sql, Object... params) {
        PlannedStatement p = plan(sql);
        try (Transaction txn = storage.transactions().begin()) {
            long n = p.update(ctx(txn), Arrays.asList(params));
            txn.commit();
            return n;
        }
    }

    /** Runs a query in its own transaction; returns every row. */
    public List<List<Object>> query(String sql, Object... params) {
        PlannedStatement p = plan(sql);
        return run(p, params);
    }

    public List<List<Object>> run(PlannedStatement p, Object... params) {
        try (Transaction txn = storage.transactions().begin()) {
            List<List<Object>> rows = new ArrayList<>();
            try (RowCursor c = p.query(ctx(txn), Arrays.asList(params))) {
                while (c.next()) {
                    rows.add(Arrays.asList(c.row()));
                }
            }
            txn.commit();
            return rows;
        }
    }

    /** Rows as strings "a|b|c", for compact exact assertions. */
    public List<String> rows(String sql, Object... params) {
        return query(sql, params).stream().map(r -> String.join("|", r.stream().map(String::valueOf).toList()))
                .toList();
    }

    public static ExecutionContext ctx(Transaction txn) {
        return new ExecutionContext() {
            @Override
            public Transaction transaction() {
                return txn;
            }

            @Override
            public void checkCancelled() {
            }
        };
    }

    /** The SQLSTATE a statement fails with (planning or running). */
    public String errorOf(String sql, Object... params) {
        try {
            PlannedStatement p = plan(sql);
            if (p.kind() == PlannedStatement.Kind.QUERY || p.kind() == PlannedStatement.Kind.EXPLAIN) {
                run(p, params);
            } else {
                try (Transaction txn = storage.transactions().begin()) {
                    p.update(ctx(txn), Arrays.asList(params));
                    txn.commit();
                }
            }
            return "no error";
        } catch (SqlStateException e) {
            return e.sqlState();
        }
    }

    @Override
    public void close() {
        storage.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir cleanup is best effort
        }
    }
}
