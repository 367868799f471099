package io.cairndb.storage.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadSetTest {
    private static byte[] k(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(ReadSet set) {
        return set.keys().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void removingKeysAlsoDropsRepeatedReadsOfOneKeyAndKeepsSpans() {
        ReadSet set = new ReadSet();
        set.addKey(k("a"));
        set.addKey(k("b"));
        set.addKey(k("a"));
        set.addKey(k("c"));
        set.addKey(k("b"));
        set.addSpan(k("x"), k("y"));
        set.removeKeys(key -> key[0] == 'c');
        assertEquals(List.of("a", "b"), keys(set));
        assertEquals(1, set.spans().size());
    }
}
