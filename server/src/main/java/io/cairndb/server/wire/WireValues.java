package io.cairndb.server.wire;

import io.cairndb.planner.ParameterInfo;
import io.cairndb.planner.ResultColumn;
import io.cairndb.protocol.ColumnInfo;
import io.cairndb.protocol.ParamInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Translates the SQL layer's descriptions and values into the protocol's. */
final class WireValues {
    private WireValues() {
    }

    static ColumnInfo column(ResultColumn c) {
        return new ColumnInfo(c.label(), c.name(), c.schema(), c.table(), c.sqlType(), c.typeName(), c.precision(),
                c.scale(), c.nullable());
    }

    static List<ColumnInfo> columns(List<ResultColumn> columns) {
        List<ColumnInfo> out = new ArrayList<>(columns.size());
        for (ResultColumn c : columns) {
            out.add(column(c));
        }
        return out;
    }

    static List<ParamInfo> parameters(List<ParameterInfo> params) {
        List<ParamInfo> out = new ArrayList<>(params.size());
        for (ParameterInfo p : params) {
            out.add(new ParamInfo(p.sqlType(), p.typeName(), p.precision(), p.scale()));
        }
        return out;
    }

    /**
     * A row as the protocol can carry it. The SQL layer promises the protocol's types; a few near relatives are
     * mapped anyway, so a stray Byte or java.sql.Date fails nothing.
     */
    static Object[] row(Object[] row) {
        Object[] out = row.clone();
        for (int i = 0; i < out.length; i++) {
            Object v = out[i];
            if (v instanceof Byte b) {
                out[i] = (short) b;
            } else if (v instanceof BigInteger bi) {
                out[i] = new BigDecimal(bi);
            } else if (v instanceof Character c) {
                out[i] = c.toString();
            } else if (v instanceof java.sql.Date d) {
                out[i] = d.toLocalDate();
            } else if (v instanceof java.sql.Time t) {
                out[i] = t.toLocalTime();
            } else if (v instanceof java.sql.Timestamp ts) {
                out[i] = ts.toLocalDateTime();
            }
        }
        return out;
    }
}
