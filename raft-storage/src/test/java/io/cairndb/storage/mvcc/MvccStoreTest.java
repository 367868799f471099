package io.cairndb.storage.mvcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatchWithIndex;

class MvccStoreTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void put(MvccStore store, String key, long ts, String value) throws Exception {
        try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
            store.writeVersion(batch, b(key), ts, value == null ? null : b(value));
            store.write(batch);
        }
    }

    @Test
    void readsSeeTheNewestVersionAtOrBelowTheirTimestamp() throws Exception {
        try (MvccStore store = MvccStore.open(dir)) {
            put(store, "k", 10, "v10");
            put(store, "k", 20, "v20");
            put(store, "k", 30, null);
            put(store, "k", 40, "v40");
            assertNull(store.get(b("k"), 5));
            assertEquals("v10", new String(store.get(b("k"), 10), StandardCharsets.ISO_8859_1));
            assertEquals("v10", new String(store.get(b("k"), 19), StandardCharsets.ISO_8859_1));
            assertEquals("v20", new String(store.get(b("k"), 29), StandardCharsets.ISO_8859_1));
            assertNull(store.get(b("k"), 30), "a tombstone hides older versions");
            assertNull(store.get(b("k"), 39));
            assertEquals("v40", new String(store.get(b("k"), Long.MAX_VALUE), StandardCharsets.ISO_8859_1));
            assertEquals(40, latestVersionTs(store, b("k")));
            assertEquals(-1, latestVersionTs(store, b("other")));
        }
    }

    @Test
    void aLockingReadGetsTheVisibleValueAndTheNewestVersionTimestampTogether() throws Exception {
        try (MvccStore store = MvccStore.open(dir)) {
            put(store, "k", 10, "v10");
            put(store, "k", 20, null);
            put(store, "k", 30, "v30");
            put(store, "k\u0000", 50, "longer key"); // shares k's bytes: not one of k's versions
            try (MvccStore.VersionReader reader = store.versionReader()) { // one reader, key after key
                assertEquals("30 v30", read(reader, "k", 40));
                assertEquals("30 v30", read(reader, "k", 30));
                assertEquals("30 null", read(reader, "k", 25), "the newest is above the snapshot; a tombstone below");
                assertEquals("30 v10", read(reader, "k", 15));
                assertEquals("30 null", read(reader, "k", 5), "no version at or below the snapshot");
                assertEquals("-1 null", read(reader, "missing", 40));
                assertEquals("-1 null", read(reader, "j", 40), "the next key's versions are not j's");
                put(store, "k", 60, "v60");
                assertEquals("30 v30", read(reader, "k", 70), "a reader sees the store as it was when opened");
                assertEquals(50, reader.latestVersionTs(b("k\u0000")));
                assertEquals(true, reader.hasVersionIn(b("k"), 20, 30));
            }
            try (MvccStore.VersionReader reader = store.versionReader()) {
                assertEquals("60 v60", read(reader, "k", 70));
            }
        }
    }

    private static long latestVersionTs(MvccStore store, byte[] key) {
        try (MvccStore.VersionReader reader = store.versionReader()) {
            return reader.latestVersionTs(key);
        }
    }

    private static boolean hasVersionIn(MvccStore store, byte[] key, long afterTs, long upToTs) {
        try (MvccStore.VersionReader reader = store.versionReader()) {
            return reader.hasVersionIn(key, afterTs, upToTs);
        }
    }

    private static String read(MvccStore.VersionReader reader, String key, long readTs) {
        VersionedValue v = reader.getWithNewest(b(key), readTs);
        return v.newestTs() + " " + (v.value() == null ? "null" : new String(v.value(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void versionsInATimestampWindowAreFoundByKeyAndBySpan() throws Exception {
        try (MvccStore store = MvccStore.open(dir)) {
            put(store, "a", 10, "a10");
            put(store, "b", 10, "b10");
            put(store, "b", 50, "b50"); // past the window below: passed over
            put(store, "c", 30, null); // a delete is a version too
            put(store, "d", 5, "d5");
            assertEquals(false, hasVersionIn(store, b("a"), 10, 40));
            assertEquals(true, hasVersionIn(store, b("a"), 9, 40));
            assertEquals(false, hasVersionIn(store, b("b"), 10, 40), "50 is above the window, 10 at its start");
            assertEquals(true, hasVersionIn(store, b("b"), 10, 50));
            assertEquals(true, hasVersionIn(store, b("c"), 20, 30));
            assertEquals(false, hasVersionIn(store, b("missing"), 0, 100));
            assertArrayEquals(b("c"), store.firstVersionIn(b("a"), b("z"), 10, 40));
            assertArrayEquals(b("b"), store.firstVersionIn(b("a"), b("z"), 10, 60));
            assertArrayEquals(b("a"), store.firstVersionIn(b("a"), new byte[0], 5, 10));
            assertNull(store.firstVersionIn(b("a"), b("c"), 10, 49), "b's 50 is past the window");
            assertNull(store.firstVersionIn(b("d"), new byte[0], 5, 100));
        }
    }

    @Test
    void scansReturnOneLiveValuePerKeyInKeyOrderEvenForPrefixKeysAndZeroBytes() throws Exception {
        try (MvccStore store = MvccStore.open(dir)) {
            put(store, "a", 10, "a10");
            put(store, "a\u0000", 12, "a0-12");
            put(store, "a\u0000", 25, "a0-25");
            put(store, "ab", 15, "ab15");
            put(store, "ab", 22, null);
            put(store, "b", 30, "b30");
            List<KeyValue> at20 = store.scan(b(""), new byte[0], 20, 100);
            assertEquals(3, at20.size());
            assertArrayEquals(b("a"), at20.get(0).key());
            assertArrayEquals(b("a\u0000"), at20.get(1).key());
            assertArrayEquals(b("a0-12"), at20.get(1).value());
            assertArrayEquals(b("ab"), at20.get(2).key());
            List<KeyValue> at30 = store.scan(b("a"), b("b"), 30, 100);
            assertEquals(2, at30.size(), "ab is deleted at 22 and b is outside the span");
            assertArrayEquals(b("a0-25"), at30.get(1).value());
            assertEquals(1, store.scan(b("a"), b("b"), 30, 1).size(), "limit");
            assertArrayEquals(b("a\u0000"), store.firstVersionNewerThan(b("a"), b("b"), 20));
            assertArrayEquals(b("b"), store.firstVersionNewerThan(b("a"), new byte[0], 25));
            assertNull(store.firstVersionNewerThan(b("a"), b("b"), 25));
        }
    }

    @Test
    void scansSkipKeysWithManyVersionsAndSeeTheVersionOfTheirTimestamp() throws Exception {
        // more versions per key than a scan steps over before it seeks, and fewer; a key deleted at its newest
        String[] keys = {"k", "k\u0000", "ka", "l", "m"};
        int[] versions = {11, 5, 1, 4, 7};
        java.util.Map<String, java.util.TreeMap<Long, String>> written = new java.util.HashMap<>();
        try (MvccStore store = MvccStore.open(dir)) {
            for (int k = 0; k < keys.length; k++) {
                for (int v = 1; v <= versions[k]; v++) {
                    long ts = 10L * v + k;
                    String value = keys[k].equals("m") && v == versions[k] ? null : keys[k] + "@" + ts;
                    put(store, keys[k], ts, value);
                    written.computeIfAbsent(keys[k], x -> new java.util.TreeMap<>()).put(ts, value);
                }
            }
            for (long readTs = 0; readTs <= 130; readTs += 3) {
                List<String> expected = new java.util.ArrayList<>();
                for (String k : keys) { // keys[] is in byte order
                    var atOrBelow = written.get(k).floorEntry(readTs);
                    if (atOrBelow != null && atOrBelow.getValue() != null) {
                        expected.add(k + "=" + atOrBelow.getValue());
                    }
                }
                List<String> scanned = store.scan(b(""), new byte[0], readTs, 100).stream()
                        .map(kv -> new String(kv.key(), StandardCharsets.ISO_8859_1) + "="
                                + new String(kv.value(), StandardCharsets.ISO_8859_1))
                        .toList();
                assertEquals(expected, scanned, "scan at " + readTs);
            }
            // newest versions: k 110, k\0 51, ka 12, l 43, m 74
            assertArrayEquals(b("m"), store.firstVersionNewerThan(b("k\u0000"), new byte[0], 51));
            assertArrayEquals(b("k"), store.firstVersionNewerThan(b("k"), new byte[0], 109));
            assertArrayEquals(b("l"), store.firstVersionNewerThan(b("ka"), new byte[0], 12));
            assertNull(store.firstVersionNewerThan(b("k"), new byte[0], 110), "past k's eleven versions to the end");
        }
    }

    @Test
    void versionKeysRoundTrip() {
        byte[] key = {0, 1, 0, (byte) 0xFF, 0};
        byte[] vk = VersionKeys.versionKey(key, 123456789L);
        assertArrayEquals(key, VersionKeys.userKey(vk));
        assertEquals(123456789L, VersionKeys.timestamp(vk));
    }

    @Test
    void forgettingARangeRemovesItsTransactionRecordsAndNoOtherRangesRecords() throws Exception {
        try (MvccStore store = MvccStore.open(dir)) {
            store.putLocalDurably(MvccStore.recordKey(5, 42), b("r"));
            store.putLocalDurably(MvccStore.recordKey(5, Long.MAX_VALUE), b("r"));
            store.putLocalDurably(MvccStore.recordKey(6, 1), b("r"));
            store.putLocalDurably(MvccStore.recordKey(4, 1), b("r"));
            store.forgetRange(5);
            assertNull(store.getLocal(MvccStore.recordKey(5, 42)));
            assertNull(store.getLocal(MvccStore.recordKey(5, Long.MAX_VALUE)));
            assertArrayEquals(b("r"), store.getLocal(MvccStore.recordKey(6, 1)));
            assertArrayEquals(b("r"), store.getLocal(MvccStore.recordKey(4, 1)));
        }
    }

    @Test
    void garbageCollectionKeepsWhatAReadAtTheHorizonSeesAndClearingASpanRemovesVersionsAndIntents() throws Exception {
        try (MvccStore store = MvccStore.open(dir)) {
            put(store, "a", 10, "a10");
            put(store, "a", 20, "a20");
            put(store, "a", 40, "a40");
            put(store, "b", 10, "b10");
            put(store, "b", 20, null); // deleted at or below the horizon: nothing of it is kept
            put(store, "c", 50, "c50");
            try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
                assertEquals(3, store.collectGarbage(batch, b("a"), b("z"), 30));
                store.write(batch);
            }
            assertEquals("a20", new String(store.get(b("a"), 30), StandardCharsets.ISO_8859_1));
            assertEquals("a40", new String(store.get(b("a"), 40), StandardCharsets.ISO_8859_1));
            assertNull(store.get(b("a"), 15), "below the horizon only the version the horizon sees is kept");
            assertEquals(-1, latestVersionTs(store, b("b")));
            assertEquals(50, latestVersionTs(store, b("c")));

            try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
                store.writeIntent(batch, b("b"), 7, 60, 1, b("b60"));
                store.writeIntent(batch, b("d"), 7, 60, 1, null);
                store.write(batch);
            }
            assertEquals(2, store.intents(b("a"), b("z")).size());
            try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
                store.clearSpan(batch, b("b"), b("d"));
                store.write(batch);
            }
            assertEquals(List.of("d"), store.intents(b("a"), b("z")).stream()
                    .map(i -> new String(i.key(), StandardCharsets.ISO_8859_1)).toList());
            assertEquals(-1, latestVersionTs(store, b("c")), "c lay in the cleared span");
            assertEquals(40, latestVersionTs(store, b("a")), "a lay before it");
        }
    }

    @Test
    void aSplitPointHalvesTheBytesOfVersionsAndIntentsTogether() throws Exception {
        try (MvccStore store = MvccStore.open(dir)) {
            assertNull(store.middleKey(b("a"), b("z")), "nothing to cut");
            put(store, "a", 10, "x".repeat(100));
            assertNull(store.middleKey(b("a"), b("z")), "one key is not cut");
            put(store, "a", 20, "x".repeat(100));
            put(store, "b", 10, "x".repeat(100));
            put(store, "c", 10, "x".repeat(100));
            put(store, "d", 10, "x".repeat(100));
            assertEquals("c", new String(store.middleKey(b("a"), b("z")), StandardCharsets.ISO_8859_1),
                    "a's two versions and b lie before c: about half of five");
            // a big transaction's intents after the committed rows: the cut falls among them, not among the rows
            try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
                for (char k = 'e'; k <= 'x'; k++) {
                    store.writeIntent(batch, b(String.valueOf(k)), 7, 60, 1, b("y".repeat(100)));
                }
                store.writeIntent(batch, b("c"), 7, 60, 1, b("y".repeat(100))); // beside c's version
                store.write(batch);
            }
            byte[] middle = store.middleKey(b("a"), b("z"));
            String m = new String(middle, StandardCharsets.ISO_8859_1);
            assertTrue(m.compareTo("j") >= 0 && m.compareTo("n") <= 0, "26 entries of about the same size, the "
                    + "13th (k) in the middle; versions alone would put it at c: " + m);
            assertNull(store.middleKey(b("y"), b("z")), "a span of no key");
        }
    }
}
