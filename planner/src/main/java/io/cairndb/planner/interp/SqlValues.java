package io.cairndb.planner.interp;

import java.math.BigDecimal;
import java.util.Comparator;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;

/** Literal values in Calcite's internal representation, and the comparisons the interpreter's operators share. */
final class SqlValues {
    private SqlValues() {
    }

    /** The internal value of a literal (as generated code would hold it), typed by {@code type}. */
    static Object literal(RexLiteral lit, RelDataType type) {
        if (lit.isNull()) {
            return null;
        }
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> lit.getValueAs(Boolean.class);
            case TINYINT -> lit.getValueAs(Byte.class);
            case SMALLINT -> lit.getValueAs(Short.class);
            case INTEGER -> lit.getValueAs(Integer.class);
            case BIGINT -> lit.getValueAs(Long.class);
            case REAL -> lit.getValueAs(Float.class);
            case DOUBLE, FLOAT -> lit.getValueAs(Double.class);
            case DECIMAL -> lit.getValueAs(BigDecimal.class);
            case CHAR, VARCHAR -> lit.getValueAs(String.class);
            default -> throw new Unsupported("literal of type " + type);
        };
    }

    /**
     * Orders two non-null values of one SQL type family as the generated code's comparators do (boxed
     * {@code compareTo}); numbers of different Java classes compare by value.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a.getClass() == b.getClass()) {
            return ((Comparable) a).compareTo(b);
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof BigDecimal || y instanceof BigDecimal) {
                return NumericType.toBigDecimal(x).compareTo(NumericType.toBigDecimal(y));
            }
            if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return Long.compare(x.longValue(), y.longValue());
        }
        throw new ClassCastException("cannot compare " + a.getClass().getSimpleName() + " with "
                + b.getClass().getSimpleName());
    }

    /** Compares rows on one collation field, NULLs placed as the collation says. */
    static Comparator<Object[]> comparator(RelFieldCollation fc) {
        int field = fc.getFieldIndex();
        boolean desc = fc.direction.isDescending();
        RelFieldCollation.NullDirection nd = fc.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                ? fc.direction.defaultNullDirection() : fc.nullDirection;
        boolean nullsFirst = nd == RelFieldCollation.NullDirection.FIRST;
        return (r1, r2) -> {
            Object a = r1[field];
            Object b = r2[field];
            if (a == null || b == null) {
                if (a == b) {
                    return 0;
                }
                return (a == null) == nullsFirst ? -1 : 1;
            }
            int c = compare(a, b);
            return desc ? -c : c;
        };
    }
}
