package io.cairndb.storage.txn;

import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.range.Write;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/** Merges committed pairs with the transaction's own buffered writes: own values win, own deletes hide. */
final class MergingKvIterator implements KvIterator {
    private final StoreScan store;
    private final Iterator<Map.Entry<byte[], Write>> own;
    private KeyValue storeHead;
    private Write ownHead;
    private boolean started;
    private byte[] key;
    private byte[] value;
    private boolean closed;

    MergingKvIterator(StoreScan store, NavigableMap<byte[], Write> ownWrites) {
        this.store = store;
        this.own = ownWrites.entrySet().iterator();
    }

    @Override
    public boolean next() {
        if (closed) {
            return false;
        }
        if (!started) {
            storeHead = store.next();
            ownHead = own.hasNext() ? own.next().getValue() : null;
            started = true;
        }
        while (storeHead != null || ownHead != null) {
            int cmp = storeHead == null ? 1 : ownHead == null ? -1
                    : Arrays.compareUnsigned(storeHead.key(), ownHead.key());
            if (cmp < 0) {
                key = storeHead.key();
                value = storeHead.value();
                storeHead = store.next();
                return true;
            }
            Write w = ownHead;
            ownHead = own.hasNext() ? own.next().getValue() : null;
            if (cmp == 0) {
                storeHead = store.next();
            }
            if (w.value() != null) {
                key = w.key().clone();
                value = w.value().clone();
                return true;
            }
        }
        key = null;
        value = null;
        return false;
    }

    @Override
    public byte[] key() {
        if (key == null) {
            throw new IllegalStateException("no current pair: call next() first");
        }
        return key;
    }

    @Override
    public byte[] value() {
        if (key == null) {
            throw new IllegalStateException("no current pair: call next() first");
        }
        return value;
    }

    @Override
    public void close() {
        closed = true;
    }
}
