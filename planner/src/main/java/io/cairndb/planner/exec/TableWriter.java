package io.cairndb.planner.exec;

import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.IndexDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.row.IndexEntry;
import io.cairndb.planner.row.RowCodec;
import io.cairndb.planner.row.ValueCoercion;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.txn.Transaction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Writes rows of one table through a transaction, enforcing NOT NULL, primary-key and unique-index constraints
 * and keeping every secondary index in step. Rows are full rows (hidden columns included).
 */
public final class TableWriter {
    private final TableDef table;
    private final RowCodec codec;
    private final StorageNode storage;

    public TableWriter(TableDef table, RowCodec codec, StorageNode storage) {
        this.table = table;
        this.codec = codec;
        this.storage = storage;
    }

    /** Coerces each value to its column type, fills the hidden row id, checks NOT NULL; returns the stored row. */
    public Object[] prepare(Object[] row) {
        Object[] out = new Object[table.columns().size()];
        for (int i = 0; i < out.length; i++) {
            ColumnDef c = table.columns().get(i);
            Object v = row[i];
            if (c.hidden() && v == null && c.name().equals(ColumnDef.ROWID)) {
                v = storage.nextUniqueId();
            }
            v = ValueCoercion.coerce(v, c);
            if (v == null && !c.nullable()) {
                throw new SqlStateException("23502", "null value in column \"" + c.name() + "\" of relation \""
                        + table.name() + "\" violates not-null constraint");
            }
            out[i] = v;
        }
        return out;
    }

    /** Inserts a prepared row; 23505 when its primary key or a unique index value exists. */
    public void insert(Transaction txn, Object[] row) {
        byte[] key = codec.primaryKey(row);
        if (txn.get(key) != null) {
            throw duplicate("PRIMARY KEY", table.primaryKey(), row);
        }
        txn.put(key, codec.value(row));
        for (IndexDef ix : table.indexes()) {
            writeIndexEntry(txn, ix, row);
        }
    }

    /**
     * Inserts prepared rows as {@link #insert} does each, in order, but checks their keys (primary and unique
     * index) with one read per range rather than one per row: a bulk INSERT pays one round trip per batch. The
     * 23505 raised is the first failing row's, as row-by-row insertion would raise it; nothing of the batch is
     * written then.
     */
    public void insertAll(Transaction txn, List<Object[]> rows) {
        if (rows.size() == 1) {
            insert(txn, rows.get(0));
            return;
        }
        int firstFailing = Integer.MAX_VALUE;
        SqlStateException failure = null;
        List<byte[]> keys = new ArrayList<>(rows.size());
        rows.forEach(r -> keys.add(codec.primaryKey(r)));
        int dup = firstTaken(txn, keys);
        if (dup >= 0) {
            firstFailing = dup;
            failure = duplicate("PRIMARY KEY", table.primaryKey(), rows.get(dup));
        }
        for (IndexDef ix : table.indexes()) {
            List<byte[]> entries = new ArrayList<>(rows.size());
            List<Integer> rowOf = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size() && i < firstFailing; i++) {
                if (codec.enforcesUniqueness(ix, rows.get(i))) {
                    entries.add(codec.indexEntry(ix, rows.get(i)).key());
                    rowOf.add(i);
                }
            }
            int taken = firstTaken(txn, entries);
            if (taken >= 0 && rowOf.get(taken) < firstFailing) {
                firstFailing = rowOf.get(taken);
                failure = duplicate(ix.name(), ix.columns(), rows.get(firstFailing));
            }
        }
        if (failure != null) {
            throw failure;
        }
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            txn.put(keys.get(i), codec.value(row));
            for (IndexDef ix : table.indexes()) {
                IndexEntry e = codec.indexEntry(ix, row);
                txn.put(e.key(), e.value());
            }
        }
    }

    /** The position of the first key that exists already or repeats an earlier one of the list, or -1. */
    private static int firstTaken(Transaction txn, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return -1;
        }
        Set<ByteBuffer> seen = new HashSet<>();
        List<byte[]> stored = txn.getAll(keys);
        for (int i = 0; i < keys.size(); i++) {
            if (stored.get(i) != null || !seen.add(ByteBuffer.wrap(keys.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** Deletes a stored row and its index entries. */
    public void delete(Transaction txn, Object[] row) {
        txn.delete(codec.primaryKey(row));
        for (IndexDef ix : table.indexes()) {
            txn.delete(codec.indexEntry(ix, row).key());
        }
    }

    private void writeIndexEntry(Transaction txn, IndexDef ix, Object[] row) {
        IndexEntry e = codec.indexEntry(ix, row);
        if (codec.enforcesUniqueness(ix, row) && txn.get(e.key()) != null) {
            throw duplicate(ix.name(), ix.columns(), row);
        }
        txn.put(e.key(), e.value());
    }

    /** Adds the entry of an existing row to a new index (backfill). */
    public void backfill(Transaction txn, IndexDef ix, Object[] row) {
        writeIndexEntry(txn, ix, row);
    }

    private SqlStateException duplicate(String constraint, java.util.List<String> columns, Object[] row) {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (String col : columns) {
            names.add(col);
            Object v = row[table.columnIndex(col)];
            values.add(String.valueOf(v));
        }
        return new SqlStateException("23505", "duplicate key value violates unique constraint \"" + constraint
                + "\" on table " + table.qualifiedName() + ": Key (" + names + ")=(" + values + ") already exists");
    }

    public TableDef table() {
        return table;
    }

    public RowCodec codec() {
        return codec;
    }

}
