package io.cairndb.storage.range;

import io.cairndb.storage.mvcc.Intent;
import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.mvcc.MvccStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scan at a snapshot with some transactions' intents laid over it: the scanning transaction's own (a big
 * transaction reads back what it wrote while running, as it reads its buffered writes at its coordinator), and
 * those of transactions known to have committed at or below the snapshot whose intents are still being resolved
 * (a reader need not wait for a million intents to turn into versions).
 */
final class VisibleIntents {
    private VisibleIntents() {
    }

    /**
     * At least {@code limit} pairs from {@code [start, end)} unless the span ends first (then all of them):
     * committed versions at {@code readTs}, replaced or hidden by the intents of the transactions in {@code txnIds}. Every key of the span
     * below the last pair returned is accounted for, so a caller that got {@code limit} or more goes on after the
     * last one.
     */
    static List<KeyValue> scan(MvccStore store, java.util.Set<Long> txnIds, byte[] start, byte[] end, long readTs,
                               int limit) {
        List<KeyValue> out = new ArrayList<>();
        byte[] from = start;
        while (true) {
            // intents first, versions after: an intent resolved in between is then read twice (the intent wins),
            // never missed — read the other way round, a key resolved between the two reads would be in neither
            List<Intent> mine = store.intentsOf(txnIds, from, end, limit);
            List<KeyValue> committed = store.scan(from, end, readTs, limit);
            byte[] bound = committed.size() == limit ? io.cairndb.storage.keys.KeySpace.successor(committed.get(limit - 1).key()) : end;
            if (mine.size() == limit) {
                byte[] afterLast = io.cairndb.storage.keys.KeySpace.successor(mine.get(limit - 1).key());
                if (bound.length == 0 || Arrays.compareUnsigned(afterLast, bound) < 0) {
                    bound = afterLast;
                }
            }
            merge(committed, mine, bound, out);
            if (out.size() >= limit || Arrays.equals(bound, end)) {
                return out;
            }
            from = bound;
        }
    }

    /** Appends, in key order, the pairs below {@code bound}: an intent wins over the version of its key. */
    private static void merge(List<KeyValue> committed, List<Intent> mine, byte[] bound, List<KeyValue> out) {
        int c = 0;
        int m = 0;
        while (true) {
            KeyValue kv = c < committed.size() && below(committed.get(c).key(), bound) ? committed.get(c) : null;
            Intent in = m < mine.size() && below(mine.get(m).key(), bound) ? mine.get(m) : null;
            if (kv == null && in == null) {
                return;
            }
            int cmp = kv == null ? 1 : in == null ? -1 : Arrays.compareUnsigned(kv.key(), in.key());
            if (cmp < 0) {
                out.add(kv);
                c++;
                continue;
            }
            if (cmp == 0) {
                c++;
            }
            m++;
            if (in.value() != null) {
                out.add(new KeyValue(in.key(), in.value()));
            }
        }
    }

    private static boolean below(byte[] key, byte[] bound) {
        return bound.length == 0 || Arrays.compareUnsigned(key, bound) < 0;
    }

}
