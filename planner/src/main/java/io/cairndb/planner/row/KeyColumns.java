package io.cairndb.planner.row;

import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.storage.keys.KeyReader;
import io.cairndb.storage.keys.KeyWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.avatica.util.ByteString;

/** Writes and reads one column value (internal representation) in the order-preserving key encoding. */
public final class KeyColumns {
    private KeyColumns() {
    }

    public static void write(KeyWriter w, ColumnDef c, Object v, boolean descending) {
        if (v == null) {
            w.writeNull(descending);
            return;
        }
        switch (c.type()) {
            case BOOLEAN -> w.writeBoolean((Boolean) v, descending);
            case SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP -> w.writeLong(((Number) v).longValue(), descending);
            case REAL, DOUBLE -> w.writeDouble(((Number) v).doubleValue(), descending);
            case DECIMAL -> w.writeDecimal((BigDecimal) v, descending);
            case CHAR, VARCHAR -> w.writeString((String) v, descending);
            case VARBINARY -> w.writeBytes(((ByteString) v).getBytes(), descending);
            default -> throw new IllegalStateException("unknown type " + c.type());
        }
    }

    public static Object read(KeyReader r, ColumnDef c, boolean descending) {
        if (r.isNullNext(descending)) {
            r.readNull(descending);
            return null;
        }
        return switch (c.type()) {
            case BOOLEAN -> r.readBoolean(descending);
            case SMALLINT -> (short) r.readLong(descending);
            case INTEGER, DATE, TIME -> (int) r.readLong(descending);
            case BIGINT, TIMESTAMP -> r.readLong(descending);
            case REAL -> (float) r.readDouble(descending);
            case DOUBLE -> r.readDouble(descending);
            case DECIMAL -> r.readDecimal(descending).setScale(Math.max(c.scale(), 0), RoundingMode.UNNECESSARY);
            case CHAR, VARCHAR -> r.readString(descending);
            case VARBINARY -> new ByteString(r.readBytes(descending));
        };
    }
}
