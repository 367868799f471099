package io.cairndb.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;

/**
 * Conversions between the protocol's value types (Boolean, Short, Integer, Long, Float, Double, BigDecimal,
 * String, LocalDate, LocalTime, LocalDateTime, byte[]) and what JDBC getters and setters use. A number that does
 * not fit is 22003; text that is not a number/date is 22018. Null is handled by callers (wasNull).
 */
final class ValueConverter {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T').optionalEnd()
            .append(TIME).toFormatter();
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ValueConverter() {
    }

    static String toString(Object v) {
        if (v == null) {
            return null;
        } else if (v instanceof String s) {
            return s;
        } else if (v instanceof BigDecimal d) {
            return d.toPlainString();
        } else if (v instanceof LocalDateTime ts) {
            return ts.toLocalDate() + " " + TIME.format(ts.toLocalTime());
        } else if (v instanceof LocalTime t) {
            return TIME.format(t);
        } else if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return v.toString();
    }

    static boolean toBoolean(Object v) throws SQLException {
        if (v instanceof Boolean b) {
            return b;
        } else if (v instanceof BigDecimal d) {
            return d.signum() != 0;
        } else if (v instanceof Number n) {
            return n.doubleValue() != 0;
        } else if (v instanceof String s) {
            switch (s.trim().toLowerCase()) {
                case "true", "t", "yes", "y", "on", "1":
                    return true;
                case "false", "f", "no", "n", "off", "0":
                    return false;
                default:
                    throw badCast(v, "BOOLEAN");
            }
        }
        throw badCast(v, "BOOLEAN");
    }

