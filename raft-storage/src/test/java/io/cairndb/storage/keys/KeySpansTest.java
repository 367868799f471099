package io.cairndb.storage.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySpansTest {
    private static byte[] k(int b) {
        return new byte[] {(byte) b};
    }

    private static final byte[] END = new byte[0];

    private static List<String> uncovered(byte[] start, byte[] end, KeySpans.Span... others) {
        return KeySpans.uncovered(start, end, List.of(others)).stream()
                .map(s -> (s.start().length == 0 ? "" : Integer.toString(s.start()[0] & 0xFF)) + "-"
                        + (s.end().length == 0 ? "" : Integer.toString(s.end()[0] & 0xFF)))
                .toList();
    }

    private static KeySpans.Span span(byte[] start, byte[] end) {
        return new KeySpans.Span(start, end);
    }

    @Test
    void nothingElseCoversIt() {
        assertEquals(List.of("10-20"), uncovered(k(10), k(20)));
        assertEquals(List.of("10-20"), uncovered(k(10), k(20), span(k(0), k(10)), span(k(20), END)));
    }

    @Test
    void aSplitChildInsideAStaleWiderSpanIsLeftAlone() {
        // the dropped replica never applied the split at 40: it still spans [20, end), the child [40, 60) is here
        assertEquals(List.of("20-40", "60-"), uncovered(k(20), END, span(k(40), k(60))));
        assertEquals(List.of("20-40"), uncovered(k(20), END, span(k(40), END)));
    }

    @Test
    void overlappingAndUnsortedOthers() {
        assertEquals(List.of("10-12", "30-40"), uncovered(k(10), k(40), span(k(25), k(30)), span(k(12), k(20)),
                span(k(15), k(26))));
        assertEquals(List.of(), uncovered(k(10), k(40), span(k(0), END)));
        assertEquals(List.of(), uncovered(k(10), k(40), span(k(10), k(40))));
        assertEquals(List.of("200-"), uncovered(k(10), END, span(k(5), k(200))));
    }

    @Test
    void theSpanCoveringKeysRunsFromTheLowestToJustPastTheHighestComparedUnsigned() {
        KeySpans.Span covering = KeySpans.covering(List.of(k(0x30), k(0x90), k(0x10)));
        org.junit.jupiter.api.Assertions.assertArrayEquals(k(0x10), covering.start());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {(byte) 0x90, 0}, covering.end());
        org.junit.jupiter.api.Assertions.assertNull(KeySpans.covering(List.of()));
    }
}
