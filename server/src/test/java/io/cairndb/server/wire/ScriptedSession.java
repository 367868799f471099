package io.cairndb.server.wire;

import io.cairndb.planner.ParameterInfo;
import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import io.cairndb.planner.SqlStateException;
import io.cairndb.sql.MetadataRequest;
import io.cairndb.sql.PreparedSql;
import io.cairndb.sql.SqlSession;
import io.cairndb.sql.StatementOptions;
import io.cairndb.sql.StatementResult;
import java.sql.Connection;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted SqlSession for protocol tests. Statements it knows:
 * <ul>
 * <li>{@code ROWS n}: a query of n rows (ID INTEGER = 1..n, NAME VARCHAR = "row-i"), produced lazily</li>
 * <li>{@code ECHO}: a query returning its parameters as one row</li>
 * <li>{@code INSERT x}: update count 1, unless a parameter is "dup" (23505)</li>
 * <li>{@code SLEEP}: blocks until {@link #cancel()}, then fails with 57014</li>
 * <li>{@code FAIL sqlstate}: fails with that SQLSTATE; {@code CRASH}: an unexpected exception</li>
 * </ul>
 */
final class ScriptedSession implements SqlSession {
    private final long id;
    final String user;
    private volatile String schema;
    private volatile boolean autoCommit = true;
    private volatile boolean readOnly;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<MetadataRequest> metadataRequests = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger rowsProduced = new AtomicInteger();
    final AtomicInteger openCursors = new AtomicInteger();
    final CountDownLatch sleeping = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    private volatile CountDownLatch cancelled = new CountDownLatch(1);
    volatile StatementOptions lastOptions;

    ScriptedSession(long id, String user, String schema) {
        this.id = id;
        this.user = user;
        this.schema = schema;
    }

    private static ResultColumn col(String name, int type, String typeName) {
        return new ResultColumn(name, name, "PUBLIC", "T", type, typeName, type == Types.VARCHAR ? 20 : 10, 0, true);
    }

    @Override
    public long id() {
        return id;
    }

    /** Statement by statement, as a session in an explicit transaction runs a batch. */
    @Override
    public void executeBatch(List<String> sqls, List<List<Object>> paramRows, StatementOptions options,
                             java.util.function.LongConsumer counts) {
        for (int i = 0; i < sqls.size(); i++) {
            StatementResult result = execute(sqls.get(i), paramRows.get(i), options);
            if (result.hasRows()) {
                result.rows().close();
                throw new SqlStateException("21000", "a statement in a batch returned rows");
            }
            counts.accept(result.updateCount());
        }
    }

    @Override
    public StatementResult execute(String sql, List<Object> params, StatementOptions options) {
        calls.add(sql);
        lastOptions = options;
        String[] words = sql.trim().split("\\s+");
        switch (words[0]) {
            case "ROWS" -> {
                int n = Integer.parseInt(words[1]);
                long limit = options.maxRows() > 0 ? Math.min(n, options.maxRows()) : n;
                return StatementResult.rows(new CountingCursor((int) limit));
            }
            case "ECHO" -> {
                List<ResultColumn> cols = new ArrayList<>();
                for (int i = 0; i < params.size(); i++) {
                    cols.add(new ResultColumn("P" + (i + 1), "", "", "", Types.OTHER, "ANY", 0, 0, true));
                }
                return StatementResult.rows(new ListCursor(cols, List.<Object[]>of(params.toArray())));
            }
            case "INSERT" -> {
                if (params.contains("dup")) {
                    throw new SqlStateException("23505", "duplicate key value");
                }
                return StatementResult.updateCount(1);
            }
            case "SET" -> {
                schema = words[2];
                return StatementResult.updateCount(0);
            }
            case "SLEEP" -> {
                sleeping.countDown();
                try {
                    if (!cancelled.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("SLEEP was never cancelled");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cancelled = new CountDownLatch(1);
                throw new SqlStateException("57014", "canceling statement due to user request");
            }
            case "FAIL" -> throw new SqlStateException(words[1], "scripted failure " + words[1]);
            case "CRASH" -> throw new IllegalStateException("scripted bug");
            default -> throw new SqlStateException("42601", "the script does not know: " + sql);
        }
    }

    @Override
    public PreparedSql prepare(String sql) {
        calls.add("PREPARE " + sql);
        int n = (int) sql.chars().filter(c -> c == '?').count();
        List<ParameterInfo> params = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            params.add(new ParameterInfo(Types.VARCHAR, "VARCHAR", 20, 0));
        }
        String stripped = sql.replace("?", "").trim();
        List<ResultColumn> columns = stripped.startsWith("ROWS")
                ? List.of(col("ID", Types.INTEGER, "INTEGER"), col("NAME", Types.VARCHAR, "VARCHAR")) : List.of();
        if (stripped.startsWith("FAIL")) {
            throw new SqlStateException("42P01", "table not found");
        }
        return new PreparedSql(stripped, params, columns);
    }

    @Override
    public RowCursor metadata(MetadataRequest request) {
        metadataRequests.add(request);
        List<ResultColumn> cols = List.of(col("TABLE_CAT", Types.VARCHAR, "VARCHAR"),
                col("TABLE_SCHEM", Types.VARCHAR, "VARCHAR"), col("TABLE_NAME", Types.VARCHAR, "VARCHAR"),
                col("TABLE_TYPE", Types.VARCHAR, "VARCHAR"));
        return new ListCursor(cols, List.<Object[]>of(new Object[] {"CAIRNDB", "PUBLIC", "T", "TABLE"}));
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
        calls.add("AUTOCOMMIT " + autoCommit);
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean autoCommit() {
        return autoCommit;
    }

    @Override
    public void commit() {
        calls.add("COMMIT");
    }

    @Override
    public void rollback() {
        calls.add("ROLLBACK");
    }

    @Override
    public boolean inTransaction() {
        return !autoCommit;
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        calls.add("READONLY " + readOnly);
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public int transactionIsolation() {
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public void setSchema(String schema) {
        if ("NOSUCH".equals(schema)) {
            throw new SqlStateException("3F000", "schema NOSUCH does not exist");
        }
        calls.add("SCHEMA " + schema);
        this.schema = schema;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public void cancel() {
        cancelled.countDown();
    }

    @Override
    public void close() {
        calls.add("CLOSE");
        closed.countDown();
    }

    /** n generated rows, counted as they are produced so tests can see how far the server read ahead. */
    private final class CountingCursor implements RowCursor {
        private final int n;
        private int i;
        private boolean open = true;

        CountingCursor(int n) {
            this.n = n;
            openCursors.incrementAndGet();
        }

        @Override
        public List<ResultColumn> columns() {
            return List.of(col("ID", Types.INTEGER, "INTEGER"), col("NAME", Types.VARCHAR, "VARCHAR"));
        }

        @Override
        public boolean next() {
            if (i >= n) {
                return false;
            }
            i++;
            rowsProduced.incrementAndGet();
            return true;
        }

        @Override
        public Object[] row() {
            return new Object[] {i, "row-" + i};
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                openCursors.decrementAndGet();
            }
        }
    }

    private static final class ListCursor implements RowCursor {
        private final List<ResultColumn> columns;
        private final List<Object[]> rows;
        private int i = -1;

        ListCursor(List<ResultColumn> columns, List<Object[]> rows) {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public List<ResultColumn> columns() {
            return columns;
        }

        @Override
        public boolean next() {
            return ++i < rows.size();
        }

        @Override
        public Object[] row() {
            return rows.get(i);
        }

        @Override
        public void close() {
        }
    }
}
