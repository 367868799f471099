package io.cairndb.planner.row;

import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.IndexDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.storage.keys.KeyReader;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.keys.KeyWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps a table's rows (full rows: every column, hidden ones included, in internal representation) to storage
 * keys and values, and back.
 *
 * <ul>
 *   <li>Row: key = {@code indexKey(tableId, 0)} + primary-key columns; value = {@link ValueEncoding} of the
 *       other columns.</li>
 *   <li>Non-unique index: key = {@code indexKey(tableId, indexId)} + index columns + primary-key columns; empty
 *       value.</li>
 *   <li>Unique index: key = index columns (+ primary-key columns when an index column is NULL, since NULLs are
 *       distinct); value = the row's primary key.</li>
 * </ul>
 */
public final class RowCodec {
    private static final byte[] EMPTY = new byte[0];

    private final TableDef table;
    private final int[] pk;
    private final int[] valueColumns;
    private final List<ColumnDef> valueDefs;
    private final byte[] pkPrefix;

    public RowCodec(TableDef table) {
        this.table = table;
        this.pk = table.primaryKeyPositions();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            final int col = i;
            if (Arrays.stream(pk).noneMatch(p -> p == col)) {
                rest.add(i);
            }
        }
        this.valueColumns = rest.stream().mapToInt(Integer::intValue).toArray();
        this.valueDefs = rest.stream().map(i -> table.columns().get(i)).toList();
        this.pkPrefix = KeySpace.indexKey(table.tableId(), 0).toBytes();
    }

    public TableDef table() {
        return table;
    }

    /** Bytes every primary-index key starts with. */
    public byte[] primaryPrefix() {
        return pkPrefix;
    }

    public byte[] indexPrefix(IndexDef index) {
        return KeySpace.indexKey(table.tableId(), index.indexId()).toBytes();
    }

    public byte[] primaryKey(Object[] row) {
        KeyWriter w = new KeyWriter(pkPrefix);
        for (int p : pk) {
            KeyColumns.write(w, table.columns().get(p), row[p], false);
        }
        return w.toBytes();
    }

    /** The key of the first {@code leading.size()} primary-key columns (coerced to their types): a split point. */
    public byte[] primaryKeyPrefix(List<Object> leading) {
        if (leading.size() > pk.length) {
            throw new IllegalArgumentException(leading.size() + " values for a primary key of " + pk.length
                    + " columns");
        }
        KeyWriter w = new KeyWriter(pkPrefix);
        for (int i = 0; i < leading.size(); i++) {
            ColumnDef c = table.columns().get(pk[i]);
            KeyColumns.write(w, c, ValueCoercion.coerce(leading.get(i), c), false);
        }
        return w.toBytes();
    }

    public byte[] value(Object[] row) {
        Object[] vals = new Object[valueColumns.length];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = row[valueColumns[i]];
        }
        return ValueEncoding.encode(valueDefs, vals);
    }

    /** The full row stored under primary key {@code key} with value {@code value}. */
    public Object[] decode(byte[] key, byte[] value) {
        Object[] row = new Object[table.columns().size()];
        KeyReader r = new KeyReader(key, pkPrefix.length);
        for (int p : pk) {
            row[p] = KeyColumns.read(r, table.columns().get(p), false);
        }
        Object[] vals = new Object[valueColumns.length];
        ValueEncoding.decode(value, valueDefs, vals);
        for (int i = 0; i < vals.length; i++) {
            row[valueColumns[i]] = vals[i];
        }
        return row;
    }

    /** The entry {@code row} contributes to {@code index}. */
    public IndexEntry indexEntry(IndexDef index, Object[] row) {
        KeyWriter w = new KeyWriter(indexPrefix(index));
        int[] cols = table.positions(index.columns());
        boolean anyNull = false;
        for (int i = 0; i < cols.length; i++) {
            Object v = row[cols[i]];
            anyNull |= v == null;
            KeyColumns.write(w, table.columns().get(cols[i]), v, index.descending().get(i));
        }
        byte[] pkKey = primaryKey(row);
        if (!index.unique() || anyNull) {
            w.writeRaw(Arrays.copyOfRange(pkKey, pkPrefix.length, pkKey.length));
        }
        return new IndexEntry(w.toBytes(), index.unique() ? pkKey : EMPTY);
    }

    /** The primary key an index entry points at. */
    public byte[] primaryKeyOfIndexEntry(IndexDef index, byte[] key, byte[] value) {
        if (index.unique() && value != null && value.length > 0) {
            return value;
        }
        KeyReader r = new KeyReader(key, indexPrefix(index).length);
        for (int i = 0; i < index.columns().size(); i++) {
            r.skip();
        }
        return new KeyWriter(pkPrefix).writeRaw(Arrays.copyOfRange(key, r.position(), key.length)).toBytes();
    }

    /** True when a unique index entry is subject to the uniqueness check (no NULL in its columns). */
    public boolean enforcesUniqueness(IndexDef index, Object[] row) {
        if (!index.unique()) {
            return false;
        }
        for (int c : table.positions(index.columns())) {
            if (row[c] == null) {
                return false;
            }
        }
        return true;
    }
}
