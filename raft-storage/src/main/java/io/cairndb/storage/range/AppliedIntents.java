package io.cairndb.storage.range;

import io.cairndb.storage.mvcc.TxnIntents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per transaction, a summary of the intents one replica holds — the range of its record, its intents' oldest and
 * newest provisional timestamps, and a key span covering them — kept up to date as the replica applies its log.
 *
 * <p>It spares a new leader the read of every intent of its range (a split's child under a big transaction holds
 * hundreds of thousands), which it needs to rebuild its lock table's intent spans before it serves: it is kept by
 * every replica, so whichever one is elected has it, and a split hands the child its half. A summary may cover
 * more than the intents there (a span is not narrowed by every resolution, a key rewritten is not counted twice):
 * the lock table asks the store before an intent span stops anyone. It never covers less: it starts from the store
 * (a replica's start, a snapshot installed) or from its parent's (a split's child), and follows every entry applied.
 *
 * <p>Used on the state machine's thread only (applies, leader start, split); what a split hands on is a copy.
 */
final class AppliedIntents {
    /**
     * Keys of one transaction tracked one by one up to this many: a small transaction's intents are resolved by key
     * (its commit names them), and its summary goes when the last is resolved, without asking the store — whose
     * intent column family holds a tombstone for every intent resolved lately, which a probe of a wide span (ten
     * STOCK rows of one TPC-C NewOrder) would pass over. A bigger one is resolved by span.
     */
    static final int TRACKED_KEYS = 4_096;

    /** One transaction's intents here; {@code end} exclusive. */
    private static final class Entry {
        final long txnId;
        final long recordRangeId;
        long oldestTs;
        long newestTs;
        byte[] start;
        byte[] end;
        /** Its keys holding intents, while few enough (see {@link #TRACKED_KEYS}); null when not tracked. */
        java.util.Set<java.nio.ByteBuffer> keys;

        Entry(long txnId, long recordRangeId, long oldestTs, long newestTs, byte[] start, byte[] end) {
            this.txnId = txnId;
            this.recordRangeId = recordRangeId;
            this.oldestTs = oldestTs;
            this.newestTs = newestTs;
            this.start = start;
            this.end = end;
        }

        TxnIntents toTxnIntents() {
            return new TxnIntents(txnId, recordRangeId, oldestTs, newestTs, start, end);
        }
    }

    private final Map<Long, Entry> byTxn = new LinkedHashMap<>();

    /** A summary of {@code intents}: read from the store, or a split's child's part of its parent's. */
    AppliedIntents(List<TxnIntents> intents) {
        replaceWith(intents);
    }

    /** From now on the summary is {@code intents} (the replica's data was replaced: a snapshot installed). */
    void replaceWith(List<TxnIntents> intents) {
        byTxn.clear();
        for (TxnIntents t : intents) {
            byTxn.put(t.txnId(), new Entry(t.txnId(), t.recordRangeId(), t.oldestTs(), t.newestTs(), t.firstKey(),
                    t.endExclusive()));
        }
    }

    /** Intents of {@code txnId} at provisional {@code ts} were written on {@code keys}, all in {@code [first, end)}. */
    void written(long txnId, long recordRangeId, long ts, byte[] first, byte[] end, List<byte[]> keys) {
        Entry e = byTxn.get(txnId);
        if (e == null) {
            e = new Entry(txnId, recordRangeId, ts, ts, first, end);
            if (keys.size() <= TRACKED_KEYS) {
                e.keys = new java.util.HashSet<>();
                track(e, keys);
            }
            byTxn.put(txnId, e);
            return;
        }
        track(e, keys);
        e.oldestTs = Math.min(e.oldestTs, ts);
        e.newestTs = Math.max(e.newestTs, ts);
        if (Arrays.compareUnsigned(first, e.start) < 0) {
            e.start = first;
        }
        if (Arrays.compareUnsigned(end, e.end) > 0) {
            e.end = end;
        }
    }

    /**
     * No intent of {@code txnId} is left in {@code [from, to)}: its span loses that part where it is a prefix (a
     * resolution works from the start of the span on), and goes when nothing is left.
     */
    void resolvedSpan(long txnId, byte[] from, byte[] to) {
        Entry e = byTxn.get(txnId);
        if (e == null || Arrays.compareUnsigned(from, e.start) > 0) {
            return;
        }
        if (to.length == 0 || Arrays.compareUnsigned(to, e.end) >= 0) {
            byTxn.remove(txnId);
        } else if (Arrays.compareUnsigned(to, e.start) > 0) {
            e.start = to;
        }
    }

    private static void track(Entry e, List<byte[]> keys) {
        if (e.keys == null) {
            return;
        }
        if (e.keys.size() + keys.size() > TRACKED_KEYS) {
            e.keys = null; // too many: it goes by span resolution, or by asking the store
            return;
        }
        keys.forEach(k -> e.keys.add(java.nio.ByteBuffer.wrap(k)));
    }

    /**
     * Intents of {@code txnId} on {@code keys} were resolved: it goes when none of its tracked keys is left, or —
     * its keys not tracked — when {@code anyLeft} finds none in its span.
     */
    void resolvedKeys(long txnId, List<byte[]> keys, SpanProbe anyLeft) {
        Entry e = byTxn.get(txnId);
        if (e == null) {
            return;
        }
        if (e.keys != null) {
            keys.forEach(k -> e.keys.remove(java.nio.ByteBuffer.wrap(k)));
            if (e.keys.isEmpty()) {
                byTxn.remove(txnId);
            }
        } else if (!anyLeft.hasIntent(txnId, e.start, e.end)) {
            byTxn.remove(txnId);
        }
    }

    /** Everything in {@code [start, end)} (empty end: unbounded) was cleared. */
    void cleared(byte[] start, byte[] end) {
        byTxn.values().removeIf(e -> Arrays.compareUnsigned(e.start, start) >= 0
                && (end.length == 0 || Arrays.compareUnsigned(e.end, end) <= 0));
    }

    /** The range split at {@code splitKey}: this summary keeps what lies before it and answers the child's part. */
    List<TxnIntents> split(byte[] splitKey) {
        List<TxnIntents> child = new ArrayList<>();
        byTxn.values().removeIf(e -> {
            if (Arrays.compareUnsigned(e.end, splitKey) > 0) {
                byte[] from = Arrays.compareUnsigned(e.start, splitKey) >= 0 ? e.start : splitKey;
                child.add(new TxnIntents(e.txnId, e.recordRangeId, e.oldestTs, e.newestTs, from, e.end));
                if (Arrays.compareUnsigned(e.start, splitKey) >= 0) {
                    return true;
                }
                e.end = splitKey;
                if (e.keys != null) {
                    // the keys now in the child are resolved there (the child, not told them, asks its store)
                    e.keys.removeIf(k -> Arrays.compareUnsigned(k.array(), splitKey) >= 0);
                    return e.keys.isEmpty();
                }
            }
            return false;
        });
        return child;
    }

    /** The summary, one entry per transaction (a copy). */
    List<TxnIntents> summary() {
        List<TxnIntents> out = new ArrayList<>(byTxn.size());
        byTxn.values().forEach(e -> out.add(e.toTxnIntents()));
        return out;
    }

    /** Whether the store holds an intent of a transaction in a span. */
    interface SpanProbe {
        boolean hasIntent(long txnId, byte[] start, byte[] end);
    }
}
