package io.cairndb.storage.keys;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Reads back the values a {@link KeyWriter} wrote, in order. Each read must use the same direction
 * (ascending/descending) the value was written with. Malformed input raises {@link IllegalArgumentException}.
 */
public final class KeyReader {
    private final byte[] key;
    private int pos;

    public KeyReader(byte[] key, int offset) {
        if (offset < 0 || offset > key.length) {
            throw new IllegalArgumentException("offset " + offset + " outside key of length " + key.length);
        }
        this.key = key;
        this.pos = offset;
    }

    public int position() {
        return pos;
    }

    public boolean hasMore() {
        return pos < key.length;
    }

    public boolean isNullNext() {
        return isNullNext(false);
    }

    public boolean isNullNext(boolean descending) {
        return hasMore() && peek(descending) == KeyTags.NULL;
    }

    public void readNull() {
        readNull(false);
    }

    public void readNull(boolean descending) {
        expectTag(KeyTags.NULL, descending);
    }

    public boolean readBoolean() {
        return readBoolean(false);
    }

    public boolean readBoolean(boolean descending) {
        expectTag(KeyTags.BOOLEAN, descending);
        int v = next(descending);
        if (v > 1) {
            throw malformed("boolean byte " + v);
        }
        return v == 1;
    }

    public long readLong() {
        return readLong(false);
    }

    public long readLong(boolean descending) {
        expectTag(KeyTags.LONG, descending);
        return readRawLong(descending) ^ Long.MIN_VALUE;
    }

    public double readDouble() {
        return readDouble(false);
    }

    public double readDouble(boolean descending) {
        expectTag(KeyTags.DOUBLE, descending);
        return KeyTags.fromSortableDoubleBits(readRawLong(descending));
    }

    /** The value with trailing zeros stripped (never a negative scale). */
    public BigDecimal readDecimal() {
        return readDecimal(false);
    }

    public BigDecimal readDecimal(boolean descending) {
        expectTag(KeyTags.DECIMAL, descending);
        int signClass = next(descending);
        if (signClass == KeyTags.DECIMAL_ZERO) {
            return BigDecimal.ZERO;
        }
        if (signClass != KeyTags.DECIMAL_POSITIVE && signClass != KeyTags.DECIMAL_NEGATIVE) {
            throw malformed("decimal sign byte " + signClass);
        }
        boolean negative = signClass == KeyTags.DECIMAL_NEGATIVE;
        boolean dir = descending ^ negative;
        int e = 0;
        for (int i = 0; i < 4; i++) {
            e = (e << 8) | next(dir);
        }
        int exponent = e ^ Integer.MIN_VALUE;
        StringBuilder digits = new StringBuilder();
        while (true) {
            int c = next(dir);
            if (c == KeyTags.DECIMAL_END) {
                break;
            }
            if (c < '0' || c > '9') {
                throw malformed("decimal digit byte " + c);
            }
            digits.append((char) c);
        }
        if (digits.length() == 0) {
            throw malformed("decimal without digits");
        }
        BigDecimal value = new BigDecimal(new BigInteger(digits.toString()), digits.length() - exponent);
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        return negative ? value.negate() : value;
    }

    public String readString() {
        return readString(false);
    }

    public String readString(boolean descending) {
        expectTag(KeyTags.STRING, descending);
        return new String(readEscaped(descending), StandardCharsets.UTF_8);
    }

    public byte[] readBytes() {
        return readBytes(false);
    }

    public byte[] readBytes(boolean descending) {
        expectTag(KeyTags.BYTES, descending);
        return readEscaped(descending);
    }

    /** Skips one value of any type, in either direction. */
    public void skip() {
        if (!hasMore()) {
            throw malformed("nothing to skip");
        }
        int raw = key[pos] & 0xFF;
        boolean descending = !isTag(raw) && isTag(~raw & 0xFF);
        switch (peek(descending)) {
            case KeyTags.NULL -> readNull(descending);
            case KeyTags.BOOLEAN -> readBoolean(descending);
            case KeyTags.LONG -> readLong(descending);
            case KeyTags.DOUBLE -> readDouble(descending);
            case KeyTags.DECIMAL -> readDecimal(descending);
            case KeyTags.STRING, KeyTags.BYTES -> {
                pos++;
                readEscaped(descending);
            }
            default -> throw malformed("unknown type tag " + raw);
        }
    }

    private static boolean isTag(int b) {
        return b == KeyTags.NULL || b == KeyTags.BOOLEAN || b == KeyTags.LONG || b == KeyTags.DOUBLE
                || b == KeyTags.DECIMAL || b == KeyTags.STRING || b == KeyTags.BYTES;
    }

    private byte[] readEscaped(boolean descending) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = next(descending);
            if (b != 0) {
                out.write(b);
                continue;
            }
            int marker = next(descending);
            if (marker == KeyTags.TERMINATOR) {
                return out.toByteArray();
            }
            if (marker != KeyTags.ESCAPED_00) {
                throw malformed("bad escape byte " + marker);
            }
            out.write(0);
        }
    }

    private long readRawLong(boolean descending) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | next(descending);
        }
        return v;
    }

    private void expectTag(int tag, boolean descending) {
        int actual = next(descending);
        if (actual != tag) {
            pos--;
            throw malformed("expected type tag " + tag + " but found " + actual);
        }
    }

    private int peek(boolean descending) {
        int b = key[pos] & 0xFF;
        return descending ? ~b & 0xFF : b;
    }

    private int next(boolean descending) {
        if (pos >= key.length) {
            throw malformed("key ends inside a value");
        }
        int b = key[pos++] & 0xFF;
        return descending ? ~b & 0xFF : b;
    }

    private IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("malformed key at offset " + pos + ": " + what);
    }
}
