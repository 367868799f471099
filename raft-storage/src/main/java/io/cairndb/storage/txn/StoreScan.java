package io.cairndb.storage.txn;

import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.RangeMismatchException;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
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
 * <p>Each range is found for the key where the previous one ended (the router reloads descriptors when none holds
 * it), never from a list made in advance: a range that split while the scan ran (or whose split this node's
 * cache learnt halfway) must not leave a stretch of keys unread. A scan that turns out to cover several ranges
 * fetches the first page of up to {@link #LOOKAHEAD} following ranges in parallel while it delivers the current
 * one (each range's leader may be another node); such a page is used only if its range still spans exactly the
 * piece it read.
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

    /** A first page fetched ahead: the piece of the range it read, as the range was when the fetch began. */
    private record Ahead(byte[] from, byte[] to, CompletableFuture<List<KeyValue>> rows) {
    }

    private final RangeRouter router;
    private final byte[] end;
    private final long readTs;
    private final long txnId;
    private final LongFunction<ReadSet> readSets;
    private final boolean empty;
    /** First pages being fetched ahead, by range id. */
    private final Map<Long, Ahead> ahead = new HashMap<>();
    private boolean lookingAhead;
    private RangeReplica current;
    private byte[] pieceEnd;
    private byte[] cursor;
    private byte[][] span;
    private Iterator<KeyValue> page;
    private boolean pageWasFull;

    StoreScan(RangeRouter router, byte[] start, byte[] end, long readTs, long txnId, LongFunction<ReadSet> readSets) {
        this.router = router;
        this.end = end;
        this.readTs = readTs;
        this.txnId = txnId;
        this.readSets = readSets;
        this.cursor = start;
        this.empty = end.length > 0 && Arrays.compareUnsigned(start, end) >= 0;
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
                if (pieceEnd.length == 0 || Arrays.equals(pieceEnd, end)) {
                    return null; // read to the scan's end (or the end of the key space)
                }
                cursor = pieceEnd;
                lookingAhead = true; // a second range: the scan is long enough to read ahead
            } else if (empty) {
                return null;
            }
            openRange(router.replicaFor(cursor));
        }
    }

    private void openRange(RangeReplica replica) {
        current = replica;
        RangeDescriptor d = replica.descriptor();
        pieceEnd = pieceEnd(d);
        span = new byte[][] {cursor, cursor};
        readSets.apply(d.rangeId()).spans().add(span);
        Ahead prefetched = ahead.remove(d.rangeId());
        // a page read ahead before the range split (or before this node learnt it did) may hold keys past the
        // range's end now; those are read again from the next range, so such a page is fetched afresh
        List<KeyValue> rows = prefetched != null && Arrays.equals(cursor, prefetched.from())
                && Arrays.equals(cursor, d.startKey()) && Arrays.equals(pieceEnd, prefetched.to())
                ? arrived(prefetched.rows()) : null;
        if (rows != null) {
            take(rows);
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
        if (!lookingAhead && !pageWasFull || pieceEnd.length == 0 || Arrays.equals(pieceEnd, end)) {
            return;
        }
        int started = 0;
        for (RangeReplica r : router.overlapping(pieceEnd, end)) {
            if (started == LOOKAHEAD) {
                break;
            }
            started++;
            RangeDescriptor d = r.descriptor();
            if (!ahead.containsKey(d.rangeId()) && Arrays.compareUnsigned(d.startKey(), pieceEnd) >= 0) {
                byte[] from = d.startKey();
                byte[] to = pieceEnd(d);
                ahead.put(d.rangeId(), new Ahead(from, to,
                        CompletableFuture.supplyAsync(() -> r.scan(from, to, readTs, txnId, PAGE), PREFETCH)));
            }
        }
    }

    /** The rows of a page read ahead, or null when its fetch failed (the page is then simply read again, now). */
    private static List<KeyValue> arrived(CompletableFuture<List<KeyValue>> rows) {
        try {
            return rows.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return null;
        }
    }

    private void fetchPage() {
        for (int attempt = 1; ; attempt++) {
            try {
                take(current.scan(cursor, pieceEnd, readTs, txnId, PAGE));
                return;
            } catch (RangeMismatchException e) {
                if (attempt == RangeTransaction.GET_ATTEMPTS) {
                    throw e;
                }
                // the range split since this node last looked: the same snapshot, from the range that holds the
                // cursor once this node's route has the split (a pause; asked at once, the old route answered again
                // — a 10,000,000-row COUNT(*) failed so while the table split); nothing of the refused page was
                // delivered
                if (attempt > 1) {
                    RangeTransaction.pauseForRoute(attempt);
                }
                RangeReplica now = router.replicaFor(cursor);
                if (now != current) {
                    current = now;
                    span = new byte[][] {cursor, cursor};
                    readSets.apply(now.descriptor().rangeId()).spans().add(span);
                }
                pieceEnd = pieceEnd(now.descriptor());
            }
        }
    }

    private void take(List<KeyValue> rows) {
        pageWasFull = rows.size() >= PAGE; // own intents laid over a page may make it longer
        page = rows.iterator();
    }
}
