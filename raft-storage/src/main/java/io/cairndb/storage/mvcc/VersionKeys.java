package io.cairndb.storage.mvcc;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Layout of MVCC version keys in the data column family: {@code escape(userKey) · 0x00 0x01 · ~commitTs}.
 *
 * <p>The user key is escaped (0x00 → 0x00 0xFF) and terminated so that version keys of different user keys
 * never interleave, whatever bytes the user keys hold, and sort in user-key order. The timestamp is stored
 * inverted big-endian, so for one user key the newest version comes first.
 */
public final class VersionKeys {
    private static final int TS_BYTES = 8;

    private VersionKeys() {
    }

    /** The prefix shared by every version of {@code userKey}; also the smallest version key of it. */
    public static byte[] prefix(byte[] userKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(userKey.length + 2 + TS_BYTES);
        for (byte b : userKey) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0x00);
        out.write(0x01);
        return out.toByteArray();
    }

    /** The key of the version of {@code userKey} committed at {@code timestamp}. */
    public static byte[] versionKey(byte[] userKey, long timestamp) {
        return withTimestamp(prefix(userKey), timestamp);
    }

    /** {@code prefix} followed by the inverted timestamp: versions at or below {@code timestamp} sort from here. */
    public static byte[] withTimestamp(byte[] prefix, long timestamp) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + TS_BYTES);
        long inv = ~timestamp;
        for (int i = 0; i < TS_BYTES; i++) {
            key[prefix.length + i] = (byte) (inv >>> (56 - 8 * i));
        }
        return key;
    }

    /** The commit timestamp of a version key. */
    public static long timestamp(byte[] versionKey) {
        long inv = 0;
        for (int i = versionKey.length - TS_BYTES; i < versionKey.length; i++) {
            inv = (inv << 8) | (versionKey[i] & 0xFF);
        }
        return ~inv;
    }

    /** Length of the user-key prefix (escaped key + terminator) of a version key. */
    public static int prefixLength(byte[] versionKey) {
        return versionKey.length - TS_BYTES;
    }

    /** The user key of a version key. */
    public static byte[] userKey(byte[] versionKey) {
        int end = versionKey.length - TS_BYTES - 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream(end);
        for (int i = 0; i < end; i++) {
            byte b = versionKey[i];
            out.write(b);
            if (b == 0) {
                i++; // skip the 0xFF escape
            }
        }
        return out.toByteArray();
    }

    /** True when {@code versionKey} is a version of the user key whose prefix is {@code prefix}. */
    public static boolean hasPrefix(byte[] versionKey, byte[] prefix) {
        return versionKey.length == prefix.length + TS_BYTES
                && Arrays.equals(versionKey, 0, prefix.length, prefix, 0, prefix.length);
    }
}
