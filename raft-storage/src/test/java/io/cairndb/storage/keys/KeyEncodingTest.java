package io.cairndb.storage.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KeyEncodingTest {
    private static final int N = 400;
    private final Random random = new Random(20261122L);

    /** Checks: byte order of encodings == value order, asc and desc; NULL first asc, last desc; round trip. */
    private <T> void checkOrder(Supplier<T> gen, Comparator<T> cmp, BiConsumer<KeyWriter, T> writeAsc,
                                BiConsumer<KeyWriter, T> writeDesc, Function<KeyReader, T> readAsc,
                                Function<KeyReader, T> readDesc) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            values.add(gen.get());
        }
        for (int i = 0; i < N; i++) {
            T a = values.get(i);
            T b = values.get(random.nextInt(N));
            byte[] ea = enc(writeAsc, a);
            byte[] eb = enc(writeAsc, b);
            int expected = Integer.signum(cmp.compare(a, b));
            assertEquals(expected, Integer.signum(Arrays.compareUnsigned(ea, eb)), a + " vs " + b);
            byte[] da = enc(writeDesc, a);
            byte[] db = enc(writeDesc, b);
            assertEquals(-expected, Integer.signum(Arrays.compareUnsigned(da, db)), a + " vs " + b + " desc");

            byte[] nullAsc = new KeyWriter().writeNull().toBytes();
            byte[] nullDesc = new KeyWriter().writeNull(true).toBytes();
            assertTrue(Arrays.compareUnsigned(nullAsc, ea) < 0);
            assertTrue(Arrays.compareUnsigned(nullDesc, da) > 0);

            // round trip, followed by another value to prove self-delimiting
            byte[] two = new KeyWriter(ea).writeLong(7).toBytes();
            KeyReader r = new KeyReader(two, 0);
            assertEquals(0, cmp.compare(a, readAsc.apply(r)));
            assertEquals(7, r.readLong());
            assertFalse(r.hasMore());
            byte[] twoDesc = new KeyWriter(da).writeLong(7, true).toBytes();
            KeyReader rd = new KeyReader(twoDesc, 0);
            assertEquals(0, cmp.compare(a, readDesc.apply(rd)));
            assertEquals(7, rd.readLong(true));
            KeyReader skipper = new KeyReader(twoDesc, 0);
            skipper.skip();
            assertEquals(da.length, skipper.position());
            skipper = new KeyReader(two, 0);
            skipper.skip();
            assertEquals(ea.length, skipper.position());
        }
    }

    private static <T> byte[] enc(BiConsumer<KeyWriter, T> w, T v) {
        KeyWriter kw = new KeyWriter();
        w.accept(kw, v);
        return kw.toBytes();
    }

    @Test
    void longs() {
        long[] special = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1};
        checkOrder(() -> random.nextInt(4) == 0 ? special[random.nextInt(special.length)]
                        : random.nextBoolean() ? random.nextLong() : (long) random.nextInt(200) - 100,
                Long::compare, KeyWriter::writeLong, (w, v) -> w.writeLong(v, true),
                KeyReader::readLong, r -> r.readLong(true));
    }

    @Test
    void booleans() {
        checkOrder(random::nextBoolean, Boolean::compare, KeyWriter::writeBoolean, (w, v) -> w.writeBoolean(v, true),
                KeyReader::readBoolean, r -> r.readBoolean(true));
    }

    @Test
    void doubles() {
        double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        // Double.compare orders NaN last but -0.0 < 0.0; SQL wants them equal
        Comparator<Double> sqlOrder = (a, b) -> a == 0.0 && b == 0.0 ? 0 : Double.compare(a, b);
        checkOrder(() -> random.nextInt(4) == 0 ? special[random.nextInt(special.length)]
                        : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20),
                sqlOrder, KeyWriter::writeDouble, (w, v) -> w.writeDouble(v, true),
                KeyReader::readDouble, r -> r.readDouble(true));
        assertArrayEquals(new KeyWriter().writeDouble(-0.0).toBytes(), new KeyWriter().writeDouble(0.0).toBytes());
    }

    @Test
    void decimals() {
        checkOrder(() -> {
            BigInteger unscaled = new BigInteger(random.nextInt(90) + 1, random);
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            if (random.nextInt(10) == 0) {
                unscaled = BigInteger.ZERO;
            }
            return new BigDecimal(unscaled, random.nextInt(40) - 20);
        }, BigDecimal::compareTo, KeyWriter::writeDecimal, (w, v) -> w.writeDecimal(v, true),
                KeyReader::readDecimal, r -> r.readDecimal(true));
        assertArrayEquals(new KeyWriter().writeDecimal(new BigDecimal("1.0")).toBytes(),
                new KeyWriter().writeDecimal(new BigDecimal("1.00")).toBytes());
        assertEquals(new BigDecimal("100"), new KeyReader(new KeyWriter().writeDecimal(new BigDecimal("1E+2"))
                .toBytes(), 0).readDecimal());
    }

    @Test
    void strings() {
        String alphabet = "\u0000\u0001a\u00ffb\u00e9\u4e2d\ud83d\ude00z";
        checkOrder(() -> {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(6);
            for (int i = 0; i < len; i++) {
                int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        }, (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)),
                KeyWriter::writeString, (w, v) -> w.writeString(v, true),
                KeyReader::readString, r -> r.readString(true));
    }

    @Test
    void bytes() {
        checkOrder(() -> {
            byte[] b = new byte[random.nextInt(5)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextInt(4) == 0 ? 0 : random.nextInt(3) == 0 ? 0xFF : random.nextInt(256));
            }
            return b;
        }, Arrays::compareUnsigned, KeyWriter::writeBytes, (w, v) -> w.writeBytes(v, true),
                KeyReader::readBytes, r -> r.readBytes(true));
    }

    @Test
    void compositeKeysCompareColumnByColumn() {
        for (int i = 0; i < 2000; i++) {
            String s1 = random.nextBoolean() ? "a" : random.nextBoolean() ? "ab" : null;
            String s2 = random.nextBoolean() ? "a" : random.nextBoolean() ? "ab" : null;
            long l1 = random.nextInt(3) - 1;
            long l2 = random.nextInt(3) - 1;
            int expected = compareNullsFirst(s1, s2);
            if (expected == 0) {
                expected = -Long.compare(l1, l2); // second column descending
            }
            byte[] k1 = composite(s1, l1);
            byte[] k2 = composite(s2, l2);
            assertEquals(Integer.signum(expected), Integer.signum(Arrays.compareUnsigned(k1, k2)),
                    s1 + "," + l1 + " vs " + s2 + "," + l2);
            KeyReader r = new KeyReader(k1, 0);
            assertEquals(5, r.readLong());
            assertEquals(1, r.readLong());
            assertEquals(s1 == null, r.isNullNext());
            r.skip();
            assertEquals(l1, r.readLong(true));
            assertFalse(r.hasMore());
        }
    }

    private static byte[] composite(String s, long l) {
        KeyWriter w = KeySpace.indexKey(5, 1);
        if (s == null) {
            w.writeNull();
        } else {
            w.writeString(s);
        }
        return w.writeLong(l, true).toBytes();
    }

    private static int compareNullsFirst(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    @Test
    void keySpaceLayout() {
        byte[] sys = KeySpace.systemKey("range", new KeyWriter().writeLong(Long.MAX_VALUE).toBytes());
        byte[] t0 = KeySpace.tableStart(0);
        byte[] tNeg = KeySpace.tableStart(Integer.MIN_VALUE);
        assertTrue(Arrays.compareUnsigned(sys, tNeg) < 0);
        assertTrue(Arrays.compareUnsigned(sys, KeySpace.systemEnd()) < 0);
        assertTrue(Arrays.compareUnsigned(KeySpace.systemEnd(), tNeg) <= 0);
        byte[] row = KeySpace.indexKey(7, 3).writeString("x").toBytes();
        assertTrue(Arrays.compareUnsigned(KeySpace.tableStart(7), row) <= 0);
        assertTrue(Arrays.compareUnsigned(row, KeySpace.tableEnd(7)) < 0);
        assertTrue(Arrays.compareUnsigned(KeySpace.tableEnd(7), KeySpace.tableStart(8)) <= 0);
        assertTrue(Arrays.compareUnsigned(t0, KeySpace.tableStart(1)) < 0);
        assertEquals(7, KeySpace.tableIdOf(row));
        assertEquals(-1, KeySpace.tableIdOf(sys));
    }

    @Test
    void prefixEndIsTheFirstKeyAfterThePrefix() {
        assertArrayEquals(new byte[] {1, 3}, KeySpace.prefixEnd(new byte[] {1, 2}));
        assertArrayEquals(new byte[] {2}, KeySpace.prefixEnd(new byte[] {1, (byte) 0xFF, (byte) 0xFF}));
        assertArrayEquals(new byte[0], KeySpace.prefixEnd(new byte[] {(byte) 0xFF}));
        for (int i = 0; i < 500; i++) {
            byte[] prefix = new byte[1 + random.nextInt(3)];
            random.nextBytes(prefix);
            byte[] end = KeySpace.prefixEnd(prefix);
            byte[] longer = Arrays.copyOf(prefix, prefix.length + 1 + random.nextInt(3));
            for (int j = prefix.length; j < longer.length; j++) {
                longer[j] = (byte) random.nextInt(256);
            }
            if (end.length > 0) {
                assertTrue(Arrays.compareUnsigned(longer, end) < 0);
                assertTrue(Arrays.compareUnsigned(prefix, end) < 0);
            }
        }
    }

    @Test
    void malformedInputIsAnException() {
        byte[] key = new KeyWriter().writeString("abc").toBytes();
        assertThrows(IllegalArgumentException.class, () -> new KeyReader(key, 0).readLong());
        byte[] truncated = Arrays.copyOf(key, key.length - 1);
        assertThrows(IllegalArgumentException.class, () -> new KeyReader(truncated, 0).readString());
    }
}
