package io.cairndb.storage.txn;

import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.ReadSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;

/**
 * Committed pairs of a span at the transaction's snapshot, range by range, a page at a time. It records in the
 * transaction's read set only the part of each range's span it has actually delivered, so a scan stopped early
 * (LIMIT) validates only what it saw.
 *
 * <p>A scan that turns out to cover several ranges fetches the first page of up to {@link #LOOKAHEAD} following
 * ranges in parallel while it delivers the current one (each range's leader may be another node). A scan that
 * ends within its first range's first page fetches nothing ahead.
 */
final class StoreScan {
    static final int PAGE = 256;
    /** Ranges whose first page is fetched ahead, in parallel. */
    static final int LOOKAHEAD = 3;
    private static final ExecutorService PREFETCH = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cairndb-scan-prefetch");
        t.setDaemon(true);
        return t;
    });

    private final byte[] end;
    private final long readTs;
    private final long txnId;
    private final LongFunction<ReadSet> readSets;
    private final List<RangeReplica> ranges;
    private int nextRange;
    /** First pages being fetched ahead, by index in {@link #ranges}. */
    private final Map<Integer, CompletableFuture<List<KeyValue>>> ahead = new HashMap<>();
    private boolean lookingAhead;
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
        this.ranges = empty ? List.of() : router.overlapping(start, end);
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
            if (nextRange >= ranges.size()) {
                return null;
            }
            lookingAhead |= current != null; // a second range: the scan is long enough to read ahead
            openRange(nextRange++);
        }
    }

    private void openRange(int index) {
        RangeReplica replica = ranges.get(index);
        current = replica;
        RangeDescriptor d = replica.descriptor();
        if (Arrays.compareUnsigned(cursor, d.startKey()) < 0) {
            cursor = d.startKey();
        }
        pieceEnd = pieceEnd(d);
        span = new byte[][] {cursor, cursor};
        readSets.apply(d.rangeId()).spans().add(span);
        CompletableFuture<List<KeyValue>> prefetched = ahead.remove(index);
        if (prefetched != null && Arrays.equals(cursor, d.startKey())) {
            take(join(prefetched));
        } else {
            fetchPage();
        }
        readAhead();
    }

    private byte[] pieceEnd(RangeDescriptor d) {
        return end.length == 0 ? d.endKey()
                : d.endKey().length == 0 ? end
                : Arrays.compareUnsigned(end, d.endKey()) < 0 ? end : d.endKey();
    }

    /** Starts fetching the first page of the next ranges, once the scan has shown it is long. */
    private void readAhead() {
        if (!lookingAhead && !pageWasFull) {
            return;
        }
        for (int i = nextRange; i < Math.min(ranges.size(), nextRange + LOOKAHEAD); i++) {
            if (!ahead.containsKey(i)) {
                RangeReplica r = ranges.get(i);
                byte[] from = r.descriptor().startKey();
                byte[] to = pieceEnd(r.descriptor());
                ahead.put(i, CompletableFuture.supplyAsync(() -> r.scan(from, to, readTs, txnId, PAGE), PREFETCH));
            }
        }
    }

    private static List<KeyValue> join(CompletableFuture<List<KeyValue>> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the storage exception a direct call would have thrown
            }
            throw e;
        }
    }

    private void fetchPage() {
        take(current.scan(cursor, pieceEnd, readTs, txnId, PAGE));
    }

    private void take(List<KeyValue> rows) {
        pageWasFull = rows.size() == PAGE;
        page = rows.iterator();
    }
}
