package io.cairndb.planner.interp;

import io.cairndb.planner.exec.FloatDivision;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Turns a row expression into a {@link Scalar} closure tree, reproducing what Calcite's generated code computes:
 * SQL's three-valued logic, Java's arithmetic in the promoted type (wrapping on overflow, {@link
 * ArithmeticException} on integer division by zero), the checked float division of {@link FloatDivision}, and
 * results in the Java class of the expression's type. Anything it does not cover throws {@link Unsupported}.
 */
final class ScalarCompiler {
    private final RexBuilder rexBuilder;

    ScalarCompiler(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    Scalar compile(RexNode node) {
        checkType(node.getType());
        if (node instanceof RexInputRef ref) {
            int i = ref.getIndex();
            return (row, dc) -> row[i];
        }
        if (node instanceof RexLiteral lit) {
            Object v = SqlValues.literal(lit, lit.getType());
            return (row, dc) -> v;
        }
        if (node instanceof RexDynamicParam p) {
            String key = "?" + p.getIndex();
            return (row, dc) -> dc.get(key);
        }
        if (node instanceof RexCall call) {
            return call(call);
        }
        throw new Unsupported(node.getClass().getSimpleName());
    }

    /**
     * An output value of a projection: also a date, time or timestamp column or parameter, which is passed on as
     * it is (its internal representation: days, milliseconds of the day, milliseconds since the epoch) — the
     * interpreter computes nothing on those types, so they may only be copied, never operated on.
     */
    Scalar compileValue(RexNode node) {
        boolean temporal = switch (node.getType().getSqlTypeName()) {
            case DATE, TIME, TIMESTAMP -> true;
            default -> false;
        };
        if (temporal && node instanceof RexInputRef ref) {
            int i = ref.getIndex();
            return (row, dc) -> row[i];
        }
        if (temporal && node instanceof RexDynamicParam p) {
            String key = "?" + p.getIndex();
            return (row, dc) -> dc.get(key);
        }
        return compile(node);
    }

    /** A condition: true only for TRUE (NULL and FALSE reject), as filters and join conditions treat it. */
    static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v);
    }

    private static void checkType(RelDataType type) {
        switch (type.getSqlTypeName()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, FLOAT, DECIMAL, CHAR, VARCHAR, NULL -> {
            }
            default -> throw new Unsupported("type " + type);
        }
    }

    private Scalar call(RexCall call) {
        List<RexNode> ops = call.getOperands();
        SqlKind kind = call.getKind();
        switch (kind) {
            case AND:
                return and(compileAll(ops));
            case OR:
                return or(compileAll(ops));
            case NOT: {
                Scalar a = compile(ops.get(0));
                return (row, dc) -> {
                    Object v = a.eval(row, dc);
                    return v == null ? null : !(Boolean) v;
                };
            }
            case IS_NULL: {
                Scalar a = compile(ops.get(0));
                return (row, dc) -> a.eval(row, dc) == null;
            }
            case IS_NOT_NULL: {
                Scalar a = compile(ops.get(0));
                return (row, dc) -> a.eval(row, dc) != null;
            }
            case IS_TRUE: {
                Scalar a = compile(ops.get(0));
                return (row, dc) -> Boolean.TRUE.equals(a.eval(row, dc));
            }
            case IS_NOT_TRUE: {
                Scalar a = compile(ops.get(0));
                return (row, dc) -> !Boolean.TRUE.equals(a.eval(row, dc));
            }
            case IS_FALSE: {
                Scalar a = compile(ops.get(0));
                return (row, dc) -> Boolean.FALSE.equals(a.eval(row, dc));
            }
            case IS_NOT_FALSE: {
                Scalar a = compile(ops.get(0));
                return (row, dc) -> !Boolean.FALSE.equals(a.eval(row, dc));
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                    IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM:
                return comparison(kind, ops.get(0), ops.get(1));
            case SEARCH:
                return compile(RexUtil.expandSearch(rexBuilder, null, call));
            case PLUS, MINUS, TIMES, DIVIDE, MOD:
                if (ops.size() != 2) {
                    throw new Unsupported(kind.toString());
                }
                return arithmetic(kind, call.getType(), ops.get(0), ops.get(1));
            case MINUS_PREFIX:
                return negate(call.getType(), ops.get(0));
            case PLUS_PREFIX:
                return converted(ops.get(0), call.getType());
            case CASE:
                return caseWhen(call);
            case COALESCE:
                return coalesce(call);
            case CAST:
                return cast(ops.get(0), call.getType());
            default:
                if (FloatDivision.isCheckedDivision(call.getOperator())) {
                    return checkedFloatDivision(call);
                }
                if (call.getOperator() == SqlStdOperatorTable.ABS) {
                    return abs(call);
                }
                if (call.getOperator() == SqlStdOperatorTable.CONCAT) {
                    return concat(call);
                }
                throw new Unsupported(call.getOperator().getName());
        }
    }

    private Scalar[] compileAll(List<RexNode> nodes) {
        Scalar[] out = new Scalar[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = compile(nodes.get(i));
        }
        return out;
    }

    /**
     * AND and OR evaluate every operand before combining them, as the generated code does: an operand that fails
     * (a division by zero) fails the row even when another operand already decides the result.
     */
    private static Scalar and(Scalar[] ops) {
        return (row, dc) -> {
            boolean unknown = false;
            boolean isFalse = false;
            for (Scalar s : ops) {
                Object v = s.eval(row, dc);
                if (v == null) {
                    unknown = true;
                } else if (!(Boolean) v) {
                    isFalse = true;
                }
            }
            return isFalse ? Boolean.FALSE : unknown ? null : Boolean.TRUE;
        };
    }

    private static Scalar or(Scalar[] ops) {
        return (row, dc) -> {
            boolean unknown = false;
            boolean isTrue = false;
            for (Scalar s : ops) {
                Object v = s.eval(row, dc);
                if (v == null) {
                    unknown = true;
                } else if ((Boolean) v) {
                    isTrue = true;
                }
            }
            return isTrue ? Boolean.TRUE : unknown ? null : Boolean.FALSE;
        };
    }

    /** How two values of the operands' types compare (-1/0/1), or Unsupported for types it does not pair. */
    private interface Order {
        int compare(Object a, Object b);
    }

    private static Order order(RelDataType ta, RelDataType tb) {
        NumericType na = NumericType.of(ta);
        NumericType nb = NumericType.of(tb);
        if (na != null && nb != null) {
            NumericType t = NumericType.promote(na, nb);
            if (t == null) {
                throw new Unsupported("comparison of " + ta + " with " + tb);
            }
            return switch (t) {
                case INT, LONG -> (a, b) -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
                // primitive comparison, as the generated code compares (-0.0 equals 0.0)
                case FLOAT, DOUBLE -> (a, b) -> {
                    double x = ((Number) a).doubleValue();
                    double y = ((Number) b).doubleValue();
                    return x < y ? -1 : x > y ? 1 : 0;
                };
                case DECIMAL -> (a, b) -> NumericType.toBigDecimal((Number) a)
                        .compareTo(NumericType.toBigDecimal((Number) b));
            };
        }
        SqlTypeName sa = ta.getSqlTypeName();
        SqlTypeName sb = tb.getSqlTypeName();
        if (isString(sa) && isString(sb)) {
            return (a, b) -> Integer.signum(((String) a).compareTo((String) b));
        }
        if (sa == SqlTypeName.BOOLEAN && sb == SqlTypeName.BOOLEAN) {
            return (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
        }
        throw new Unsupported("comparison of " + ta + " with " + tb);
    }

    private static boolean isString(SqlTypeName t) {
        return t == SqlTypeName.CHAR || t == SqlTypeName.VARCHAR;
    }

    private Scalar comparison(SqlKind kind, RexNode left, RexNode right) {
        Scalar a = compile(left);
        Scalar b = compile(right);
        if (left.getType().getSqlTypeName() == SqlTypeName.NULL
                || right.getType().getSqlTypeName() == SqlTypeName.NULL) {
            if (kind == SqlKind.IS_DISTINCT_FROM || kind == SqlKind.IS_NOT_DISTINCT_FROM) {
                throw new Unsupported("DISTINCT FROM of an untyped NULL");
            }
            return (row, dc) -> null;
        }
        Order o = order(left.getType(), right.getType());
        if (kind == SqlKind.IS_NOT_DISTINCT_FROM || kind == SqlKind.IS_DISTINCT_FROM) {
            boolean distinct = kind == SqlKind.IS_DISTINCT_FROM;
            return (row, dc) -> {
                Object x = a.eval(row, dc);
                Object y = b.eval(row, dc);
                boolean same = x == null || y == null ? x == y : o.compare(x, y) == 0;
                return same != distinct;
            };
        }
        return (row, dc) -> {
            Object x = a.eval(row, dc);
            if (x == null) {
                return null;
            }
            Object y = b.eval(row, dc);
            if (y == null) {
                return null;
            }
            int c = o.compare(x, y);
            return switch (kind) {
                case EQUALS -> c == 0;
                case NOT_EQUALS -> c != 0;
                case LESS_THAN -> c < 0;
                case LESS_THAN_OR_EQUAL -> c <= 0;
                case GREATER_THAN -> c > 0;
                default -> c >= 0;
            };
        };
    }

    /** The Java class a result of {@code type} must have: only types whose class the arithmetic produces. */
    private static NumericType resultType(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case INTEGER, BIGINT, REAL, DOUBLE, FLOAT, DECIMAL -> NumericType.of(type);
            default -> throw new Unsupported("numeric result of type " + type);
        };
    }

    private Scalar arithmetic(SqlKind kind, RelDataType type, RexNode left, RexNode right) {
        NumericType na = NumericType.of(left.getType());
        NumericType nb = NumericType.of(right.getType());
        if (na == null || nb == null) {
            throw new Unsupported("arithmetic on " + left.getType() + " and " + right.getType());
        }
        NumericType t = NumericType.promote(na, nb);
        NumericType result = resultType(type);
        if (t == null || !widens(t, result)) {
            throw new Unsupported("arithmetic " + t + " into " + result);
        }
        BinaryOperator<Object> f = binary(kind, t);
        Scalar a = compile(left);
        Scalar b = compile(right);
        return (row, dc) -> {
            Object x = a.eval(row, dc);
            if (x == null) {
                return null;
            }
            Object y = b.eval(row, dc);
            if (y == null) {
                return null;
            }
            Object v = f.apply(t.convert(x), t.convert(y));
            return result == t ? v : result.convert(v);
        };
    }

    /** Whether a value computed in {@code from} converts to {@code to} without narrowing. */
    private static boolean widens(NumericType from, NumericType to) {
        if (from == to) {
            return true;
        }
        if (from == NumericType.DECIMAL || to == NumericType.DECIMAL) {
            return false;
        }
        return from.ordinal() < to.ordinal();
    }

    /** Java's {@code +,-,*,/,%} on two values already of {@code t}'s class (also SUM's running addition). */
    static BinaryOperator<Object> binary(SqlKind kind, NumericType t) {
        switch (t) {
            case INT:
                return switch (kind) {
                    case PLUS -> (x, y) -> (Integer) x + (Integer) y;
                    case MINUS -> (x, y) -> (Integer) x - (Integer) y;
                    case TIMES -> (x, y) -> (Integer) x * (Integer) y;
                    case DIVIDE -> (x, y) -> (Integer) x / nonZero((Integer) y);
                    default -> (x, y) -> (Integer) x % nonZero((Integer) y);
                };
            case LONG:
                return switch (kind) {
                    case PLUS -> (x, y) -> (Long) x + (Long) y;
                    case MINUS -> (x, y) -> (Long) x - (Long) y;
                    case TIMES -> (x, y) -> (Long) x * (Long) y;
                    case DIVIDE -> (x, y) -> (Long) x / nonZero((Long) y);
                    default -> (x, y) -> (Long) x % nonZero((Long) y);
                };
            case FLOAT:
                return switch (kind) {
                    case PLUS -> (x, y) -> (Float) x + (Float) y;
                    case MINUS -> (x, y) -> (Float) x - (Float) y;
                    case TIMES -> (x, y) -> (Float) x * (Float) y;
                    case DIVIDE -> (x, y) -> (Float) x / (Float) y;
                    default -> throw new Unsupported("MOD of REAL");
                };
            case DOUBLE:
                return switch (kind) {
                    case PLUS -> (x, y) -> (Double) x + (Double) y;
                    case MINUS -> (x, y) -> (Double) x - (Double) y;
                    case TIMES -> (x, y) -> (Double) x * (Double) y;
                    case DIVIDE -> (x, y) -> (Double) x / (Double) y;
                    default -> throw new Unsupported("MOD of DOUBLE");
                };
            default:
                return switch (kind) {
                    case PLUS -> (x, y) -> ((BigDecimal) x).add((BigDecimal) y);
                    case MINUS -> (x, y) -> ((BigDecimal) x).subtract((BigDecimal) y);
                    case TIMES -> (x, y) -> ((BigDecimal) x).multiply((BigDecimal) y);
                    default -> throw new Unsupported(kind + " of DECIMAL");
                };
        }
    }

    /**
     * The divisor, or Java's "/ by zero" ArithmeticException thrown explicitly: the JVM's own for a hot division
     * comes preallocated, without a message (see SqlErrors).
     */
    private static int nonZero(int divisor) {
        if (divisor == 0) {
            throw new ArithmeticException("/ by zero");
        }
        return divisor;
    }

    private static long nonZero(long divisor) {
        if (divisor == 0) {
            throw new ArithmeticException("/ by zero");
        }
        return divisor;
    }

    private Scalar negate(RelDataType type, RexNode operand) {
        NumericType t = NumericType.of(operand.getType());
        NumericType result = resultType(type);
        if (t == null || !widens(t, result)) {
            throw new Unsupported("negation of " + operand.getType());
        }
        UnaryOperator<Object> f = switch (t) {
            case INT -> x -> -(Integer) x;
            case LONG -> x -> -(Long) x;
            case FLOAT -> x -> -(Float) x;
            case DOUBLE -> x -> -(Double) x;
            case DECIMAL -> x -> ((BigDecimal) x).negate();
        };
        Scalar a = compile(operand);
        return (row, dc) -> {
            Object x = a.eval(row, dc);
            if (x == null) {
                return null;
            }
            Object v = f.apply(t.convert(x));
            return result == t ? v : result.convert(v);
        };
    }

    private Scalar abs(RexCall call) {
        RexNode operand = call.getOperands().get(0);
        NumericType t = NumericType.of(operand.getType());
        if (t == null || t != resultType(call.getType())) {
            throw new Unsupported("ABS of " + operand.getType());
        }
        UnaryOperator<Object> f = switch (t) {
            case INT -> x -> Math.abs((Integer) x);
            case LONG -> x -> Math.abs((Long) x);
            case FLOAT -> x -> Math.abs((Float) x);
            case DOUBLE -> x -> Math.abs((Double) x);
            case DECIMAL -> x -> ((BigDecimal) x).abs();
        };
        Scalar a = compile(operand);
        return (row, dc) -> {
            Object x = a.eval(row, dc);
            return x == null ? null : f.apply(t.convert(x));
        };
    }

    /** {@code a || b} of two strings (CHAR values are held without their padding). */
    private Scalar concat(RexCall call) {
        for (RexNode o : call.getOperands()) {
            if (!isString(o.getType().getSqlTypeName())) {
                throw new Unsupported("|| of " + o.getType());
            }
        }
        Scalar a = compile(call.getOperands().get(0));
        Scalar b = compile(call.getOperands().get(1));
        return (row, dc) -> {
            Object x = a.eval(row, dc);
            Object y = b.eval(row, dc);
            return x == null || y == null ? null : (String) x + (String) y;
        };
    }

    private Scalar checkedFloatDivision(RexCall call) {
        Scalar a = compile(call.getOperands().get(0));
        Scalar b = compile(call.getOperands().get(1));
        boolean real = call.getType().getSqlTypeName() == SqlTypeName.REAL;
        return (row, dc) -> {
            Object x = a.eval(row, dc);
            Object y = b.eval(row, dc);
            if (x == null || y == null) {
                return null;
            }
            return real ? (Object) FloatDivision.divideReal(((Number) x).floatValue(), ((Number) y).floatValue())
                    : (Object) FloatDivision.divideDouble(((Number) x).doubleValue(), ((Number) y).doubleValue());
        };
    }

    private Scalar caseWhen(RexCall call) {
        List<RexNode> ops = call.getOperands();
        int pairs = (ops.size() - 1) / 2;
        Scalar[] whens = new Scalar[pairs];
        Scalar[] thens = new Scalar[pairs];
        for (int i = 0; i < pairs; i++) {
            whens[i] = compile(ops.get(2 * i));
            thens[i] = converted(ops.get(2 * i + 1), call.getType());
        }
        Scalar otherwise = converted(ops.get(ops.size() - 1), call.getType());
        return (row, dc) -> {
            for (int i = 0; i < whens.length; i++) {
                if (isTrue(whens[i].eval(row, dc))) {
                    return thens[i].eval(row, dc);
                }
            }
            return otherwise.eval(row, dc);
        };
    }

    private Scalar coalesce(RexCall call) {
        List<RexNode> ops = call.getOperands();
        Scalar[] each = new Scalar[ops.size()];
        for (int i = 0; i < each.length; i++) {
            each[i] = converted(ops.get(i), call.getType());
        }
        return (row, dc) -> {
            for (Scalar s : each) {
                Object v = s.eval(row, dc);
                if (v != null) {
                    return v;
                }
            }
            return null;
        };
    }

    /** {@code node}'s value as the Java class of {@code to} (an implicit widening, as in CASE branches). */
    private Scalar converted(RexNode node, RelDataType to) {
        Scalar s = compile(node);
        RelDataType from = node.getType();
        if (from.getSqlTypeName() == to.getSqlTypeName() && sameScale(from, to)) {
            return s;
        }
        if (from.getSqlTypeName() == SqlTypeName.NULL) {
            return s;
        }
        NumericType nf = NumericType.of(from);
        NumericType nt = NumericType.of(to);
        if (nf != null && nt != null && nt != NumericType.DECIMAL && widens(nf, resultType(to))) {
            return (row, dc) -> {
                Object v = s.eval(row, dc);
                return v == null ? null : nt.convert(v);
            };
        }
        throw new Unsupported("conversion of " + from + " to " + to);
    }

    private static boolean sameScale(RelDataType a, RelDataType b) {
        return switch (a.getSqlTypeName()) {
            case DECIMAL -> a.getScale() == b.getScale();
            case CHAR -> a.getPrecision() == b.getPrecision();
            default -> true;
        };
    }

    private Scalar cast(RexNode operand, RelDataType to) {
        RelDataType from = operand.getType();
        if (from.getSqlTypeName() == SqlTypeName.NULL) {
            return (row, dc) -> null;
        }
        if (from.getSqlTypeName() == to.getSqlTypeName()) {
            boolean same = switch (to.getSqlTypeName()) {
                case DECIMAL -> from.getPrecision() <= to.getPrecision() && from.getScale() == to.getScale();
                case CHAR -> from.getPrecision() == to.getPrecision();
                case VARCHAR -> to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
                        || from.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
                        && from.getPrecision() <= to.getPrecision();
                default -> true;
            };
            if (same) {
                return compile(operand);
            }
            throw new Unsupported("cast of " + from + " to " + to);
        }
        NumericType nf = NumericType.of(from);
        NumericType nt = NumericType.of(to);
        if ((nf == NumericType.INT || nf == NumericType.LONG) && nt == NumericType.DECIMAL) {
            return integerToDecimal(compile(operand), to);
        }
        if (nf == NumericType.DECIMAL && (nt == NumericType.DOUBLE || nt == NumericType.FLOAT)) {
            Scalar s = compile(operand);
            boolean real = nt == NumericType.FLOAT;
            return (row, dc) -> {
                Object v = s.eval(row, dc);
                if (v == null) {
                    return null;
                }
                BigDecimal d = (BigDecimal) v;
                return real ? (Object) d.floatValue() : (Object) d.doubleValue();
            };
        }
        if (nf != null && nt != null && nf != NumericType.DECIMAL && nt != NumericType.DECIMAL) {
            NumericType result = resultType(to);
            Scalar s = compile(operand);
            if (widens(nf, result)) {
                return (row, dc) -> {
                    Object v = s.eval(row, dc);
                    return v == null ? null : result.convert(v);
                };
            }
            if (nf == NumericType.DOUBLE || nf == NumericType.FLOAT) {
                // to an integer: see integral; to REAL a plain Java cast
                return (row, dc) -> {
                    Object v = s.eval(row, dc);
                    if (v == null) {
                        return null;
                    }
                    double d = ((Number) v).doubleValue();
                    return switch (result) {
                        case INT -> (Object) (int) integral(d, Integer.MIN_VALUE, Integer.MAX_VALUE);
                        case LONG -> (Object) integral(d, Long.MIN_VALUE, Long.MAX_VALUE);
                        default -> (Object) (float) d; // to REAL unchecked: out of range is Infinity
                    };
                };
            }
            if (nf == NumericType.LONG && result == NumericType.INT) {
                return (row, dc) -> {
                    Object v = s.eval(row, dc);
                    if (v == null) {
                        return null;
                    }
                    long l = (Long) v;
                    if (l != (int) l) {
                        throw new ArithmeticException("Value " + l + " out of range");
                    }
                    return (int) l;
                };
            }
        }
        throw new Unsupported("cast of " + from + " to " + to);
    }

    /** An integer as DECIMAL(p, s): exact, with the type's scale; a value with more than p - s digits fails. */
    private static Scalar integerToDecimal(Scalar s, RelDataType to) {
        int scale = to.getScale();
        int integerDigits = to.getPrecision() - scale;
        return (row, dc) -> {
            Object v = s.eval(row, dc);
            if (v == null) {
                return null;
            }
            BigDecimal d = BigDecimal.valueOf(((Number) v).longValue()).setScale(scale);
            if (d.precision() - d.scale() > integerDigits) {
                throw new ArithmeticException("Value " + v + " out of range for " + to);
            }
            return d;
        };
    }

    /**
     * An approximate number cast to an integer type as the generated code casts it: through the decimal form of
     * the double (so 1.0000000000000001E18 gives 1000000000000000100, not the binary value), truncated toward zero;
     * outside [min, max] it fails with "out of range" (22003).
     */
    private static long integral(double d, long min, long max) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ArithmeticException("Value " + d + " out of range");
        }
        BigDecimal v = BigDecimal.valueOf(d).setScale(0, java.math.RoundingMode.DOWN);
        if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ArithmeticException("Value " + d + " out of range");
        }
        return v.longValue();
    }
}