    /** Any numeric value as a long within [min, max]; fractions are truncated toward zero. */
    static long toLong(Object v, long min, long max, String target) throws SQLException {
        long result;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            result = ((Number) v).longValue();
        } else if (v instanceof BigDecimal d) {
            result = decimalToLong(d, target);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || d < -9.223372036854776E18 || d >= 9.223372036854776E18) {
                throw outOfRange(v, target);
            }
            result = (long) d;
        } else if (v instanceof Boolean b) {
            result = b ? 1 : 0;
        } else if (v instanceof String s) {
            try {
                result = decimalToLong(new BigDecimal(s.trim()), target);
            } catch (NumberFormatException e) {
                throw badCast(v, target);
            }
        } else {
            throw badCast(v, target);
        }
        if (result < min || result > max) {
            throw outOfRange(v, target);
        }
        return result;
    }

    private static long decimalToLong(BigDecimal d, String target) throws SQLException {
        BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
            throw outOfRange(d, target);
        }
        return whole.longValueExact();
    }

    static double toDouble(Object v) throws SQLException {
        if (v instanceof Number n) {
            return n.doubleValue();
        } else if (v instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw badCast(v, "DOUBLE");
            }
        }
        throw badCast(v, "DOUBLE");
    }

    static float toFloat(Object v) throws SQLException {
        if (v instanceof Float f) {
            return f;
        }
        double d = toDouble(v);
        if (!Double.isInfinite(d) && !Double.isNaN(d) && Math.abs(d) > Float.MAX_VALUE) {
            throw outOfRange(v, "REAL");
        }
        return (float) d;
    }

    static BigDecimal toBigDecimal(Object v) throws SQLException {
        if (v instanceof BigDecimal d) {
            return d;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw outOfRange(v, "DECIMAL");
            }
            return new BigDecimal(v.toString());
        } else if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        } else if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        } else if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw badCast(v, "DECIMAL");
            }
        }
        throw badCast(v, "DECIMAL");
    }

    static byte[] toBytes(Object v) throws SQLException {
        if (v instanceof byte[] b) {
            return b;
        } else if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw badCast(v, "VARBINARY");
    }

    static LocalDate toLocalDate(Object v) throws SQLException {
        if (v instanceof LocalDate d) {
            return d;
        } else if (v instanceof LocalDateTime ts) {
            return ts.toLocalDate();
        } else if (v instanceof String s) {
            try {
                String t = s.trim();
                return t.length() > 10 ? LocalDateTime.parse(t, TIMESTAMP).toLocalDate() : LocalDate.parse(t);
            } catch (DateTimeParseException e) {
                throw badCast(v, "DATE");
            }
        }
        throw badCast(v, "DATE");
    }

    static LocalTime toLocalTime(Object v) throws SQLException {
        if (v instanceof LocalTime t) {
            return t;
        } else if (v instanceof LocalDateTime ts) {
            return ts.toLocalTime();
        } else if (v instanceof String s) {
            try {
                return LocalTime.parse(s.trim(), TIME);
            } catch (DateTimeParseException e) {
                throw badCast(v, "TIME");
            }
        }
        throw badCast(v, "TIME");
    }

    static LocalDateTime toLocalDateTime(Object v) throws SQLException {
        if (v instanceof LocalDateTime ts) {
            return ts;
        } else if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        } else if (v instanceof String s) {
            try {
                String t = s.trim();
                return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t, TIMESTAMP);
            } catch (DateTimeParseException e) {
                throw badCast(v, "TIMESTAMP");
            }
        }
        throw badCast(v, "TIMESTAMP");
    }

    /** getObject(): the JDBC default mapping (DATE/TIME/TIMESTAMP as java.sql types, SMALLINT as Integer). */
    static Object toJdbcObject(Object v) {
        if (v instanceof LocalDate d) {
            return Date.valueOf(d);
        } else if (v instanceof LocalTime t) {
            return Time.valueOf(t);
        } else if (v instanceof LocalDateTime ts) {
            return Timestamp.valueOf(ts);
        } else if (v instanceof Short s) {
            return s.intValue();
        }
        return v;
    }

    /** getObject(column, type). */
    static <T> T toClass(Object v, Class<T> type) throws SQLException {
        if (v == null) {
            return null;
        }
        Object r;
        if (type == Object.class) {
            r = toJdbcObject(v);
        } else if (type == String.class) {
            r = toString(v);
        } else if (type == Integer.class) {
            r = (int) toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
        } else if (type == Long.class) {
            r = toLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
        } else if (type == Short.class) {
            r = (short) toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
        } else if (type == Byte.class) {
            r = (byte) toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
        } else if (type == Boolean.class) {
            r = toBoolean(v);
        } else if (type == Double.class) {
            r = toDouble(v);
        } else if (type == Float.class) {
            r = toFloat(v);
        } else if (type == BigDecimal.class) {
            r = toBigDecimal(v);
        } else if (type == BigInteger.class) {
            r = toBigDecimal(v).toBigInteger();
        } else if (type == byte[].class) {
            r = toBytes(v);
        } else if (type == LocalDate.class) {
            r = toLocalDate(v);
        } else if (type == LocalTime.class) {
            r = toLocalTime(v);
        } else if (type == LocalDateTime.class) {
            r = toLocalDateTime(v);
        } else if (type == Date.class) {
            r = Date.valueOf(toLocalDate(v));
        } else if (type == Time.class) {
            r = Time.valueOf(toLocalTime(v));
        } else if (type == Timestamp.class || type == java.util.Date.class) {
            r = Timestamp.valueOf(toLocalDateTime(v));
        } else {
            throw JdbcErrors.error(JdbcErrors.BAD_CAST, "cannot convert " + v.getClass().getSimpleName()
                    + " to " + type.getName());
        }
        return type.cast(r);
    }

    /** setObject(index, x): a Java object as one of the protocol's value types. */
    static Object toParameter(Object x) throws SQLException {
        if (x == null || x instanceof Boolean || x instanceof Short || x instanceof Integer || x instanceof Long
                || x instanceof Float || x instanceof Double || x instanceof BigDecimal || x instanceof String
                || x instanceof LocalDate || x instanceof LocalTime || x instanceof LocalDateTime
                || x instanceof byte[]) {
            return x;
        } else if (x instanceof Byte b) {
            return (short) b;
        } else if (x instanceof BigInteger i) {
            return new BigDecimal(i);
        } else if (x instanceof Character c) {
            return c.toString();
        } else if (x instanceof Date d) {
            return d.toLocalDate();
        } else if (x instanceof Time t) {
            return t.toLocalTime();
        } else if (x instanceof Timestamp ts) {
            return ts.toLocalDateTime();
        } else if (x instanceof java.util.Date d) {
            return new Timestamp(d.getTime()).toLocalDateTime();
        } else if (x instanceof Instant i) {
            return Timestamp.from(i).toLocalDateTime();
        } else if (x instanceof OffsetDateTime o) {
            return Timestamp.from(o.toInstant()).toLocalDateTime();
        } else if (x instanceof ZonedDateTime z) {
            return Timestamp.from(z.toInstant()).toLocalDateTime();
        } else if (x instanceof CharSequence s) {
            return s.toString();
        }
        throw JdbcErrors.error(JdbcErrors.INVALID_PARAMETER, "unsupported parameter type "
                + x.getClass().getName());
    }

    /** setObject(index, x, targetSqlType): converts first, so the server receives the asked-for type. */
    static Object toSqlType(Object x, int sqlType) throws SQLException {
        Object v = toParameter(x);
        if (v == null) {
            return null;
        }
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> toBoolean(v);
            case Types.TINYINT, Types.SMALLINT -> (short) toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
            case Types.INTEGER -> (int) toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
            case Types.BIGINT -> toLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
            case Types.REAL -> toFloat(v);
            case Types.FLOAT, Types.DOUBLE -> toDouble(v);
            case Types.DECIMAL, Types.NUMERIC -> toBigDecimal(v);
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB -> toString(v);
            case Types.DATE -> toLocalDate(v);
            case Types.TIME -> toLocalTime(v);
            case Types.TIMESTAMP -> toLocalDateTime(v);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> toBytes(v);
            case Types.OTHER, Types.JAVA_OBJECT, Types.NULL -> v;
            default -> throw JdbcErrors.unsupported("SQL type " + sqlType);
        };
    }

    private static SQLException outOfRange(Object v, String target) {
        return JdbcErrors.error(JdbcErrors.OUT_OF_RANGE, "value " + toString(v) + " is out of range for "
                + target);
    }

    private static SQLException badCast(Object v, String target) {
        String shown = v instanceof byte[] ? "binary value" : "'" + toString(v) + "'";
        return JdbcErrors.error(JdbcErrors.BAD_CAST, "cannot convert " + shown + " ("
                + v.getClass().getSimpleName() + ") to " + target);
    }
}
