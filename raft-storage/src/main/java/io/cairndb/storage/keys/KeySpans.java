package io.cairndb.storage.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Arithmetic on key spans {@code [start, end)}, keys compared as unsigned bytes, an empty end meaning "to the end
 * of the key space".
 */
public final class KeySpans {
    private KeySpans() {
    }

    /** A span {@code [start, end)}. */
    public record Span(byte[] start, byte[] end) {
    }

    /**
     * The parts of {@code [start, end)} that none of {@code others} covers, in key order. A node uses this to delete
     * the data of a replica it drops without touching keys another of its replicas holds (the dropped replica's span
     * may be wider than its group's by now, when it never applied a split).
     */
    public static List<Span> uncovered(byte[] start, byte[] end, List<Span> others) {
        List<Span> sorted = new ArrayList<>(others);
        sorted.sort(Comparator.comparing(Span::start, Arrays::compareUnsigned));
        List<Span> out = new ArrayList<>();
        byte[] from = start;
        for (Span o : sorted) {
            if (!before(from, end)) {
                break;
            }
            if (!before(o.start(), end) || !before(from, o.end())) {
                continue; // starts at or past the end, or ends at or before `from`: no overlap
            }
            if (Arrays.compareUnsigned(o.start(), from) > 0) {
                out.add(new Span(from, o.start()));
            }
            if (o.end().length == 0) {
                return out; // covered to the end of the key space
            }
            if (Arrays.compareUnsigned(o.end(), from) > 0) {
                from = o.end();
            }
        }
        if (before(from, end)) {
            out.add(new Span(from, end));
        }
        return out;
    }

    /** The smallest span holding every one of {@code keys}: from the lowest to just past the highest; null if none. */
    public static Span covering(Iterable<byte[]> keys) {
        byte[] lo = null;
        byte[] hi = null;
        for (byte[] k : keys) {
            lo = lo == null || Arrays.compareUnsigned(k, lo) < 0 ? k : lo;
            hi = hi == null || Arrays.compareUnsigned(k, hi) > 0 ? k : hi;
        }
        return lo == null ? null : new Span(lo, KeySpace.successor(hi));
    }

    /** Whether key {@code k} lies before the exclusive bound {@code end} (empty = unbounded). */
    private static boolean before(byte[] k, byte[] end) {
        return end.length == 0 || Arrays.compareUnsigned(k, end) < 0;
    }
}
