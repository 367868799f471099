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
