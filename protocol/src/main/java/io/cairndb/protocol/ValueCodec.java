package io.cairndb.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The typed value encoding: one tag byte, then the value. The Java types are the ones CairnDB's SQL layer uses
 * (Boolean, Short, Integer, Long, Float, Double, BigDecimal, String, LocalDate, LocalTime, LocalDateTime, byte[],
 * null). BigDecimal is unscaled two's-complement bytes + int scale; DATE is the epoch day (long); TIME is the
 * nano of day (long); TIMESTAMP is epoch seconds (long, UTC-less local date-time) + nanos (int); strings UTF-8.
 */
public final class ValueCodec {
    public static final byte NULL = 0;
    public static final byte BOOLEAN = 1;
    public static final byte SHORT = 2;
    public static final byte INT = 3;
    public static final byte LONG = 4;
    public static final byte FLOAT = 5;
    public static final byte DOUBLE = 6;
    public static final byte DECIMAL = 7;
    public static final byte STRING = 8;
    public static final byte DATE = 9;
    public static final byte TIME = 10;
    public static final byte TIMESTAMP = 11;
    public static final byte BYTES = 12;

    private ValueCodec() {
    }

    /** Writes one value; an unsupported Java type is an IllegalArgumentException (a caller bug, not the peer's). */
    public static void write(WireWriter w, Object v) {
        if (v == null) {
            w.writeByte(NULL);
        } else if (v instanceof Boolean b) {
            w.writeByte(BOOLEAN).writeBoolean(b);
        } else if (v instanceof Short s) {
            w.writeByte(SHORT).writeShort(s);
        } else if (v instanceof Integer i) {
            w.writeByte(INT).writeInt(i);
        } else if (v instanceof Long l) {
            w.writeByte(LONG).writeLong(l);
        } else if (v instanceof Float f) {
            w.writeByte(FLOAT).writeInt(Float.floatToRawIntBits(f));
        } else if (v instanceof Double d) {
            w.writeByte(DOUBLE).writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof BigDecimal d) {
            w.writeByte(DECIMAL).writeBytes(d.unscaledValue().toByteArray());
            w.writeInt(d.scale());
        } else if (v instanceof String s) {
            w.writeByte(STRING).writeString(s);
        } else if (v instanceof LocalDate d) {
            w.writeByte(DATE).writeLong(d.toEpochDay());
        } else if (v instanceof LocalTime t) {
            w.writeByte(TIME).writeLong(t.toNanoOfDay());
        } else if (v instanceof LocalDateTime ts) {
            w.writeByte(TIMESTAMP).writeLong(ts.toEpochSecond(ZoneOffset.UTC));
            w.writeInt(ts.getNano());
        } else if (v instanceof byte[] b) {
            w.writeByte(BYTES).writeBytes(b);
        } else {
            throw new IllegalArgumentException("unsupported value type " + v.getClass().getName());
        }
    }

    /** Reads one value; an unknown tag or an out-of-range date/time is a {@link ProtocolException}. */
    public static Object read(WireReader r) {
        byte tag = r.readByte();
        try {
            return switch (tag) {
                case NULL -> null;
                case BOOLEAN -> r.readBoolean();
                case SHORT -> r.readShort();
                case INT -> r.readInt();
                case LONG -> r.readLong();
                case FLOAT -> Float.intBitsToFloat(r.readInt());
                case DOUBLE -> Double.longBitsToDouble(r.readLong());
                case DECIMAL -> readDecimal(r);
                case STRING -> {
                    String s = r.readString();
                    if (s == null) {
                        throw new ProtocolException("null string under a STRING tag");
                    }
                    yield s;
                }
                case DATE -> LocalDate.ofEpochDay(r.readLong());
                case TIME -> LocalTime.ofNanoOfDay(r.readLong());
                case TIMESTAMP -> LocalDateTime.ofEpochSecond(r.readLong(), r.readInt(), ZoneOffset.UTC);
                case BYTES -> r.readBytes();
                default -> throw new ProtocolException("unknown value tag " + tag);
            };
        } catch (DateTimeException e) {
            throw new ProtocolException("bad date/time value: " + e.getMessage());
        }
    }

    private static BigDecimal readDecimal(WireReader r) {
        byte[] unscaled = r.readBytes();
        if (unscaled.length == 0) {
            throw new ProtocolException("empty decimal");
        }
        int scale = r.readInt();
        // a scale like 10^9 decodes instantly but makes every later rescale compute a gigantic power of ten
        if (scale > MAX_DECIMAL_SCALE || scale < -MAX_DECIMAL_SCALE || unscaled.length > MAX_DECIMAL_BYTES) {
            throw new ProtocolException("decimal out of range: scale " + scale + ", " + unscaled.length + " bytes");
        }
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    /** Largest |scale| of a DECIMAL on the wire; far beyond SQL's 38 digits, far below what can hurt. */
    static final int MAX_DECIMAL_SCALE = 10_000;
    /** Largest unscaled value of a DECIMAL on the wire, in bytes (about 10,000 digits). */
    static final int MAX_DECIMAL_BYTES = 4_200;

    /** A cheap upper bound of a value's encoded size, used to cap row batches by bytes. */
    public static int estimateSize(Object v) {
        if (v == null) {
            return 1;
        } else if (v instanceof String s) {
            return 5 + s.length() * 3;
        } else if (v instanceof byte[] b) {
            return 5 + b.length;
        } else if (v instanceof BigDecimal d) {
            return 9 + d.unscaledValue().bitLength() / 8 + 1;
        }
        return 13;
    }
}
