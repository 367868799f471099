package io.cairndb.storage.range;

import java.util.ArrayList;
import java.util.List;

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

    public boolean isEmpty() {
        return keys.isEmpty() && spans.isEmpty();
    }
}
