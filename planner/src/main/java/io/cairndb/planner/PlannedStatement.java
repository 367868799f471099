package io.cairndb.planner;

import java.util.List;

/**
 * A statement planned against one catalog version, ready to run any number of times with different parameter
 * values. Thread-safe: a cached plan is shared by sessions.
 */
public interface PlannedStatement {

    enum Kind { QUERY, INSERT, UPDATE, DELETE, EXPLAIN }

    Kind kind();

    /** True when running it never writes (QUERY, EXPLAIN): autocommit may use a read-only transaction. */
    default boolean isReadOnly() {
        return kind() == Kind.QUERY || kind() == Kind.EXPLAIN;
    }

    /** Result columns (QUERY, EXPLAIN); empty for DML. */
    List<ResultColumn> columns();

    /** One entry per '?', in order. */
    List<ParameterInfo> parameters();

    /** The catalog version the plan was made against. */
    long catalogVersion();

    /** Runs a QUERY or EXPLAIN; rows are produced lazily, reading through {@code ctx.transaction()}. */
    RowCursor query(ExecutionContext ctx, List<Object> params);

    /** Runs INSERT/UPDATE/DELETE in {@code ctx.transaction()}; returns the number of rows affected. */
    long update(ExecutionContext ctx, List<Object> params);
}
