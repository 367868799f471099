package io.cairndb.planner.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;
import com.google.common.collect.BoundType;
import com.google.common.collect.Range;

/**
 * What a scan's pushed-down filter says about single columns: for each column (by position in the table's full
 * column list), either a set of equality points (=, IN, OR of =) or a range (&lt;, &lt;=, &gt;, &gt;=, BETWEEN).
 * Operands are literals (as Calcite literal values) or dynamic parameters, resolved to values at run time.
 * Anything else is ignored: the filter is always re-applied above the scan, so this only narrows what is read.
 */
public final class KeyPredicates {

    /** A comparison operand: a constant value (Calcite literal value) or a '?' parameter index. */
    public record Operand(Object literal, int paramIndex) {
        static Operand of(RexNode n) {
            if (n instanceof RexLiteral lit) {
                return lit.isNull() ? null : new Operand(lit.getValue(), -1);
            }
            if (n instanceof RexDynamicParam p) {
                return new Operand(null, p.getIndex());
            }
            return null;
        }

        static Operand ofSargValue(Object v) {
            return v == null ? null : new Operand(v, -1);
        }

        public boolean isParam() {
            return paramIndex >= 0;
        }

        @Override
        public String toString() {
            if (isParam()) {
                return "?" + paramIndex;
            }
            return literal instanceof org.apache.calcite.util.NlsString s ? "'" + s.getValue() + "'"
                    : String.valueOf(literal);
        }
    }

    /** Points, or a range; unset bounds are null. */
    public static final class ColumnPredicate {
        List<Operand> points;
        Operand lower;
        boolean lowerInclusive;
        Operand upper;
        boolean upperInclusive;

        public boolean hasPoints() {
            return points != null;
        }

        /** The equality points (one per IN value), or null. */
        public List<Operand> points() {
            return points;
        }

        public boolean hasRange() {
            return lower != null || upper != null;
        }

        String describe(String column) {
            if (points != null) {
                return points.size() == 1 ? column + " = " + points.get(0) : column + " IN " + points;
            }
            StringBuilder sb = new StringBuilder();
            if (lower != null) {
                sb.append(column).append(lowerInclusive ? " >= " : " > ").append(lower);
            }
            if (upper != null) {
                sb.append(sb.length() > 0 ? " AND " : "").append(column).append(upperInclusive ? " <= " : " < ")
                        .append(upper);
            }
            return sb.toString();
        }
    }

    private final Map<Integer, ColumnPredicate> byColumn = new HashMap<>();

    /**
     * @param filters       conjuncts (or one condition to split on AND) over the scan's input fields
     * @param fieldToColumn field index → position in the table's full column list
     */
    public static KeyPredicates analyze(List<RexNode> filters, int[] fieldToColumn) {
        KeyPredicates kp = new KeyPredicates();
        List<RexNode> conjuncts = new ArrayList<>();
        for (RexNode f : filters) {
            conjuncts.addAll(RexUtil.flattenAnd(List.of(f)));
        }
        for (RexNode c : conjuncts) {
            kp.add(c, fieldToColumn);
        }
        return kp;
    }

    public ColumnPredicate get(int column) {
        return byColumn.get(column);
    }

    private ColumnPredicate slot(int column) {
        return byColumn.computeIfAbsent(column, k -> new ColumnPredicate());
    }

