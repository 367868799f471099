package io.cairndb.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link WireWriter} wrote. Every read is bounds-checked: a payload that ends early, or a count or
 * length that cannot fit in what is left, is a {@link ProtocolException}, never an allocation of a huge array.
 */
public final class WireReader {
    private final byte[] buf;
    private final int limit;
    private int pos;

    public WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    private void need(int n) {
        if (n < 0 || limit - pos < n) {
            throw new ProtocolException("truncated payload: need " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    public int remaining() {
        return limit - pos;
    }

    public byte readByte() {
        need(1);
        return buf[pos++];
    }

    public boolean readBoolean() {
        byte b = readByte();
        if (b != 0 && b != 1) {
            throw new ProtocolException("bad boolean " + b);
        }
        return b == 1;
    }

    public short readShort() {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return (short) v;
    }

    public int readInt() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long readLong() {
        long hi = readInt();
        long lo = readInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    public byte[] readBytes() {
        int n = readInt();
        if (n < 0) {
            throw new ProtocolException("negative byte length " + n);
        }
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    public String readString() {
        int n = readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0) {
            throw new ProtocolException("negative string length " + n);
        }
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /**
     * A count of elements that each take at least {@code minElementBytes}; checked against what is left so a
     * hostile count cannot make us allocate. {@code allowNull}: -1 is returned as is.
     */
    public int readCount(int minElementBytes, boolean allowNull) {
        int n = readInt();
        if (n == -1 && allowNull) {
            return -1;
        }
        if (n < 0 || (long) n * minElementBytes > remaining()) {
            throw new ProtocolException("bad element count " + n);
        }
        return n;
    }

    public List<String> readStringList() {
        int n = readCount(4, true);
        if (n == -1) {
            return null;
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString());
        }
        return Collections.unmodifiableList(list);
    }

    public Map<String, String> readStringMap() {
        int n = readCount(8, false);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(readString(), readString());
        }
        return map;
    }

    public Object readValue() {
        return ValueCodec.read(this);
    }

    public Object[] readValues() {
        int n = readCount(1, false);
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = ValueCodec.read(this);
        }
        return values;
    }

    /** Fails unless the whole payload was consumed: trailing garbage means the peer speaks something else. */
    public void expectEnd() {
        if (pos != limit) {
            throw new ProtocolException((limit - pos) + " unexpected trailing bytes");
        }
    }
}
