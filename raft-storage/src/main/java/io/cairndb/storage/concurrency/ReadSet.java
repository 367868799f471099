package io.cairndb.storage.concurrency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** What a transaction read in one range: single keys and {@code [start, end)} spans (empty end = unbounded). */
public final class ReadSet {
    private final List<byte[]> keys = new ArrayList<>();
    private final List<byte[][]> spans = new ArrayList<>();

    public void addKey(byte[] key) {
        keys.add(key);
    }

    public void addSpan(byte[] start, byte[] end) {
        spans.add(new byte[][] {start, end});
    }

    public List<byte[]> keys() {
        return keys;
    }

    public List<byte[][]> spans() {
        return spans;
    }

    /** A mark of what has been read so far, to {@link #before} it or {@link #truncate} back to it. */
    public long mark() {
        return (long) keys.size() << 32 | spans.size();
    }

    /** What was read before {@code mark} (a copy). */
    public ReadSet before(long mark) {
        ReadSet out = new ReadSet();
        out.keys.addAll(keys.subList(0, (int) (mark >>> 32)));
        out.spans.addAll(spans.subList(0, (int) mark));
        return out;
    }

    /** Forgets what was read after {@code mark}. */
    public void truncate(long mark) {
        keys.subList((int) (mark >>> 32), keys.size()).clear();
        spans.subList((int) mark, spans.size()).clear();
    }

    /**
     * Forgets the keys read that {@code drop} accepts, and every read of a key after its first: a key is validated
     * once however many statements read it (spans stay).
     */
    public void removeKeys(Predicate<byte[]> drop) {
        Set<byte[]> seen = new TreeSet<>(Arrays::compareUnsigned);
        keys.removeIf(key -> drop.test(key) || !seen.add(key));
    }

    public boolean isEmpty() {
        return keys.isEmpty() && spans.isEmpty();
    }
}
