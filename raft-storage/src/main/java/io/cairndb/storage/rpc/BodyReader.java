package io.cairndb.storage.rpc;

import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.mvcc.Intent;
import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.Write;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a body written by {@link BodyWriter}; malformed input fails with {@link IllegalArgumentException}. */
public final class BodyReader {
    private final ByteBuffer buf;

    public BodyReader(byte[] body) {
        this.buf = ByteBuffer.wrap(body == null ? new byte[0] : body);
    }

    public int readInt() {
        try {
            return buf.getInt();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated message body");
        }
    }

    public long readLong() {
        try {
            return buf.getLong();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated message body");
        }
    }

    public boolean readBoolean() {
        return readInt() != 0;
    }

    public String readString() {
        byte[] b = readBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    public byte[] readBytes() {
        int n = readInt();
        if (n < 0) {
            return null;
        }
        if (n > buf.remaining()) {
            throw new IllegalArgumentException("truncated message body");
        }
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    private int count() {
        int n = readInt();
        if (n < 0 || n > buf.remaining()) {
            throw new IllegalArgumentException("bad element count " + n + " in message body");
        }
        return n;
    }

    public List<byte[]> readKeys() {
        int n = count();
        List<byte[]> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(readBytes());
        }
        return keys;
    }

    public List<Integer> readInts() {
        int n = count();
        List<Integer> ints = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ints.add(readInt());
        }
        return ints;
    }

    public List<Long> readLongs() {
        int n = count();
        List<Long> longs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            longs.add(readLong());
        }
        return longs;
    }

    public List<Write> readWrites() {
        int n = count();
        List<Write> writes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            writes.add(new Write(readBytes(), readBytes()));
        }
        return writes;
    }

    public ReadSet readReadSet() {
        ReadSet reads = new ReadSet();
        readKeys().forEach(reads::addKey);
        int spans = count();
        for (int i = 0; i < spans; i++) {
            reads.addSpan(readBytes(), readBytes());
        }
        return reads;
    }

    public List<KeyValue> readKeyValues() {
        int n = count();
        List<KeyValue> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new KeyValue(readBytes(), readBytes()));
        }
        return rows;
    }

    public List<Intent> readIntents() {
        int n = count();
        List<Intent> intents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            intents.add(new Intent(readBytes(), readLong(), readLong(), readLong(), readBytes()));
        }
        return intents;
    }

    public TxnRecord readRecord() {
        byte[] b = readBytes();
        return b == null ? null : TxnRecord.fromBytes(b);
    }

    public RangeDescriptor readDescriptor() {
        return RangeDescriptor.fromBytes(readBytes());
    }

    public List<RangeDescriptor> readDescriptors() {
        int n = count();
        List<RangeDescriptor> ds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ds.add(readDescriptor());
        }
        return ds;
    }
}
