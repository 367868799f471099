package io.cairndb.storage.concurrency;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The highest timestamp at which each key or span was read on this range leader. A write may not commit at or
 * below it. Keys are kept in a hash map (a lookup per written key, a merge per read); spans as disjoint intervals
 * by start key: a span overlapping recorded ones merges with them into one carrying the highest of their
 * timestamps, so a lookup is one floor search. Merging and forgetting are conservative (they can only push a write
 * higher, never lower). Memory is bounded: when too many entries accumulate they are forgotten and the low-water mark
 * rises to the highest forgotten timestamp. The low-water mark starts at the leader's start time, covering reads
 * served by earlier leaders. Guarded by the range latch.
 */
final class TimestampCache {
    static final int MAX_KEYS = 100_000;
    static final int MAX_SPANS = 2_000;

    /** A read span {@code [start, end)} (empty end = unbounded) and the highest timestamp it was read at. */
    private record Span(byte[] start, byte[] end, long ts) {
        boolean contains(byte[] key) {
            return end.length == 0 || Arrays.compareUnsigned(key, end) < 0;
        }
    }

    private final Map<ByteBuffer, Long> keys = new HashMap<>();
    private final TreeMap<byte[], Span> spans = new TreeMap<>(Arrays::compareUnsigned);
    private long lowWater;
    private long maxKeyTs;

    TimestampCache(long lowWater) {
        this.lowWater = lowWater;
    }

    void reset(long lowWater) {
        keys.clear();
        spans.clear();
        maxKeyTs = 0;
        this.lowWater = Math.max(this.lowWater, lowWater);
    }

    void recordKey(byte[] key, long ts) {
        if (ts <= lowWater) {
            return;
        }
        keys.merge(ByteBuffer.wrap(key), ts, Math::max);
        maxKeyTs = Math.max(maxKeyTs, ts);
        if (keys.size() > MAX_KEYS) {
            lowWater = Math.max(lowWater, maxKeyTs);
            keys.clear();
        }
    }

    void recordSpan(byte[] start, byte[] end, long ts) {
        if (ts <= lowWater || end.length != 0 && Arrays.compareUnsigned(start, end) >= 0) {
            return;
        }
        byte[] from = start;
        byte[] to = end;
        long max = ts;
        // recorded spans are disjoint: at most one starts before this one and reaches into it
        Map.Entry<byte[], Span> lower = spans.lowerEntry(start);
        if (lower != null && overlaps(lower.getValue(), start, end)) {
            Span s = spans.remove(lower.getKey());
            from = s.start();
            to = laterEnd(to, s.end());
            max = Math.max(max, s.ts());
        }
        Iterator<Span> it = spans.tailMap(start, true).values().iterator();
        while (it.hasNext()) {
            Span s = it.next();
            if (end.length != 0 && Arrays.compareUnsigned(s.start(), end) >= 0) {
                break; // this one and all after it start past the new span
            }
            to = laterEnd(to, s.end());
            max = Math.max(max, s.ts());
            it.remove();
        }
        spans.put(from, new Span(from, to, max));
        if (spans.size() > MAX_SPANS) {
            long highest = lowWater;
            for (Span s : spans.values()) {
                highest = Math.max(highest, s.ts());
            }
            lowWater = highest;
            spans.clear();
        }
    }

    /** The later of two exclusive ends (empty = unbounded). */
    private static byte[] laterEnd(byte[] a, byte[] b) {
        if (a.length == 0 || b.length == 0) {
            return new byte[0];
        }
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /** Whether {@code s} and {@code [start, end)} share a key. */
    private static boolean overlaps(Span s, byte[] start, byte[] end) {
        boolean startsBeforeEnd = end.length == 0 || Arrays.compareUnsigned(s.start(), end) < 0;
        boolean endsAfterStart = s.end().length == 0 || Arrays.compareUnsigned(s.end(), start) > 0;
        return startsBeforeEnd && endsAfterStart;
    }

    /** The highest read timestamp recorded for {@code key} (by itself or by a span containing it). */
    long maxReadTs(byte[] key) {
        long max = lowWater;
        Long k = keys.get(ByteBuffer.wrap(key));
        if (k != null) {
            max = Math.max(max, k);
        }
        Map.Entry<byte[], Span> s = spans.floorEntry(key);
        if (s != null && s.getValue().contains(key)) {
            max = Math.max(max, s.getValue().ts());
        }
        return max;
    }

    long lowWater() {
        return lowWater;
    }
}
