package io.cairndb.sql.session;

import io.cairndb.planner.PlannedStatement;
import io.cairndb.planner.RowCursor;
import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.row.KeyDescription;
import io.cairndb.sql.MetadataRequest;
import io.cairndb.sql.PreparedSql;
import io.cairndb.sql.SqlSession;
import io.cairndb.sql.StatementOptions;
import io.cairndb.sql.StatementResult;
import io.cairndb.sql.ddl.DdlExecutor;
import io.cairndb.sql.error.SqlErrors;
import io.cairndb.sql.parse.LockingClause;
import io.cairndb.sql.parse.NativeStatement;
import io.cairndb.sql.parse.NativeStatementParser;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.txn.Transaction;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * A client session: current schema, transaction state and the statement running now.
 *
 * <p>Transactions follow PostgreSQL: in autocommit mode every statement is its own transaction (a query a
 * read-only snapshot, DML a read-write transaction retried on serialization failures); BEGIN or
 * setAutoCommit(false) opens an explicit transaction that starts at its first statement; an error inside it
 * aborts it, and later statements fail with 25P02 until ROLLBACK (COMMIT then rolls back too). DDL always
 * commits on its own.
 */
public final class CairnSqlSession implements SqlSession {
    /**
     * Autocommit statements are retried on 40001 for this long before the error reaches the client. A window
     * rather than a count: under heavy contention on one row each round lets one contender through, and a count
     * that suffices on an idle machine starves a writer on a loaded one.
     */
    static final long AUTOCOMMIT_RETRY_WINDOW_NANOS = 10_000_000_000L;

    private final long id;
    private final SessionServices services;
    private final List<StatementCursor> transactionCursors = new ArrayList<>();
    private String schema;
    private boolean autoCommit = true;
    private boolean inBlock;
    private boolean readOnly;
    private Boolean blockReadOnly;
    private Transaction transaction;
    private boolean aborted;
    private volatile StatementContext current;

    public CairnSqlSession(long id, SessionServices services, String schema) {
        this.id = id;
        this.services = services;
        this.schema = schema == null || schema.isEmpty() ? SqlConfig.DEFAULT_SCHEMA : schema;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public StatementResult execute(String sql, List<Object> params, StatementOptions options) {
        StatementContext context = new StatementContext(options.queryTimeoutSeconds());
        current = context;
        boolean cursorOpen = false;
        try {
            NativeStatement statement = NativeStatementParser.parse(sql);
            if (statement != null) {
                return executeNative(statement);
            }
            checkNotAborted();
            LockingClause locking = LockingClause.of(sql);
            PlannedStatement plan = plan(locking == null ? sql : locking.query());
            checkParameters(plan, params);
            if (locking != null && !plan.isReadOnly()) {
                throw new SqlStateException("42601", "syntax error: FOR UPDATE ends a query, not a " + plan.kind());
            }
            StatementResult result = explicit() ? executeInTransaction(plan, locking, params, options, context)
                    : executeAutocommit(plan, locking, params, options, context);
            cursorOpen = result.hasRows();
            return result;
        } catch (RuntimeException | StackOverflowError e) {
            SqlStateException error = namingTheRow(SqlErrors.translate(e), e);
            if ((transaction != null || inBlock) && !"25P02".equals(error.sqlState())) {
                abortTransaction();
            }
            throw error;
        } finally {
            context.pause();
            if (!cursorOpen) {
                // a query's context stays current while its cursor is fetched, so CANCEL reaches the fetches
                current = null;
            }
        }
    }

    @Override
    public void executeBatch(List<String> sqls, List<List<Object>> paramRows, StatementOptions options,
                             LongConsumer counts) {
        if (sqls.size() != paramRows.size()) {
            throw new IllegalArgumentException("a batch needs one parameter row per statement");
        }
        if (explicit() || !allDml(sqls)) {
            for (int i = 0; i < sqls.size(); i++) {
                counts.accept(updateCountOf(execute(sqls.get(i), paramRows.get(i), options)));
            }
            return;
        }
        // autocommit: the batch runs as one implicit transaction block, retried whole on serialization failures
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            long[] done = new long[sqls.size()];
            inBlock = true;
            try {
                for (int i = 0; i < sqls.size(); i++) {
                    done[i] = updateCountOf(execute(sqls.get(i), paramRows.get(i), options));
                }
                commit();
                for (long count : done) {
                    counts.accept(count);
                }
                return;
            } catch (SqlStateException e) {
                rollback();
                if (!e.isRetryable() || System.nanoTime() - started > AUTOCOMMIT_RETRY_WINDOW_NANOS) {
                    throw e;
                }
                backOff(attempt);
            } finally {
                inBlock = false;
            }
        }
    }

