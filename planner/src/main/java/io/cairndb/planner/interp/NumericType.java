package io.cairndb.planner.interp;

import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The Java arithmetic a numeric SQL type computes in, as Calcite's generated code does: INTEGER (and smaller)
 * in {@code int}, BIGINT in {@code long}, REAL in {@code float}, DOUBLE/FLOAT in {@code double}, DECIMAL in
 * {@link BigDecimal}; mixed operands are promoted as Java promotes them (int &lt; long &lt; float &lt; double).
 */
enum NumericType {
    INT, LONG, FLOAT, DOUBLE, DECIMAL;

    /** The arithmetic of {@code type}, or null when it is not a number type. */
    static NumericType of(RelDataType type) {
        return of(type.getSqlTypeName());
    }

    static NumericType of(SqlTypeName t) {
        return switch (t) {
            case TINYINT, SMALLINT, INTEGER -> INT;
            case BIGINT -> LONG;
            case REAL -> FLOAT;
            case DOUBLE, FLOAT -> DOUBLE;
            case DECIMAL -> DECIMAL;
            default -> null;
        };
    }

    /** Java's binary numeric promotion; DECIMAL only with integers or DECIMAL (null: not supported). */
    static NumericType promote(NumericType a, NumericType b) {
        if (a == DECIMAL || b == DECIMAL) {
            boolean exactOther = (a == DECIMAL ? b : a) != FLOAT && (a == DECIMAL ? b : a) != DOUBLE;
            return exactOther ? DECIMAL : null;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** Converts a number of any Java class to this arithmetic's boxed class, as a Java cast would. */
    Object convert(Object v) {
        Number n = (Number) v;
        return switch (this) {
            case INT -> n.intValue();
            case LONG -> n.longValue();
            case FLOAT -> n.floatValue();
            case DOUBLE -> n.doubleValue();
            case DECIMAL -> toBigDecimal(n);
        };
    }

    static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.toString());
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
