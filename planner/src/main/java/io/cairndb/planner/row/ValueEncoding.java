package io.cairndb.planner.row;

import io.cairndb.planner.catalog.ColumnDef;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;

/**
 * The schema-driven value encoding of a row's non-key columns: varint column count, then per column one presence
 * byte (0 = NULL) followed by the value. A reader given more columns than were written treats the missing trailing
 * ones as NULL, so ADD COLUMN needs no rewrite.
 */
public final class ValueEncoding {
    private ValueEncoding() {
    }

    public static byte[] encode(List<ColumnDef> columns, Object[] values) {
        Out out = new Out();
        out.varLong(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Object v = values[i];
            if (v == null) {
                out.write(0);
                continue;
            }
            out.write(1);
            switch (columns.get(i).type()) {
                case BOOLEAN -> out.write((Boolean) v ? 1 : 0);
                case SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP -> out.zigZag(((Number) v).longValue());
                case REAL -> out.fixed(Float.floatToRawIntBits(((Number) v).floatValue()) & 0xFFFFFFFFL, 4);
                case DOUBLE -> out.fixed(Double.doubleToRawLongBits(((Number) v).doubleValue()), 8);
                case DECIMAL -> {
                    BigDecimal d = (BigDecimal) v;
                    out.zigZag(d.scale());
                    out.bytes(d.unscaledValue().toByteArray());
                }
                case CHAR, VARCHAR -> out.bytes(((String) v).getBytes(StandardCharsets.UTF_8));
                case VARBINARY -> out.bytes(((ByteString) v).getBytes());
                default -> throw new IllegalStateException("unknown type");
            }
        }
        return out.toByteArray();
    }

    /** Decodes into {@code values}; columns the value does not hold stay null. */
    public static void decode(byte[] bytes, List<ColumnDef> columns, Object[] values) {
        In in = new In(bytes);
        int n = (int) in.varLong();
        for (int i = 0; i < n && i < columns.size(); i++) {
            if (in.read() == 0) {
                values[i] = null;
                continue;
            }
            values[i] = switch (columns.get(i).type()) {
                case BOOLEAN -> in.read() != 0;
                case SMALLINT -> (short) in.zigZag();
                case INTEGER, DATE, TIME -> (int) in.zigZag();
                case BIGINT, TIMESTAMP -> in.zigZag();
                case REAL -> Float.intBitsToFloat((int) in.fixed(4));
                case DOUBLE -> Double.longBitsToDouble(in.fixed(8));
                case DECIMAL -> {
                    int scale = (int) in.zigZag();
                    yield new BigDecimal(new BigInteger(in.bytes()), scale);
                }
                case CHAR, VARCHAR -> new String(in.bytes(), StandardCharsets.UTF_8);
                case VARBINARY -> new ByteString(in.bytes());
            };
        }
    }

    private static final class Out extends ByteArrayOutputStream {
        void varLong(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void zigZag(long v) {
            varLong((v << 1) ^ (v >> 63));
        }

        void fixed(long v, int n) {
            for (int s = (n - 1) * 8; s >= 0; s -= 8) {
                write((int) (v >>> s) & 0xFF);
            }
        }

        void bytes(byte[] b) {
            varLong(b.length);
            writeBytes(b);
        }
    }

    private static final class In {
        private final byte[] b;
        private int pos;

        In(byte[] b) {
            this.b = b;
        }

        int read() {
            return b[pos++] & 0xFF;
        }

        long varLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                int x = read();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
                shift += 7;
            }
        }

        long zigZag() {
            long v = varLong();
            return (v >>> 1) ^ -(v & 1);
        }

        long fixed(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | read();
            }
            return v;
        }

        byte[] bytes() {
            int n = (int) varLong();
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }
    }
}
