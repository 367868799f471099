package io.cairndb.planner.row;

import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.catalog.ColumnDef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * Converts a value in Calcite's internal representation (or a close relative: any Number, a String) to the exact
 * internal representation of a column, enforcing the column's range and length on store.
 *
 * <p>Internal representations: BOOLEAN Boolean, SMALLINT Short, INTEGER Integer, BIGINT Long, REAL Float, DOUBLE
 * Double, DECIMAL BigDecimal (at the column scale), CHAR/VARCHAR String (CHAR without trailing blanks), DATE
 * Integer days,
 * TIME Integer millis of day, TIMESTAMP Long millis since the epoch, VARBINARY ByteString.
 */
public final class ValueCoercion {
    /**
     * How every path rounds a number to fewer fractional digits (DECIMAL column scale, integer columns): half-up,
     * i.e. half away from zero, as PostgreSQL does. Calcite's literal folding uses it too (see
     * {@code SqlConfig.TYPE_SYSTEM}), so a general-path literal and a stored value round the same way.
     */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private ValueCoercion() {
    }

    public static Object coerce(Object v, ColumnDef c) {
        if (v == null) {
            return null;
        }
        return switch (c.type()) {
            case BOOLEAN -> toBoolean(v, c);
            case SMALLINT -> (short) integral(v, c, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INTEGER -> (int) integral(v, c, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case BIGINT -> integral(v, c, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case REAL -> toReal(v, c);
            case DOUBLE -> toDouble(v, c);
            case DECIMAL -> toDecimal(v, c);
            case CHAR, VARCHAR -> toStringValue(v, c);
            case DATE -> toDate(v, c);
            case TIME -> toTime(v, c);
            case TIMESTAMP -> toTimestamp(v, c);
            case VARBINARY -> toBinary(v, c);
        };
    }

    private static Object toBoolean(Object v, ColumnDef c) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase();
            if (t.equals("true") || t.equals("t") || t.equals("1")) {
                return true;
            }
            if (t.equals("false") || t.equals("f") || t.equals("0")) {
                return false;
            }
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        throw badCast(v, c);
    }

    private static long integral(Object v, ColumnDef c, long min, long max, String typeName) {
        BigDecimal d;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            if (l < min || l > max) {
                throw outOfRange(typeName);
            }
            return l;
        } else if (v instanceof BigDecimal bd) {
            d = bd;
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw outOfRange(typeName);
            }
            d = BigDecimal.valueOf(x);
        } else if (v instanceof String s) {
            try {
                d = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw badCast(v, c);
            }
        } else if (v instanceof Boolean b) {
            return b ? 1 : 0;
        } else {
            throw badCast(v, c);
        }
        BigDecimal r = d.setScale(0, ROUNDING);
        if (r.compareTo(BigDecimal.valueOf(min)) < 0 || r.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw outOfRange(typeName);
        }
        return r.longValueExact();
    }

    private static Object toReal(Object v, ColumnDef c) {
        double d = toDouble(v, c);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw outOfRange("real");
        }
        return f;
    }

    private static Double toDouble(Object v, ColumnDef c) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw badCast(v, c);
            }
        }
        throw badCast(v, c);
    }

    private static BigDecimal toDecimal(Object v, ColumnDef c) {
        BigDecimal d;
        if (v instanceof BigDecimal bd) {
            d = bd;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw outOfRange("numeric");
            }
            d = new BigDecimal(Double.toString(x));
        } else if (v instanceof String s) {
            try {
                d = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw badCast(v, c);
            }
        } else {
            throw badCast(v, c);
        }
        int scale = Math.max(c.scale(), 0);
        BigDecimal r = d.setScale(scale, ROUNDING);
        int precision = c.effectivePrecision();
        if (r.precision() - r.scale() > precision - scale && r.signum() != 0) {
            throw new SqlStateException("22003", "numeric field overflow: a field with precision " + precision
                    + ", scale " + scale + " cannot hold " + d.toPlainString() + " (column " + c.name() + ")");
        }
        return r;
    }

    private static String toStringValue(Object v, ColumnDef c) {
        String s;
        if (v instanceof String str) {
            s = str;
        } else if (v instanceof BigDecimal bd) {
            s = bd.toPlainString();
        } else if (v instanceof Number || v instanceof Boolean) {
            s = String.valueOf(v);
        } else if (v instanceof ByteString b) {
            s = new String(b.getBytes(), StandardCharsets.UTF_8);
        } else {
            throw badCast(v, c);
        }
        if (c.type() == io.cairndb.planner.catalog.ColumnType.CHAR) {
            // CHAR(n) is stored without its padding: comparisons and concatenation then ignore trailing blanks as
            // in PostgreSQL; the padding is added back when the value is returned (ValueConversions.padChar).
            s = rtrim(s);
        }
        int n = c.effectivePrecision();
        if (n > 0 && s.length() > n) {
            // PostgreSQL: excess characters that are all spaces are silently truncated.
            if (s.substring(n).chars().allMatch(ch -> ch == ' ')) {
                s = s.substring(0, n);
            } else {
                String typeName = c.type() == io.cairndb.planner.catalog.ColumnType.CHAR ? "character"
                        : "character varying";
                throw new SqlStateException("22001", "value too long for type " + typeName + "(" + n + ") (column "
                        + c.name() + ")");
            }
        }
        return s;
    }

    private static Integer toDate(Object v, ColumnDef c) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long l) {
            // a TIMESTAMP value: keep the date part
            return (int) Math.floorDiv(l, DateTimeUtils.MILLIS_PER_DAY);
        }
        if (v instanceof String s) {
            try {
                return (int) java.time.LocalDate.parse(s.trim()).toEpochDay();
            } catch (java.time.DateTimeException e) {
                throw badDate(v, "date");
            }
        }
        throw badCast(v, c);
    }

    private static Integer toTime(Object v, ColumnDef c) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof String s) {
            try {
                return (int) (java.time.LocalTime.parse(s.trim()).toNanoOfDay() / 1_000_000L);
            } catch (java.time.DateTimeException e) {
                throw badDate(v, "time");
            }
        }
        throw badCast(v, c);
    }

    private static Long toTimestamp(Object v, ColumnDef c) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer i) {
            // a DATE value: midnight of that day
            return i * DateTimeUtils.MILLIS_PER_DAY;
        }
        if (v instanceof String s) {
            return ValueConversions.parseTimestampMillis(s);
        }
        throw badCast(v, c);
    }

    private static ByteString toBinary(Object v, ColumnDef c) {
        ByteString b;
        if (v instanceof ByteString bs) {
            b = bs;
        } else if (v instanceof byte[] bytes) {
            b = new ByteString(bytes);
        } else if (v instanceof String s) {
            b = new ByteString(s.getBytes(StandardCharsets.UTF_8));
        } else {
            throw badCast(v, c);
        }
        int n = c.effectivePrecision();
        if (n > 0 && b.length() > n) {
            throw new SqlStateException("22001", "value too long for type varbinary(" + n + ") (column "
                    + c.name() + ")");
        }
        return b;
    }

    static String rtrim(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    static SqlStateException outOfRange(String typeName) {
        return new SqlStateException("22003", typeName + " out of range");
    }

    static SqlStateException badCast(Object v, ColumnDef c) {
        return new SqlStateException("22018", "invalid input for type " + c.type().name().toLowerCase() + ": \""
                + v + "\" (column " + c.name() + ")");
    }

    static SqlStateException badDate(Object v, String typeName) {
        return new SqlStateException("22007", "invalid input syntax for type " + typeName + ": \"" + v + "\"");
    }
}
