package io.cairndb.storage.keys;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Builds order-preserving, self-delimiting keys: comparing two encoded keys byte by byte (unsigned) gives the
 * same order as comparing their values column by column. Every value starts with a type tag; NULL has the
 * smallest tag, so it sorts first among ascending values. A descending value is its ascending encoding with
 * every byte inverted; because each encoding is prefix-free this reverses the order and stays self-delimiting
 * (and NULL then sorts last).
 *
 * <p>Encodings (ascending, see {@link KeyTags}):
 * <ul>
 *   <li>NULL: tag only.</li>
 *   <li>BOOLEAN: tag, then 0 or 1.</li>
 *   <li>integers: tag, 8 bytes big-endian with the sign bit flipped.</li>
 *   <li>DOUBLE: tag, 8 bytes: IEEE bits with the sign bit flipped for positives and all bits inverted for
 *       negatives; -0.0 is written as 0.0 and every NaN as the canonical NaN, which sorts after +Infinity.</li>
 *   <li>DECIMAL: tag, a sign class byte (negative/zero/positive), then for non-zero values the decimal exponent
 *       E (value = 0.d1d2... x 10^E) as 4 bytes with the sign bit flipped and the significant digits as ASCII,
 *       ended by 0x00; negative values invert the bytes after the sign class so larger magnitudes sort first.
 *       Trailing zeros are stripped first, so 1.0 and 1.00 encode equal.</li>
 *   <li>STRING (UTF-8) and BYTES: tag, the bytes with 0x00 escaped as 0x00 0xFF, ended by 0x00 0x01.</li>
 * </ul>
 */
public final class KeyWriter {
    private final ByteArrayOutputStream out;

    public KeyWriter() {
        this.out = new ByteArrayOutputStream(32);
    }

    /** Continues the key {@code prefix}. */
    public KeyWriter(byte[] prefix) {
        this.out = new ByteArrayOutputStream(prefix.length + 32);
        this.out.writeBytes(prefix);
    }

    public KeyWriter writeNull() {
        return writeNull(false);
    }

    public KeyWriter writeNull(boolean descending) {
        put(KeyTags.NULL, descending);
        return this;
    }

    public KeyWriter writeBoolean(boolean value) {
        return writeBoolean(value, false);
    }

    public KeyWriter writeBoolean(boolean value, boolean descending) {
        put(KeyTags.BOOLEAN, descending);
        put(value ? 1 : 0, descending);
        return this;
    }

    /** Any SQL integer type (TINYINT..BIGINT), and ids. */
    public KeyWriter writeLong(long value) {
        return writeLong(value, false);
    }

    public KeyWriter writeLong(long value, boolean descending) {
        put(KeyTags.LONG, descending);
        putLong(value ^ Long.MIN_VALUE, descending);
        return this;
    }

    /** DOUBLE and REAL. */
    public KeyWriter writeDouble(double value) {
        return writeDouble(value, false);
    }

    public KeyWriter writeDouble(double value, boolean descending) {
        put(KeyTags.DOUBLE, descending);
        putLong(KeyTags.sortableDoubleBits(value), descending);
        return this;
    }

    public KeyWriter writeDecimal(BigDecimal value) {
        return writeDecimal(value, false);
    }

    public KeyWriter writeDecimal(BigDecimal value, boolean descending) {
        if (value == null) {
            throw new IllegalArgumentException("writeDecimal(null): use writeNull()");
        }
        put(KeyTags.DECIMAL, descending);
        int sign = value.signum();
        if (sign == 0) {
            put(KeyTags.DECIMAL_ZERO, descending);
            return this;
        }
        BigDecimal abs = value.abs().stripTrailingZeros();
        String digits = abs.unscaledValue().toString();
        long exponent = (long) digits.length() - abs.scale();
        if (exponent > Integer.MAX_VALUE || exponent < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("decimal exponent out of range: " + value);
        }
        boolean invert = sign < 0;
        put(invert ? KeyTags.DECIMAL_NEGATIVE : KeyTags.DECIMAL_POSITIVE, descending);
        int e = (int) exponent ^ Integer.MIN_VALUE;
        for (int shift = 24; shift >= 0; shift -= 8) {
            put((e >>> shift) & 0xFF, descending ^ invert);
        }
        for (int i = 0; i < digits.length(); i++) {
            put(digits.charAt(i), descending ^ invert);
        }
        put(KeyTags.DECIMAL_END, descending ^ invert);
        return this;
    }

    public KeyWriter writeString(String value) {
        return writeString(value, false);
    }

    public KeyWriter writeString(String value, boolean descending) {
        if (value == null) {
            throw new IllegalArgumentException("writeString(null): use writeNull()");
        }
        put(KeyTags.STRING, descending);
        putEscaped(value.getBytes(StandardCharsets.UTF_8), descending);
        return this;
    }

    public KeyWriter writeBytes(byte[] value) {
        return writeBytes(value, false);
    }

    public KeyWriter writeBytes(byte[] value, boolean descending) {
        if (value == null) {
            throw new IllegalArgumentException("writeBytes(null): use writeNull()");
        }
        put(KeyTags.BYTES, descending);
        putEscaped(value, descending);
        return this;
    }

    /** Appends already-encoded bytes as they are (e.g. a primary-key suffix of a secondary index key). */
    public KeyWriter writeRaw(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    public int length() {
        return out.size();
    }

    private void putEscaped(byte[] bytes, boolean descending) {
        for (byte b : bytes) {
            if (b == 0) {
                put(0x00, descending);
                put(KeyTags.ESCAPED_00, descending);
            } else {
                put(b & 0xFF, descending);
            }
        }
        put(0x00, descending);
        put(KeyTags.TERMINATOR, descending);
    }

    private void putLong(long v, boolean descending) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            put((int) (v >>> shift) & 0xFF, descending);
        }
    }

    private void put(int b, boolean descending) {
        out.write(descending ? ~b & 0xFF : b & 0xFF);
    }
}
