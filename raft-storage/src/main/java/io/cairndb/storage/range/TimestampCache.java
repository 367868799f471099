package io.cairndb.storage.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The highest timestamp at which each key or span was read on this range leader. A write may not commit at or
 * below it. Memory is bounded: when too many entries accumulate they are forgotten and the low-water mark rises
 * to the highest forgotten timestamp, which is conservative (it can only cause extra conflicts). The low-water
 * mark starts at the leader's start time, covering reads served by earlier leaders. Guarded by the range latch.
 */
final class TimestampCache {
    static final int MAX_KEYS = 100_000;
    static final int MAX_SPANS = 2_000;

    private final TreeMap<byte[], Long> keys = new TreeMap<>(Arrays::compareUnsigned);
    private final List<byte[][]> spans = new ArrayList<>();
    private final List<Long> spanTs = new ArrayList<>();
    private long lowWater;
    private long maxKeyTs;

    TimestampCache(long lowWater) {
        this.lowWater = lowWater;
    }

    void reset(long lowWater) {
        keys.clear();
        spans.clear();
        spanTs.clear();
        maxKeyTs = 0;
        this.lowWater = Math.max(this.lowWater, lowWater);
    }

    void recordKey(byte[] key, long ts) {
        if (ts <= lowWater) {
            return;
        }
        keys.merge(key, ts, Math::max);
        maxKeyTs = Math.max(maxKeyTs, ts);
        if (keys.size() > MAX_KEYS) {
            lowWater = Math.max(lowWater, maxKeyTs);
            keys.clear();
        }
    }

    void recordSpan(byte[] start, byte[] end, long ts) {
        if (ts <= lowWater) {
            return;
        }
        spans.add(new byte[][] {start, end});
        spanTs.add(ts);
        if (spans.size() > MAX_SPANS) {
            long max = spanTs.stream().mapToLong(Long::longValue).max().orElse(0);
            lowWater = Math.max(lowWater, max);
            spans.clear();
            spanTs.clear();
        }
    }

    /** The highest read timestamp recorded for {@code key} (by itself or by a span containing it). */
    long maxReadTs(byte[] key) {
        long max = lowWater;
        Long k = keys.get(key);
        if (k != null) {
            max = Math.max(max, k);
        }
        for (int i = 0; i < spans.size(); i++) {
            byte[][] s = spans.get(i);
            if (Arrays.compareUnsigned(key, s[0]) >= 0 && (s[1].length == 0 || Arrays.compareUnsigned(key, s[1]) < 0)) {
                max = Math.max(max, spanTs.get(i));
            }
        }
        return max;
    }

    long lowWater() {
        return lowWater;
    }
}
