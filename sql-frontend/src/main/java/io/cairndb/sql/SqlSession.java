package io.cairndb.sql;

import io.cairndb.planner.RowCursor;
import java.util.List;

/**
 * One client session: its current schema, its transaction (explicit or autocommit) and its statements.
 * A session is driven by one thread at a time, except {@link #cancel()}, which any thread may call.
 *
 * <p>Values, in parameters and rows alike, use these Java types: Boolean, Short (SMALLINT), Integer, Long,
 * Float (REAL), Double, BigDecimal, String (CHAR/VARCHAR), java.time.LocalDate, LocalTime, LocalDateTime
 * (TIMESTAMP), byte[] (VARBINARY); null is SQL NULL.
 *
 * <p>Every failure is a {@link io.cairndb.planner.SqlStateException}; after one the session stays usable.
 */
public interface SqlSession extends AutoCloseable {

    long id();

    /** Runs any statement: query, DML, DDL, BEGIN/COMMIT/ROLLBACK, SET, EXPLAIN. */
    StatementResult execute(String sql, List<Object> params, StatementOptions options);

    /**
     * Runs a JDBC batch: {@code sqls.get(i)} with {@code paramRows.get(i)}, in order, handing each statement's update
     * count to {@code counts} as it is known. In autocommit mode a batch of DML is one transaction, as PostgreSQL's
     * driver runs one: every row commits or none does, a serialization failure (40001) retries the whole batch, and
     * the counts are handed over only once it committed. Inside an explicit transaction the statements join it; a
     * batch holding DDL or transaction control runs statement by statement. A statement that returns rows fails the
     * batch with 21000.
     */
    void executeBatch(List<String> sqls, List<List<Object>> paramRows, StatementOptions options,
                      java.util.function.LongConsumer counts);

    /** Plans {@code sql} (cached) and describes its parameters and result columns, without running it. */
    PreparedSql prepare(String sql);

    /** Runs a metadata request (DatabaseMetaData) and returns rows with the standard JDBC column names. */
    RowCursor metadata(MetadataRequest request);

    void setAutoCommit(boolean autoCommit);

    boolean autoCommit();

    /** Commits the explicit transaction, if any. */
    void commit();

    /** Rolls back the explicit transaction, if any. */
    void rollback();

    boolean inTransaction();

    void setReadOnly(boolean readOnly);

    boolean isReadOnly();

    /** The isolation level really provided, as a java.sql.Connection TRANSACTION_* constant. */
    int transactionIsolation();

    void setSchema(String schema);

    String schema();

    /** Cancels the statement running now (it fails with SQLSTATE 57014); a no-op when none runs. */
    void cancel();

    /** Rolls back any open transaction and closes open cursors. */
    @Override
    void close();
}
