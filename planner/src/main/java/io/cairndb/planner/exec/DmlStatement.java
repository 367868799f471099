package io.cairndb.planner.exec;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.ParameterInfo;
import io.cairndb.planner.PlannedStatement;
import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.row.RowCodec;
import io.cairndb.planner.schema.SchemaSnapshot;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;

/**
 * INSERT/UPDATE/DELETE: Calcite computes the source rows (the VALUES/SELECT to insert; for UPDATE the matching
 * rows followed by their new values; for DELETE the matching rows), which are collected first (so the statement
 * never reads its own writes) and then written through the transaction by a {@link TableWriter}. An INSERT whose
 * source reads no table (VALUES, generate_series) cannot read its own writes, so its rows go to the writer as
 * they are computed and none are held: {@code INSERT … SELECT … FROM generate_series(1, 10000000)} streams.
 */
public final class DmlStatement implements PlannedStatement {
    private final Kind kind;
    private final SchemaSnapshot snapshot;
    private final TableDef table;
    private final StorageNode storage;
    private final Bindable<Object> source;
    private final Map<String, Object> stash;
    private final Signature signature;
    /** INSERT: full-row position of each source field. */
    private final int[] insertPositions;
    /** UPDATE: full-row position of each updated column (source fields after the old row). */
    private final int[] updatePositions;
    /** Whether the source reads no table, so an INSERT may write each row as it comes (see the class comment). */
    private final boolean sourceReadsNoTable;

    /** @param sourceReadsNoTable true when the source plan scans no table at all (then INSERT streams) */
    public DmlStatement(Kind kind, SchemaSnapshot snapshot, TableDef table, StorageNode storage,
                        Bindable<Object> source, Map<String, Object> stash, Signature signature,
                        int[] insertPositions, int[] updatePositions, boolean sourceReadsNoTable) {
        this.kind = kind;
        this.snapshot = snapshot;
        this.table = table;
        this.storage = storage;
        this.source = source;
        this.stash = stash;
        this.signature = signature;
        this.insertPositions = insertPositions;
        this.updatePositions = updatePositions;
        this.sourceReadsNoTable = sourceReadsNoTable;
    }

    /** Whether the rows to write come from the plan interpreter (else from code Calcite compiled). */
    public boolean interpreted() {
        return source instanceof io.cairndb.planner.interp.InterpretedPlan;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public List<ResultColumn> columns() {
        return List.of();
    }

    @Override
    public List<ParameterInfo> parameters() {
        return signature.parameters();
    }

    @Override
    public long catalogVersion() {
        return snapshot.catalog().version();
    }

    @Override
    public RowCursor query(ExecutionContext ctx, List<Object> params) {
        throw new SqlStateException("42809", kind + " does not return rows; run it as an update");
    }

    @Override
    public long update(ExecutionContext ctx, List<Object> params) {
        Object[] internal = signature.internalParams(params);
        signature.checkStringParamLengths(params);
        CairnDataContext dc = new CairnDataContext(snapshot.root(), SqlConfig.TYPE_FACTORY, stash, internal, ctx);
        try {
            List<Object[]> rows = new ArrayList<>();
            try (Enumerator<Object> en = source.bind(dc).enumerator()) {
                if (kind == Kind.INSERT && sourceReadsNoTable) {
                    return insertEach(ctx, en);
                }
                while (en.moveNext()) {
                    ctx.checkCancelled();
                    rows.add(row(en.current()));
                }
            }
            return write(ctx, rows);
        } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
            throw SqlErrors.runtime(e);
        }
    }

    private static Object[] row(Object current) {
        return current instanceof Object[] a ? a : new Object[] {current};
    }

    /** INSERT, writing the source rows in batches as the source computes them. */
    private long insertEach(ExecutionContext ctx, Enumerator<Object> source) {
        TableWriter writer = new TableWriter(table, new RowCodec(table), storage);
        InsertBatch batch = new InsertBatch(ctx.transaction(), writer);
        long count = 0;
        while (source.moveNext()) {
            ctx.checkCancelled();
            batch.add(row(source.current()));
            count++;
        }
        batch.flush();
        return count;
    }

    /**
     * Rows to insert, written {@link #BATCH} at a time so their keys are checked with one read per range
     * ({@link TableWriter#insertAll}). A row that cannot even be prepared (NOT NULL) first lets the rows before
     * it be written, so the statement fails with the first bad row's error, as row by row.
     */
    private final class InsertBatch {
        private static final int BATCH = 512;
        private final Transaction txn;
        private final TableWriter writer;
        private final List<Object[]> rows = new ArrayList<>(BATCH);

        InsertBatch(Transaction txn, TableWriter writer) {
            this.txn = txn;
            this.writer = writer;
        }

        void add(Object[] src) {
            Object[] full = new Object[table.columns().size()];
            for (int i = 0; i < insertPositions.length; i++) {
                full[insertPositions[i]] = src[i];
            }
            Object[] prepared;
            try {
                prepared = writer.prepare(full);
            } catch (RuntimeException e) {
                flush();
                throw e;
            }
            rows.add(prepared);
            if (rows.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (!rows.isEmpty()) {
                writer.insertAll(txn, rows);
                rows.clear();
            }
        }
    }

    private long write(ExecutionContext ctx, List<Object[]> rows) {
        Transaction txn = ctx.transaction();
        TableWriter writer = new TableWriter(table, new RowCodec(table), storage);
        int n = table.columns().size();
        switch (kind) {
            case INSERT -> {
                InsertBatch batch = new InsertBatch(txn, writer);
                for (Object[] src : rows) {
                    ctx.checkCancelled();
                    batch.add(src);
                }
                batch.flush();
            }
            case DELETE -> {
                for (Object[] row : rows) {
                    writer.delete(txn, java.util.Arrays.copyOf(row, n));
                }
            }
            case UPDATE -> {
                // Delete every old row first, then insert the new ones: a key that moves onto a key another
                // updated row is leaving is not a conflict.
                List<Object[]> newRows = new ArrayList<>(rows.size());
                for (Object[] src : rows) {
                    Object[] updated = java.util.Arrays.copyOf(src, n);
                    for (int j = 0; j < updatePositions.length; j++) {
                        updated[updatePositions[j]] = src[n + j];
                    }
                    newRows.add(writer.prepare(updated));
                }
                for (Object[] src : rows) {
                    writer.delete(txn, java.util.Arrays.copyOf(src, n));
                }
                for (Object[] row : newRows) {
                    ctx.checkCancelled();
                    writer.insert(txn, row);
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return rows.size();
    }
}