    private void add(RexNode node, int[] fieldToColumn) {
        if (!(node instanceof RexCall call)) {
            return;
        }
        SqlKind kind = call.getKind();
        switch (kind) {
            case EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                RexNode a = call.getOperands().get(0);
                RexNode b = call.getOperands().get(1);
                a = uncast(a);
                b = uncast(b);
                if (a instanceof RexInputRef ref && Operand.of(b) != null) {
                    compare(fieldToColumn[ref.getIndex()], kind, Operand.of(b));
                } else if (b instanceof RexInputRef ref && Operand.of(a) != null) {
                    compare(fieldToColumn[ref.getIndex()], kind.reverse(), Operand.of(a));
                }
            }
            case SEARCH -> {
                RexNode a = uncast(call.getOperands().get(0));
                if (a instanceof RexInputRef ref && call.getOperands().get(1) instanceof RexLiteral lit) {
                    Sarg<?> sarg = lit.getValueAs(Sarg.class);
                    if (sarg != null) {
                        search(fieldToColumn[ref.getIndex()], sarg);
                    }
                }
            }
            case OR -> {
                // OR of equalities on one column: a point set
                Integer column = null;
                List<Operand> points = new ArrayList<>();
                for (RexNode d : RexUtil.flattenOr(call.getOperands())) {
                    if (!(d instanceof RexCall eq) || eq.getKind() != SqlKind.EQUALS) {
                        return;
                    }
                    RexNode a = eq.getOperands().get(0);
                    RexNode b = eq.getOperands().get(1);
                    RexInputRef ref = a instanceof RexInputRef r ? r : b instanceof RexInputRef r2 ? r2 : null;
                    Operand op = Operand.of(a instanceof RexInputRef ? b : a);
                    if (ref == null || op == null) {
                        return;
                    }
                    int col = fieldToColumn[ref.getIndex()];
                    if (column != null && column != col) {
                        return;
                    }
                    column = col;
                    points.add(op);
                }
                if (column != null && slot(column).points == null) {
                    slot(column).points = points;
                }
            }
            default -> {
            }
        }
    }

    /**
     * A column under a value-preserving cast (CHAR to VARCHAR, an integer to a wider exact type) compares like the
     * column itself; the literal is converted exactly to the column type later or not used.
     */
    public static RexNode uncast(RexNode n) {
        if (n.getKind() != SqlKind.CAST || !(n instanceof RexCall call)
                || !(call.getOperands().get(0) instanceof RexInputRef ref)) {
            return n;
        }
        org.apache.calcite.sql.type.SqlTypeName from = ref.getType().getSqlTypeName();
        org.apache.calcite.sql.type.SqlTypeName to = call.getType().getSqlTypeName();
        boolean chars = (from == org.apache.calcite.sql.type.SqlTypeName.CHAR
                || from == org.apache.calcite.sql.type.SqlTypeName.VARCHAR)
                && to == org.apache.calcite.sql.type.SqlTypeName.VARCHAR
                && (call.getType().getPrecision() < 0 || call.getType().getPrecision() >= ref.getType().getPrecision());
        boolean ints = org.apache.calcite.sql.type.SqlTypeName.INT_TYPES.contains(from)
                && (to == org.apache.calcite.sql.type.SqlTypeName.BIGINT
                    || to == org.apache.calcite.sql.type.SqlTypeName.INTEGER && from != org.apache.calcite.sql.type.SqlTypeName.BIGINT
                    || to == org.apache.calcite.sql.type.SqlTypeName.DECIMAL);
        return chars || ints ? ref : n;
    }

    private void compare(int column, SqlKind kind, Operand op) {
        ColumnPredicate p = slot(column);
        switch (kind) {
            case EQUALS -> {
                if (p.points == null) {
                    p.points = List.of(op);
                }
            }
            case LESS_THAN, LESS_THAN_OR_EQUAL -> {
                if (p.upper == null) {
                    p.upper = op;
                    p.upperInclusive = kind == SqlKind.LESS_THAN_OR_EQUAL;
                }
            }
            case GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                if (p.lower == null) {
                    p.lower = op;
                    p.lowerInclusive = kind == SqlKind.GREATER_THAN_OR_EQUAL;
                }
            }
            default -> {
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void search(int column, Sarg sarg) {
        if (sarg.nullAs == org.apache.calcite.rex.RexUnknownAs.TRUE) {
            // "x IN (...) OR x IS NULL": a span of the points would drop the NULL rows (kept in secondary indexes)
            return;
        }
        ColumnPredicate p = slot(column);
        if (sarg.isPoints()) {
            if (p.points == null) {
                List<Operand> points = new ArrayList<>();
                for (Object r : sarg.rangeSet.asRanges()) {
                    points.add(Operand.ofSargValue(((Range) r).lowerEndpoint()));
                }
                p.points = points;
            }
            return;
        }
        if (sarg.rangeSet.asRanges().size() != 1) {
            return;
        }
        Range r = (Range) sarg.rangeSet.asRanges().iterator().next();
        if (r.hasLowerBound() && p.lower == null) {
            p.lower = Operand.ofSargValue(r.lowerEndpoint());
            p.lowerInclusive = r.lowerBoundType() == BoundType.CLOSED;
        }
        if (r.hasUpperBound() && p.upper == null) {
            p.upper = Operand.ofSargValue(r.upperEndpoint());
            p.upperInclusive = r.upperBoundType() == BoundType.CLOSED;
        }
    }
}
