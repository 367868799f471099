package io.cairndb.planner.exec;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.row.RowCodec;
import io.cairndb.storage.txn.KvIterator;
import io.cairndb.storage.txn.Transaction;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Reads a table's rows lazily through the statement's transaction: span by span, one storage scan open at a time;
 * point spans are single gets; index spans fetch each row by its primary key. Emits the requested columns (full
 * column positions) of each row.
 */
public final class TableScan extends AbstractEnumerable<Object[]> {
    private final ExecutionContext ctx;
    private final RowCodec codec;
    private final AccessPath path;
    private final List<KeySpan> spans;
    private final int[] outputColumns;

    public TableScan(ExecutionContext ctx, RowCodec codec, AccessPath path, List<KeySpan> spans, int[] outputColumns) {
        this.ctx = ctx;
        this.codec = codec;
        this.path = path;
        this.spans = spans;
        this.outputColumns = outputColumns;
    }

    @Override
    public Enumerator<Object[]> enumerator() {
        return new ScanEnumerator();
    }

    private final class ScanEnumerator implements Enumerator<Object[]> {
        private final Transaction txn = ctx.transaction();
        private Iterator<KeySpan> spanIt = spans.iterator();
        private KvIterator open;
        private Object[] current;

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            if (txn == null) {
                throw new SqlStateException("XX000", "no transaction for table scan");
            }
            while (true) {
                ctx.checkCancelled();
                if (open != null) {
                    if (open.next()) {
                        Object[] row = rowOf(open.key(), open.value());
                        if (row != null) {
                            current = project(row);
                            return true;
                        }
                        continue;
                    }
                    open.close();
                    open = null;
                }
                if (!spanIt.hasNext()) {
                    return false;
                }
                KeySpan span = spanIt.next();
                if (span.point()) {
                    byte[] v = txn.get(span.start());
                    if (v != null) {
                        current = project(codec.decode(span.start(), v));
                        return true;
                    }
                    continue;
                }
                open = txn.scan(span.start(), span.end());
            }
        }

        /** A primary-index entry is the row; a secondary-index entry points at it. */
        private Object[] rowOf(byte[] key, byte[] value) {
            if (path.index() == null) {
                return codec.decode(key, value);
            }
            byte[] pk = codec.primaryKeyOfIndexEntry(path.index(), key, value);
            byte[] rowValue = txn.get(pk);
            return rowValue == null ? null : codec.decode(pk, rowValue);
        }

        private Object[] project(Object[] row) {
            Object[] out = new Object[outputColumns.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = row[outputColumns[i]];
            }
            return out;
        }

        @Override
        public void reset() {
            close();
            spanIt = spans.iterator();
        }

        @Override
        public void close() {
            if (open != null) {
                open.close();
                open = null;
            }
        }
    }
}
