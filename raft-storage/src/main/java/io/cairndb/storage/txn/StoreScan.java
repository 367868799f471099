package io.cairndb.storage.txn;

import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.ReadSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Committed pairs of a span at the transaction's snapshot, range by range, a page at a time. It records in the
 * transaction's read set only the part of each range's span it has actually delivered, so a scan stopped early
 * (LIMIT) validates only what it saw.
 */
final class StoreScan {
    static final int PAGE = 256;

    private final byte[] end;
    private final long readTs;
    private final long txnId;
    private final LongFunction<ReadSet> readSets;
    private final Iterator<RangeReplica> ranges;
    private RangeReplica current;
    private byte[] pieceEnd;
    private byte[] cursor;
    private byte[][] span;
    private Iterator<KeyValue> page;
    private boolean pageWasFull;

    StoreScan(RangeRouter router, byte[] start, byte[] end, long readTs, long txnId, LongFunction<ReadSet> readSets) {
        this.end = end;
        this.readTs = readTs;
        this.txnId = txnId;
        this.readSets = readSets;
        this.cursor = start;
        boolean empty = end.length > 0 && Arrays.compareUnsigned(start, end) >= 0;
        this.ranges = empty ? List.<RangeReplica>of().iterator() : router.overlapping(start, end).iterator();
    }

    /** The next pair, or null at the end. */
    KeyValue next() {
        while (true) {
            if (page != null && page.hasNext()) {
                KeyValue kv = page.next();
                span[1] = Arrays.copyOf(kv.key(), kv.key().length + 1); // read through this key
                cursor = span[1];
                return kv;
            }
            if (page != null && pageWasFull) {
                fetchPage();
                continue;
            }
            if (current != null) {
                span[1] = pieceEnd; // the whole piece was read
            }
            if (!ranges.hasNext()) {
                return null;
            }
            openRange(ranges.next());
        }
    }

    private void openRange(RangeReplica replica) {
        current = replica;
        RangeDescriptor d = replica.descriptor();
        if (Arrays.compareUnsigned(cursor, d.startKey()) < 0) {
            cursor = d.startKey();
        }
        pieceEnd = end.length == 0 ? d.endKey()
                : d.endKey().length == 0 ? end
                : Arrays.compareUnsigned(end, d.endKey()) < 0 ? end : d.endKey();
        span = new byte[][] {cursor, cursor};
        readSets.apply(d.rangeId()).spans().add(span);
        fetchPage();
    }

    private void fetchPage() {
        List<KeyValue> rows = current.scan(cursor, pieceEnd, readTs, txnId, PAGE);
        pageWasFull = rows.size() == PAGE;
        page = rows.iterator();
    }
}
