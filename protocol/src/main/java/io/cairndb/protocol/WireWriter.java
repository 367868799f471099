package io.cairndb.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Appends big-endian primitives, strings and values to a growable byte array. Not thread-safe. */
public final class WireWriter {
    private byte[] buf;
    private int size;

    public WireWriter() {
        this(256);
    }

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new ProtocolException("message too large");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    public WireWriter writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter writeBoolean(boolean v) {
        return writeByte(v ? 1 : 0);
    }

    public WireWriter writeShort(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter writeInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public WireWriter writeBytes(byte[] b) {
        writeInt(b.length);
        return writeRaw(b, 0, b.length);
    }

    public WireWriter writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** A nullable UTF-8 string: length -1 for null. */
    public WireWriter writeString(String s) {
        if (s == null) {
            return writeInt(-1);
        }
        return writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A nullable list of nullable strings: count -1 for null. */
    public WireWriter writeStringList(List<String> list) {
        if (list == null) {
            return writeInt(-1);
        }
        writeInt(list.size());
        for (String s : list) {
            writeString(s);
        }
        return this;
    }

    public WireWriter writeStringMap(Map<String, String> map) {
        writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(e.getKey());
            writeString(e.getValue());
        }
        return this;
    }

    /** One typed value, see {@link ValueCodec}. */
    public WireWriter writeValue(Object value) {
        ValueCodec.write(this, value);
        return this;
    }

    /** A list of values preceded by its count (a parameter row, or a result row). */
    public WireWriter writeValues(Object[] values) {
        writeInt(values.length);
        for (Object v : values) {
            ValueCodec.write(this, v);
        }
        return this;
    }

    public int size() {
        return size;
    }

    /** The bytes written so far (a copy). */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Overwrites 4 bytes at {@code position} (used to patch a frame length). */
    void patchInt(int position, int v) {
        buf[position] = (byte) (v >>> 24);
        buf[position + 1] = (byte) (v >>> 16);
        buf[position + 2] = (byte) (v >>> 8);
        buf[position + 3] = (byte) v;
    }

    /** The internal buffer; only the first {@link #size()} bytes are meaningful. */
    byte[] buffer() {
        return buf;
    }
}
