package io.cairndb.storage.keys;

/** Type tags and marker bytes of the key encoding shared by {@link KeyWriter} and {@link KeyReader}. */
final class KeyTags {
    static final int NULL = 0x01;
    static final int BOOLEAN = 0x10;
    static final int LONG = 0x20;
    static final int DOUBLE = 0x30;
    static final int DECIMAL = 0x40;
    static final int STRING = 0x50;
    static final int BYTES = 0x60;

    static final int DECIMAL_NEGATIVE = 0x01;
    static final int DECIMAL_ZERO = 0x02;
    static final int DECIMAL_POSITIVE = 0x03;
    static final int DECIMAL_END = 0x00;

    /** After a 0x00 inside a string: the 0x00 was data. */
    static final int ESCAPED_00 = 0xFF;
    /** After a 0x00 inside a string: the string ends. */
    static final int TERMINATOR = 0x01;

    private KeyTags() {
    }

    /** Maps a double to a long whose unsigned order is the numeric order (NaN last, -0.0 == 0.0). */
    static long sortableDoubleBits(double value) {
        if (Double.isNaN(value)) {
            value = Double.NaN;
        } else if (value == 0.0d) {
            value = 0.0d;
        }
        long bits = Double.doubleToLongBits(value);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    static double fromSortableDoubleBits(long sortable) {
        long bits = sortable < 0 ? sortable ^ Long.MIN_VALUE : ~sortable;
        return Double.longBitsToDouble(bits);
    }
}
