package io.cairndb.storage.keys;

import java.util.Arrays;

/**
 * The layout of the global keyspace (DESIGN.md): system keys first, then table data as
 * {@code tableId · indexId · encoded index columns}.
 *
 * <p>System keys start with byte {@link #SYSTEM_PREFIX} (0x01); table keys start with the {@link KeyWriter} long
 * encoding of the table id, whose tag (0x20) is larger, so every system key sorts before all table data and a
 * table's keys form one prefix.
 */
public final class KeySpace {
    /** First byte of every system key. */
    public static final byte SYSTEM_PREFIX = 0x01;

    private KeySpace() {
    }

    /** First system key. */
    public static byte[] systemStart() {
        return new byte[] {SYSTEM_PREFIX};
    }

    /** Exclusive end of the system keyspace. */
    public static byte[] systemEnd() {
        return new byte[] {SYSTEM_PREFIX + 1};
    }

    /**
     * A system key: 0x01 · encoded {@code kind} · {@code suffix} (raw bytes, usually KeyWriter-encoded).
     * {@code systemKey(kind, new byte[0])} is the prefix of every key of that kind.
     */
    public static byte[] systemKey(String kind, byte[] suffix) {
        return new KeyWriter(systemStart()).writeString(kind).writeRaw(suffix).toBytes();
    }

    /** First key of table {@code tableId} (its primary index included). */
    public static byte[] tableStart(int tableId) {
        return new KeyWriter().writeLong(tableId).toBytes();
    }

    /** Exclusive end of table {@code tableId}: the first key after all its keys. */
    public static byte[] tableEnd(int tableId) {
        return prefixEnd(tableStart(tableId));
    }

    /** A KeyWriter positioned after {@code tableId · indexId}; append the index columns to it. */
    public static KeyWriter indexKey(int tableId, int indexId) {
        return new KeyWriter().writeLong(tableId).writeLong(indexId);
    }

    /** The table id of a table data key, or -1 for a system key. */
    public static int tableIdOf(byte[] key) {
        if (key.length == 0 || key[0] == SYSTEM_PREFIX) {
            return -1;
        }
        return (int) new KeyReader(key, 0).readLong();
    }

    /** {@code key} in lower-case hex, for messages and logs. */
    public static String hex(byte[] key) {
        StringBuilder sb = new StringBuilder(key.length * 2);
        for (byte b : key) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** The smallest key after {@code key} (the exclusive end of a span holding only {@code key}). */
    public static byte[] successor(byte[] key) {
        return java.util.Arrays.copyOf(key, key.length + 1);
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}: the prefix with trailing 0xFF
     * bytes removed and its last byte incremented. For an empty or all-0xFF prefix there is no such key; the
     * empty array is returned, which means "end of the keyspace" wherever an exclusive end is expected.
     */
    public static byte[] prefixEnd(byte[] prefix) {
        int i = prefix.length - 1;
        while (i >= 0 && prefix[i] == (byte) 0xFF) {
            i--;
        }
        if (i < 0) {
            return new byte[0];
        }
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
    }
}
