package io.cairndb.planner.row;

import io.cairndb.planner.SqlStateException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Converts between the values the SQL API exchanges (Boolean, Short, Integer, Long, Float, Double, BigDecimal,
 * String, LocalDate, LocalTime, LocalDateTime, byte[]) and Calcite's internal representations (DATE int days,
 * TIME int millis, TIMESTAMP long millis, VARBINARY ByteString).
 */
public final class ValueConversions {
    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter();

    private ValueConversions() {
    }

    /** Internal → API value for a column of SQL type {@code type}. */
    public static Object toApi(Object v, SqlTypeName type) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case DATE:
                return LocalDate.ofEpochDay(((Number) v).longValue());
            case TIME:
                return LocalTime.ofNanoOfDay(Math.floorMod(((Number) v).longValue(), 86_400_000L) * 1_000_000L);
            case TIMESTAMP:
                return millisToLocalDateTime(((Number) v).longValue());
            case BINARY:
            case VARBINARY:
                return v instanceof ByteString b ? b.getBytes() : v;
            case SMALLINT:
                return v instanceof Number n ? n.shortValue() : v;
            case TINYINT:
                return v instanceof Number n ? n.shortValue() : v;
            case INTEGER:
                return v instanceof Number n ? n.intValue() : v;
            case BIGINT:
                return v instanceof Number n ? n.longValue() : v;
            case REAL:
            case FLOAT:
                return v instanceof Number n ? n.floatValue() : v;
            case DOUBLE:
                return v instanceof Number n ? n.doubleValue() : v;
            case DECIMAL:
                if (v instanceof BigDecimal) {
                    return v;
                }
                return v instanceof Number n ? new BigDecimal(n.toString()) : v;
            case CHAR:
            case VARCHAR:
                return v instanceof String ? v : String.valueOf(v);
            default:
                return v;
        }
    }

    /** API value → internal value of SQL type {@code type}; 22018/22007 when it cannot be converted. */
    public static Object toInternal(Object v, SqlTypeName type) {
        if (v == null) {
            return null;
        }
        try {
            switch (type) {
                case BOOLEAN:
                    if (v instanceof Boolean) {
                        return v;
                    }
                    if (v instanceof String s) {
                        return Boolean.parseBoolean(s.trim());
                    }
                    if (v instanceof Number n) {
                        return n.intValue() != 0;
                    }
                    break;
                case TINYINT:
                case SMALLINT:
                    return (short) exactLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
                case INTEGER:
                    return (int) exactLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
                case BIGINT:
                    return exactLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
                case REAL:
                case FLOAT:
                    if (v instanceof Number n) {
                        return n.floatValue();
                    }
                    if (v instanceof String s) {
                        return Float.parseFloat(s.trim());
                    }
                    break;
                case DOUBLE:
                    if (v instanceof Number n) {
                        return n.doubleValue();
                    }
                    if (v instanceof String s) {
                        return Double.parseDouble(s.trim());
                    }
                    break;
                case DECIMAL:
                    if (v instanceof BigDecimal) {
                        return v;
                    }
                    if (v instanceof Double || v instanceof Float) {
                        return new BigDecimal(v.toString());
                    }
                    if (v instanceof Number n) {
                        return BigDecimal.valueOf(n.longValue());
                    }
                    if (v instanceof String s) {
                        return new BigDecimal(s.trim());
                    }
                    break;
                case CHAR:
                case VARCHAR:
                    if (v instanceof byte[]) {
                        break;
                    }
                    return v instanceof BigDecimal bd ? bd.toPlainString() : v.toString();
                case DATE:
                    if (v instanceof LocalDate d) {
                        return (int) d.toEpochDay();
                    }
                    if (v instanceof LocalDateTime dt) {
                        return (int) dt.toLocalDate().toEpochDay();
                    }
                    if (v instanceof java.sql.Date d) {
                        return (int) d.toLocalDate().toEpochDay();
                    }
                    if (v instanceof String s) {
                        return (int) LocalDate.parse(s.trim()).toEpochDay();
                    }
                    break;
                case TIME:
                    if (v instanceof LocalTime t) {
                        return (int) (t.toNanoOfDay() / 1_000_000L);
                    }
                    if (v instanceof String s) {
                        return (int) (LocalTime.parse(s.trim()).toNanoOfDay() / 1_000_000L);
                    }
                    break;
                case TIMESTAMP:
                    if (v instanceof LocalDateTime dt) {
                        return dt.toInstant(ZoneOffset.UTC).toEpochMilli();
                    }
                    if (v instanceof LocalDate d) {
                        return d.toEpochDay() * 86_400_000L;
                    }
                    if (v instanceof String s) {
                        return parseTimestampMillis(s);
                    }
                    break;
                case BINARY:
                case VARBINARY:
                    if (v instanceof byte[] b) {
                        return new ByteString(b);
                    }
                    if (v instanceof ByteString) {
                        return v;
                    }
                    if (v instanceof String s) {
                        return new ByteString(s.getBytes(StandardCharsets.UTF_8));
                    }
                    break;
                default:
                    return v;
            }
        } catch (NumberFormatException e) {
            throw new SqlStateException("22018", "invalid input for type " + type.getName().toLowerCase()
                    + ": \"" + v + "\"");
        } catch (java.time.DateTimeException e) {
            throw new SqlStateException("22007", "invalid input syntax for type " + type.getName().toLowerCase()
                    + ": \"" + v + "\"");
        }
        throw new SqlStateException("22018", "cannot convert a value of " + v.getClass().getSimpleName()
                + " to " + type.getName());
    }

    private static long exactLong(Object v, long min, long max, String typeName) {
        long l;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            l = ((Number) v).longValue();
        } else if (v instanceof BigDecimal || v instanceof Double || v instanceof Float || v instanceof String) {
            BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString().trim());
            BigDecimal r = d.setScale(0, ValueCoercion.ROUNDING);
            if (r.unscaledValue().bitLength() > 63) {
                throw ValueCoercion.outOfRange(typeName);
            }
            l = r.longValue();
        } else if (v instanceof Boolean b) {
            l = b ? 1 : 0;
        } else {
            throw new SqlStateException("22018", "cannot convert a value of " + v.getClass().getSimpleName()
                    + " to " + typeName);
        }
        if (l < min || l > max) {
            throw ValueCoercion.outOfRange(typeName);
        }
        return l;
    }

    /** A CHAR(n) value as returned to clients: blank-padded to n (stored values carry no padding). */
    public static Object padChar(Object v, int n) {
        if (v instanceof String s && n > 0 && s.length() < n) {
            return s + " ".repeat(n - s.length());
        }
        return v;
    }

    public static LocalDateTime millisToLocalDateTime(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    public static long parseTimestampMillis(String s) {
        try {
            LocalDateTime dt = LocalDateTime.parse(s.trim(), TIMESTAMP_FORMAT);
            return dt.toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (java.time.DateTimeException e) {
            throw ValueCoercion.badDate(s, "timestamp");
        }
    }
}
