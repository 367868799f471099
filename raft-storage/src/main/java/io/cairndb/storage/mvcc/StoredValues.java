package io.cairndb.storage.mvcc;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Byte layouts of the values kept in the data and intent column families. */
public final class StoredValues {
    private static final byte TOMBSTONE = 0;
    private static final byte VALUE = 1;

    private StoredValues() {
    }

    /** A version value: a tag byte, then the row bytes; {@code null} encodes a tombstone. */
    public static byte[] version(byte[] value) {
        if (value == null) {
            return new byte[] {TOMBSTONE};
        }
        byte[] out = new byte[value.length + 1];
        out[0] = VALUE;
        System.arraycopy(value, 0, out, 1, value.length);
        return out;
    }

    /** The row bytes of a version value, or null for a tombstone. */
    public static byte[] versionValue(byte[] stored) {
        return stored[0] == TOMBSTONE ? null : Arrays.copyOfRange(stored, 1, stored.length);
    }

    public static byte[] intent(long txnId, long commitTs, long recordRangeId, byte[] value) {
        ByteBuffer buf = ByteBuffer.allocate(24 + 1 + (value == null ? 0 : value.length));
        buf.putLong(txnId).putLong(commitTs).putLong(recordRangeId).put(value == null ? TOMBSTONE : VALUE);
        if (value != null) {
            buf.put(value);
        }
        return buf.array();
    }

    /** The transaction an intent value names, without decoding the rest. */
    public static long intentTxnId(byte[] stored) {
        return ByteBuffer.wrap(stored).getLong();
    }

    public static Intent decodeIntent(byte[] key, byte[] stored) {
        ByteBuffer buf = ByteBuffer.wrap(stored);
        long txnId = buf.getLong();
        long commitTs = buf.getLong();
        long recordRange = buf.getLong();
        byte tag = buf.get();
        byte[] value = null;
        if (tag == VALUE) {
            value = new byte[buf.remaining()];
            buf.get(value);
        }
        return new Intent(key, txnId, commitTs, recordRange, value);
    }

    public static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    public static long bytesLong(byte[] b) {
        return ByteBuffer.wrap(b).getLong();
    }
}