    /** True when every statement is planned DML or a query (no DDL, no transaction control, no SET). */
    private static boolean allDml(List<String> sqls) {
        String last = null;
        for (String sql : sqls) {
            if (sql == null) {
                throw new SqlStateException("42601", "no SQL text");
            }
            if (!sql.equals(last) && NativeStatementParser.parse(sql) != null) {
                return false;
            }
            last = sql;
        }
        return true;
    }

    /** The update count of a batch element; a query's rows are closed and the batch fails (21000). */
    private static long updateCountOf(StatementResult result) {
        if (result.hasRows()) {
            result.rows().close();
            throw new SqlStateException("21000", "a statement in a batch returned rows");
        }
        return result.updateCount();
    }

    @Override
    public PreparedSql prepare(String sql) {
        try {
            if (NativeStatementParser.parse(sql) != null) {
                return new PreparedSql(sql, List.of(), List.of());
            }
            LockingClause locking = LockingClause.of(sql);
            PlannedStatement plan = plan(locking == null ? sql : locking.query());
            return new PreparedSql(sql, plan.parameters(), plan.isReadOnly() ? plan.columns() : List.of());
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public RowCursor metadata(MetadataRequest request) {
        try {
            return services.metadata().rows(request);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    private StatementResult executeNative(NativeStatement statement) {
        if (DdlExecutor.handles(statement)) {
            checkNotAborted();
            if (transaction != null) {
                // DDL commits on its own; mixing it with buffered writes planned on the old catalog is unsafe
                throw new SqlStateException("25001",
                        "DDL cannot run inside a transaction that has already run statements; COMMIT or ROLLBACK first");
            }
            if (readOnly || Boolean.TRUE.equals(blockReadOnly)) {
                throw new SqlStateException("25006", "cannot execute DDL in a read-only transaction");
            }
            services.ddl().execute(statement, schema);
            return StatementResult.updateCount(0);
        }
        if (statement instanceof NativeStatement.AlterNodeDecommission alter) {
            checkNotAborted();
            if (transaction != null) {
                throw new SqlStateException("25001", "ALTER NODE cannot run inside a transaction; COMMIT or ROLLBACK "
                        + "first");
            }
            try {
                services.catalog().storage().decommission(alter.nodeId(), alter.force());
            } catch (io.cairndb.storage.StorageException e) {
                // a refusal (unknown node, too few nodes left) is the caller's to fix, not a retryable failure
                throw new SqlStateException(e.isRetryable() ? "40001" : "55000", e.getMessage(), e);
            }
            return StatementResult.updateCount(0);
        }
        if (statement instanceof NativeStatement.Begin begin) {
            if (!explicit()) {
                inBlock = true;
            }
            if (begin.readOnly() != null && transaction == null) {
                blockReadOnly = begin.readOnly();
            }
        } else if (statement instanceof NativeStatement.Commit) {
            commit();
        } else if (statement instanceof NativeStatement.Rollback) {
            rollback();
        } else if (statement instanceof NativeStatement.SetSchema set) {
            setSchema(set.schema());
        } else if (statement instanceof NativeStatement.SetTransaction set) {
            if (set.readOnly() != null) {
                if (set.session()) {
                    setReadOnly(set.readOnly());
                } else if (explicit()) {
                    if (transaction != null) {
                        throw new SqlStateException("25001",
                                "SET TRANSACTION must be called before any query of the transaction");
                    }
                    blockReadOnly = set.readOnly();
                }
                // outside a transaction block SET TRANSACTION has nothing to apply to (PostgreSQL warns)
            }
        } else {
            throw new IllegalStateException("unhandled statement " + statement);
        }
        return StatementResult.updateCount(0);
    }

    private StatementResult executeInTransaction(PlannedStatement plan, LockingClause locking, List<Object> params,
                                                 StatementOptions options, StatementContext context) {
        Transaction txn = transaction();
        checkWritable(txn.isReadOnly(), plan, locking);
        context.use(txn);
        if (locking != null) {
            // the rows the query reads are locked first; the query then runs again for its result (see
            // Transaction.lockRowsRead: as the transaction's first statement, it then sees them as last committed)
            txn.lockRowsRead(() -> {
                try (RowCursor rows = plan.query(context, params)) {
                    while (rows.next()) {
                        context.checkCancelled();
                    }
                }
            }, locking.noWait());
        }
        if (plan.isReadOnly()) {
            StatementCursor cursor = new StatementCursor(plan.query(context, params), context, options.maxRows(),
                    () -> { }, error -> abortTransaction());
            cursor.prefetch();
            transactionCursors.add(cursor);
            return StatementResult.rows(cursor);
        }
        if (plan.kind() == PlannedStatement.Kind.UPDATE || plan.kind() == PlannedStatement.Kind.DELETE) {
            // the rows it changes are locked as it reads them: a concurrent writer of the same rows waits for this
            // transaction, and this one, when it waited, reads them as last committed (Transaction.runLocking)
            long[] count = new long[1];
            txn.runLocking(() -> count[0] = plan.update(context, params), false);
            return StatementResult.updateCount(count[0]);
        }
        return StatementResult.updateCount(plan.update(context, params));
    }

    private StatementResult executeAutocommit(PlannedStatement plan, LockingClause locking, List<Object> params,
                                              StatementOptions options, StatementContext context) {
        checkWritable(readOnly, plan, locking);
        // autocommit FOR UPDATE: its locks would end with the statement, so it runs as the query it locks
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            context.checkCancelled();
            Transaction txn = plan.isReadOnly() ? services.transactions().beginReadOnly()
                    : services.transactions().begin();
            context.use(txn);
            try {
                if (plan.isReadOnly()) {
                    StatementCursor cursor = new StatementCursor(plan.query(context, params), context,
                            options.maxRows(), () -> endQuietly(txn), error -> { });
                    cursor.prefetch();
                    return StatementResult.rows(cursor);
                }
                long count = plan.update(context, params);
                txn.commit();
                return StatementResult.updateCount(count);
            } catch (RuntimeException e) {
                txn.rollback();
                SqlStateException error = SqlErrors.translate(e);
                if (!error.isRetryable() || System.nanoTime() - started > AUTOCOMMIT_RETRY_WINDOW_NANOS) {
                    throw error;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * A serialization failure on one key names the row as the user knows it — table, key columns and values —
     * instead of the stored key in hex.
     */
    private SqlStateException namingTheRow(SqlStateException error, Throwable cause) {
        if (!"40001".equals(error.sqlState()) || error.getMessage() == null) {
            return error;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TransactionConflictException c && c.key() != null) {
                String hex = "key " + java.util.HexFormat.of().formatHex(c.key());
                String row = KeyDescription.describe(services.catalog().current(), c.key());
                if (row != null && error.getMessage().contains(hex)) {
                    return new SqlStateException("40001", error.getMessage().replace(hex, row), error);
                }
                return error;
            }
        }
        return error;
    }

    /** A write, or a query that locks rows, is refused in a read-only transaction (25006). */
    private static void checkWritable(boolean readOnlyTxn, PlannedStatement plan, LockingClause locking) {
        if (readOnlyTxn && (!plan.isReadOnly() || locking != null)) {
            throw new SqlStateException("25006", "cannot execute " + (locking != null ? "SELECT FOR UPDATE"
                    : plan.kind()) + " in a read-only transaction");
        }
    }

    private static void endQuietly(Transaction txn) {
        if (txn.isActive()) {
            // a read-only snapshot has nothing to commit; ending it releases what it pinned
            txn.rollback();
        }
    }

    /** Jittered exponential backoff, 2 ms doubling up to 100 ms, so contenders spread out instead of colliding. */
    private static void backOff(int attempt) {
        long maxMillis = Math.min(100, 1L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlStateException("57014", "canceling statement: interrupted");
        }
    }

    private PlannedStatement plan(String sql) {
        String text = stripTerminator(sql);
        long version = services.catalog().current().version();
        PlannedStatement plan = services.plans().get(text, schema, version);
        if (plan != null) {
            return plan;
        }
        SqlNode node;
        try {
            node = SqlParser.create(text, SqlConfig.parserConfig()).parseStmt();
        } catch (SqlParseException e) {
            throw SqlErrors.parseError(e);
        }
        try {
            plan = services.planner().plan(node, schema);
        } catch (SqlStateException e) {
            // a table or column created by DDL on another node within the catalog's refresh interval
            if (("42P01".equals(e.sqlState()) || "42703".equals(e.sqlState()))
                    && services.catalog().refresh().version() > version) {
                return plan(sql);
            }
            throw e;
        }
        services.plans().put(text, schema, plan);
        return plan;
    }

    private static String stripTerminator(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            throw new SqlStateException("42601", "syntax error: empty statement");
        }
        return text;
    }

    private static void checkParameters(PlannedStatement plan, List<Object> params) {
        int expected = plan.parameters().size();
        int given = params == null ? 0 : params.size();
        if (expected != given) {
            throw new SqlStateException("07001",
                    "the statement has " + expected + " parameter(s) but " + given + " value(s) were supplied");
        }
    }

    private boolean explicit() {
        return !autoCommit || inBlock;
    }

    private Transaction transaction() {
        if (transaction == null) {
            boolean ro = blockReadOnly != null ? blockReadOnly : readOnly;
            transaction = ro ? services.transactions().beginReadOnly() : services.transactions().begin();
        }
        return transaction;
    }

    private void checkNotAborted() {
        if (aborted) {
            throw new SqlStateException("25P02",
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    /** An error inside an explicit transaction aborts it (PostgreSQL semantics). */
    private void abortTransaction() {
        closeTransactionCursors();
        if (transaction != null) {
            transaction.rollback();
            transaction = null;
        }
        if (explicit()) {
            aborted = true;
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
        if (autoCommit && !this.autoCommit) {
            commit();
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean autoCommit() {
        return autoCommit;
    }

    @Override
    public void commit() {
        closeTransactionCursors();
        Transaction txn = transaction;
        boolean wasAborted = aborted;
        endBlock();
        if (wasAborted) {
            throw new SqlStateException("25P02",
                    "the transaction was aborted by an earlier error and has been rolled back; nothing was committed");
        }
        if (txn != null) {
            try {
                txn.commit();
            } catch (RuntimeException e) {
                txn.rollback();
                throw namingTheRow(SqlErrors.translate(e), e);
            }
        }
    }

    @Override
    public void rollback() {
        closeTransactionCursors();
        Transaction txn = transaction;
        endBlock();
        if (txn != null) {
            txn.rollback();
        }
    }

    private void endBlock() {
        transaction = null;
        aborted = false;
        inBlock = false;
        blockReadOnly = null;
    }

    private void closeTransactionCursors() {
        for (StatementCursor cursor : transactionCursors) {
            try {
                cursor.invalidate();
            } catch (RuntimeException ignored) {
                // closing is best effort: the transaction ends anyway
            }
        }
        transactionCursors.clear();
    }

    @Override
    public boolean inTransaction() {
        return transaction != null || inBlock;
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        if (transaction != null) {
            throw new SqlStateException("25001", "cannot change read-only mode inside a transaction");
        }
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
        if (schema == null || schema.isEmpty()) {
            throw new SqlStateException("3F000", "a schema name is required");
        }
        this.schema = schema;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public void cancel() {
        StatementContext running = current;
        if (running != null) {
            running.cancel();
        }
    }

    @Override
    public void close() {
        rollback();
    }
}
