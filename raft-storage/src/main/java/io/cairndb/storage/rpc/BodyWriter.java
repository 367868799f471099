package io.cairndb.storage.rpc;

import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.mvcc.Intent;
import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.Write;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/** Encodes a request or reply body; {@link BodyReader} reads the fields back in the same order. */
public final class BodyWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    public BodyWriter writeInt(int v) {
        try {
            out.writeInt(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public BodyWriter writeLong(long v) {
        try {
            out.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public BodyWriter writeBoolean(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    /** A string, or null. */
    public BodyWriter writeString(String s) {
        return writeBytes(s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A byte array, or null. */
    public BodyWriter writeBytes(byte[] b) {
        try {
            if (b == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public BodyWriter writeKeys(Collection<byte[]> keys) {
        writeInt(keys.size());
        keys.forEach(this::writeBytes);
        return this;
    }

    public BodyWriter writeInts(Collection<Integer> ints) {
        writeInt(ints.size());
        ints.forEach(this::writeInt);
        return this;
    }

    public BodyWriter writeLongs(Collection<Long> longs) {
        writeInt(longs.size());
        longs.forEach(this::writeLong);
        return this;
    }

    public BodyWriter writeWrites(List<Write> writes) {
        writeInt(writes.size());
        for (Write w : writes) {
            writeBytes(w.key());
            writeBytes(w.value());
        }
        return this;
    }

    public BodyWriter writeReadSet(ReadSet reads) {
        writeKeys(reads.keys());
        writeInt(reads.spans().size());
        for (byte[][] span : reads.spans()) {
            writeBytes(span[0]);
            writeBytes(span[1]);
        }
        return this;
    }

    public BodyWriter writeKeyValues(List<KeyValue> rows) {
        writeInt(rows.size());
        for (KeyValue kv : rows) {
            writeBytes(kv.key());
            writeBytes(kv.value());
        }
        return this;
    }

    public BodyWriter writeIntents(List<Intent> intents) {
        writeInt(intents.size());
        for (Intent i : intents) {
            writeBytes(i.key());
            writeLong(i.txnId());
            writeLong(i.commitTs());
            writeLong(i.recordRangeId());
            writeBytes(i.value());
        }
        return this;
    }

    /** A record, or null. */
    public BodyWriter writeRecord(TxnRecord record) {
        return writeBytes(record == null ? null : record.toBytes());
    }

    public BodyWriter writeDescriptor(RangeDescriptor d) {
        return writeBytes(d.toBytes());
    }

    public BodyWriter writeDescriptors(Collection<RangeDescriptor> ds) {
        writeInt(ds.size());
        ds.forEach(this::writeDescriptor);
        return this;
    }

    public byte[] toBytes() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
