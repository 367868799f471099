package io.cairndb.storage.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timestamp cache never answers lower than the reads recorded (merging may answer higher). */
class TimestampCacheTest {
    private static byte[] k(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void keysAndSpansAnswerTheHighestReadThatCoversAKey() {
        TimestampCache c = new TimestampCache(10);
        c.recordKey(k("b"), 50);
        c.recordKey(k("b"), 40);
        c.recordSpan(k("d"), k("g"), 30);
        c.recordSpan(k("x"), new byte[0], 70);
        assertEquals(50, c.maxReadTs(k("b")));
        assertEquals(10, c.maxReadTs(k("c")), "nothing recorded: the low-water mark");
        assertEquals(30, c.maxReadTs(k("d")));
        assertEquals(30, c.maxReadTs(k("f\u00ff")));
        assertEquals(10, c.maxReadTs(k("g")), "the end is exclusive");
        assertEquals(70, c.maxReadTs(k("zzz")), "an unbounded span");
        c.recordSpan(k("e"), k("h"), 60); // overlaps [d, g): merged into [d, h) at 60
        assertEquals(60, c.maxReadTs(k("d")));
        assertEquals(60, c.maxReadTs(k("g")));
        assertEquals(10, c.maxReadTs(k("h")));
        c.recordSpan(k("a"), k("a"), 99); // empty: nothing
        assertEquals(10, c.maxReadTs(k("a")));
        c.recordSpan(k("c"), k("y"), 20); // swallows [d, h) and reaches into [x, ...)
        assertEquals(70, c.maxReadTs(k("c")));
        assertEquals(70, c.maxReadTs(k("zzzz")));
        assertEquals(50, c.maxReadTs(k("b")));
    }

    @Test
    void neverAnswersBelowWhatWasRecordedAgainstAModel() {
        Random random = new Random(42);
        TimestampCache c = new TimestampCache(0);
        long[][] model = new long[64][1]; // one-byte keys 0..63: the highest ts a read covered
        for (int i = 0; i < 3_000; i++) {
            long ts = 1 + random.nextInt(1_000);
            int a = random.nextInt(64);
            if (random.nextBoolean()) {
                c.recordKey(new byte[] {(byte) a}, ts);
                model[a][0] = Math.max(model[a][0], ts);
            } else {
                int b = a + 1 + random.nextInt(8);
                c.recordSpan(new byte[] {(byte) a}, b >= 64 ? new byte[0] : new byte[] {(byte) b}, ts);
                for (int x = a; x < Math.min(b, 64); x++) {
                    model[x][0] = Math.max(model[x][0], ts);
                }
            }
            for (int x = 0; x < 64; x++) {
                long got = c.maxReadTs(new byte[] {(byte) x});
                if (got < model[x][0]) {
                    throw new AssertionError("key " + x + " answered " + got + " below " + model[x][0]);
                }
            }
        }
    }
}
