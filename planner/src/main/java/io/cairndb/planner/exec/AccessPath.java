package io.cairndb.planner.exec;

import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.IndexDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.row.KeyColumns;
import io.cairndb.planner.row.RowCodec;
import io.cairndb.planner.row.ValueCoercion;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.keys.KeyWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * How a scan reads a table: through the primary key or one secondary index, over which key spans. The choice
 * depends only on which columns the filter constrains (so EXPLAIN shows what execution does); the spans are
 * computed at run time when parameter values are known.
 */
public final class AccessPath {
    /** More points than this (cartesian product of IN lists) and the scan stops narrowing on further columns. */
    private static final int MAX_SPANS = 10_000;
    private static final Object NOT_EXACT = new Object();

    private final TableDef table;
    private final IndexDef index;
    private final KeyPredicates predicates;
    private final int[] keyColumns;
    private final boolean[] descending;

    private AccessPath(TableDef table, IndexDef index, KeyPredicates predicates) {
        this.table = table;
        this.index = index;
        this.predicates = predicates;
        if (index == null) {
            this.keyColumns = table.primaryKeyPositions();
            this.descending = new boolean[keyColumns.length];
        } else {
            this.keyColumns = table.positions(index.columns());
            this.descending = new boolean[keyColumns.length];
            for (int i = 0; i < descending.length; i++) {
                descending[i] = index.descending().get(i);
            }
        }
    }

    /** Share of a key's rows an equality on one more key column keeps, without statistics. */
    static final double EQUALITY_SELECTIVITY = 0.1;
    /** Share a range on the next key column keeps. */
    static final double RANGE_SELECTIVITY = 0.25;
    /** What a row found through a secondary index costs against one read by primary key (entry, then the row). */
    static final double INDEX_ROW_COST = 3;
    /** The share of a table one fully bound key reads: a single row. */
    private static final double ONE_ROW = 1e-6;

    /**
     * Chooses the cheapest of the primary key and the secondary indexes by {@link #cost()}: the path whose key the
     * filter narrows most, the primary key on a tie. So an index on {@code (w, d, last)} is used for
     * {@code w = ? AND d = ? AND last = ?} although the primary key {@code (w, d, id)} is narrowed by {@code w, d}.
     */
    public static AccessPath choose(TableDef table, KeyPredicates predicates) {
        AccessPath best = new AccessPath(table, null, predicates);
        double bestCost = best.cost();
        for (IndexDef ix : table.indexes()) {
            AccessPath candidate = new AccessPath(table, ix, predicates);
            if (candidate.usableColumns() == 0) {
                continue;
            }
            double cost = candidate.cost();
            if (cost < bestCost) {
                best = candidate;
                bestCost = cost;
            }
        }
        return best;
    }

    /**
     * The estimated share of the table this path reads, weighted by what a row costs to fetch through it. No
     * statistics are kept, so it rests on fixed selectivities: each equality (an IN list of n values: n of them) on
     * the key prefix keeps {@link #EQUALITY_SELECTIVITY} of the rows, a range on the next key column
     * {@link #RANGE_SELECTIVITY}; a primary key or unique index bound whole by equalities reads one row per point.
     */
    double cost() {
        double share = 1;
        int points = 1;
        int eq = 0;
        boolean range = false;
        for (int i = 0; i < keyColumns.length; i++) {
            KeyPredicates.ColumnPredicate p = predicates.get(keyColumns[i]);
            if (p != null && p.hasPoints()) {
                int n = Math.max(1, p.points.size());
                points = (int) Math.min(Integer.MAX_VALUE, (long) points * n);
                share *= Math.min(1, EQUALITY_SELECTIVITY * n);
                eq++;
                continue;
            }
            if (p != null && p.hasRange() && !descending[i]) {
                share *= RANGE_SELECTIVITY;
                range = true;
            }
            break;
        }
        boolean unique = index == null || index.unique();
        if (unique && !range && eq == keyColumns.length) {
            share = Math.min(share, ONE_ROW * points);
        }
        return index == null ? share : share * INDEX_ROW_COST;
    }

    /** Equality columns on the key prefix, plus one for a range on the next column. */
    private int usableColumns() {
        int n = 0;
        for (int i = 0; i < keyColumns.length; i++) {
            KeyPredicates.ColumnPredicate p = predicates.get(keyColumns[i]);
            if (p != null && p.hasPoints()) {
                n++;
                continue;
            }
            if (p != null && p.hasRange() && !descending[i]) {
                n++;
            }
            break;
        }
        return n;
    }

    /**
     * The order the scan delivers rows in, beyond its equality-bound prefix: the key columns after that prefix,
     * each as {column position, 1 when descending else 0}. Empty when the prefix holds an IN list (several spans,
     * each in order but not all together). Rows come in key order within a span and spans in key order.
     */
    public List<int[]> deliveredOrder() {
        List<int[]> order = new ArrayList<>();
        int i = 0;
        for (; i < keyColumns.length; i++) {
            KeyPredicates.ColumnPredicate p = predicates.get(keyColumns[i]);
            if (p == null || !p.hasPoints()) {
                break;
            }
            if (p.points.size() != 1) {
                return List.of();
            }
        }
        for (; i < keyColumns.length; i++) {
            order.add(new int[] {keyColumns[i], descending[i] ? 1 : 0});
        }
        return order;
    }

    public IndexDef index() {
        return index;
    }

    public boolean isFullScan() {
        return usableColumns() == 0;
    }

    /** One line for EXPLAIN. */
    public String describe() {
        StringJoiner conds = new StringJoiner(" AND ");
        for (int i = 0; i < keyColumns.length; i++) {
            KeyPredicates.ColumnPredicate p = predicates.get(keyColumns[i]);
            String name = table.columns().get(keyColumns[i]).name();
            if (p != null && p.hasPoints()) {
                conds.add(p.describe(name));
                continue;
            }
            if (p != null && p.hasRange() && !descending[i]) {
                conds.add(p.describe(name));
            }
            break;
        }
        String via = index == null ? "PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")"
                : "INDEX " + index.name() + " (" + String.join(", ", index.columns()) + ")";
        if (isFullScan()) {
            return "Access " + table.qualifiedName() + ": full scan via " + via;
        }
        boolean point = index == null && usablePointColumns() == keyColumns.length;
        return "Access " + table.qualifiedName() + ": " + (point ? "point lookup" : "key span") + " via " + via
                + " where " + conds;
    }

    private int usablePointColumns() {
        int n = 0;
        for (int c : keyColumns) {
            KeyPredicates.ColumnPredicate p = predicates.get(c);
            if (p == null || !p.hasPoints()) {
                break;
            }
            n++;
        }
        return n;
    }

    /** The spans to read, given a resolver for '?' parameter values (by index, internal representation). */
    public List<KeySpan> spans(RowCodec codec, Function<Integer, Object> params) {
        byte[] base = index == null ? codec.primaryPrefix() : codec.indexPrefix(index);
        List<byte[]> prefixes = List.of(base);
        int eq = 0;
        for (int i = 0; i < keyColumns.length; i++) {
            ColumnDef col = table.columns().get(keyColumns[i]);
            KeyPredicates.ColumnPredicate p = predicates.get(keyColumns[i]);
            if (p == null) {
                break;
            }
            if (p.hasPoints()) {
                LinkedHashSet<Object> values = new LinkedHashSet<>();
                boolean ok = true;
                for (KeyPredicates.Operand op : p.points) {
                    Object v = exactKeyValue(resolve(op, params), col);
                    if (v == NOT_EXACT) {
                        ok = false;
                        break;
                    }
                    values.add(v instanceof ByteString ? v : v);
                }
                if (!ok || (long) prefixes.size() * values.size() > MAX_SPANS) {
                    break;
                }
                List<byte[]> next = new ArrayList<>();
                for (byte[] prefix : prefixes) {
                    for (Object v : values) {
                        KeyWriter w = new KeyWriter(prefix);
                        KeyColumns.write(w, col, v, descending[i]);
                        next.add(w.toBytes());
                    }
                }
                prefixes = next;
                eq++;
                continue;
            }
            if (p.hasRange() && !descending[i]) {
                return rangeSpans(prefixes, col, p, params);
            }
            break;
        }
        boolean point = index == null && eq == keyColumns.length;
        List<KeySpan> spans = new ArrayList<>();
        for (byte[] prefix : prefixes) {
            spans.add(new KeySpan(prefix, KeySpace.prefixEnd(prefix), point));
        }
        spans.sort((a, b) -> Arrays.compareUnsigned(a.start(), b.start()));
        return spans;
    }

    private List<KeySpan> rangeSpans(List<byte[]> prefixes, ColumnDef col, KeyPredicates.ColumnPredicate p,
                                     Function<Integer, Object> params) {
        Object lo = p.lower == null ? NOT_EXACT : exactKeyValue(resolve(p.lower, params), col);
        Object hi = p.upper == null ? NOT_EXACT : exactKeyValue(resolve(p.upper, params), col);
        List<KeySpan> spans = new ArrayList<>();
        for (byte[] prefix : prefixes) {
            byte[] start;
            if (lo == NOT_EXACT) {
                // skip NULLs, which no range comparison matches
                start = KeySpace.prefixEnd(new KeyWriter(prefix).writeNull().toBytes());
            } else {
                KeyWriter w = new KeyWriter(prefix);
                KeyColumns.write(w, col, lo, false);
                start = p.lowerInclusive ? w.toBytes() : KeySpace.prefixEnd(w.toBytes());
            }
            byte[] end;
            if (hi == NOT_EXACT) {
                end = KeySpace.prefixEnd(prefix);
            } else {
                KeyWriter w = new KeyWriter(prefix);
                KeyColumns.write(w, col, hi, false);
                end = p.upperInclusive ? KeySpace.prefixEnd(w.toBytes()) : w.toBytes();
            }
            if (Arrays.compareUnsigned(start, end) < 0) {
                spans.add(new KeySpan(start, end, false));
            }
        }
        return spans;
    }

    private static Object resolve(KeyPredicates.Operand op, Function<Integer, Object> params) {
        if (op.isParam()) {
            return params.apply(op.paramIndex());
        }
        Object v = op.literal();
        if (v instanceof NlsString s) {
            return s.getValue();
        }
        if (v instanceof DateString d) {
            return d.getDaysSinceEpoch();
        }
        if (v instanceof TimeString t) {
            return t.getMillisOfDay();
        }
        if (v instanceof TimestampString ts) {
            return ts.getMillisSinceEpoch();
        }
        return v;
    }

    /**
     * The value as stored in column {@code col}, or NOT_EXACT when no stored value can equal it exactly (then the
     * predicate is not used to narrow the scan; the filter above still applies it).
     */
    /** False for the marker {@link #exactKeyValue} returns when no stored value can equal the given one. */
    static boolean isExact(Object v) {
        return v != NOT_EXACT;
    }

    static Object exactKeyValue(Object v, ColumnDef col) {
        if (v == null) {
            return NOT_EXACT;
        }
        switch (col.type()) {
            case DATE, TIME -> {
                return v instanceof Integer ? v : NOT_EXACT;
            }
            case TIMESTAMP -> {
                return v instanceof Long ? v : NOT_EXACT;
            }
            case BOOLEAN -> {
                return v instanceof Boolean ? v : NOT_EXACT;
            }
            case VARBINARY -> {
                return v instanceof ByteString ? v : NOT_EXACT;
            }
            case CHAR, VARCHAR -> {
                if (!(v instanceof String s)) {
                    return NOT_EXACT;
                }
                Object c = tryCoerce(s, col);
                if (c == NOT_EXACT) {
                    return NOT_EXACT;
                }
                return col.type() == io.cairndb.planner.catalog.ColumnType.VARCHAR && !c.equals(s) ? NOT_EXACT : c;
            }
            default -> {
                if (!(v instanceof Number n)) {
                    return NOT_EXACT;
                }
                Object c = tryCoerce(v, col);
                if (c == NOT_EXACT) {
                    return NOT_EXACT;
                }
                if (col.type() == io.cairndb.planner.catalog.ColumnType.REAL
                        || col.type() == io.cairndb.planner.catalog.ColumnType.DOUBLE) {
                    return ((Number) c).doubleValue() == n.doubleValue() ? c : NOT_EXACT;
                }
                return new BigDecimal(c.toString()).compareTo(new BigDecimal(n.toString())) == 0 ? c : NOT_EXACT;
            }
        }
    }

    private static Object tryCoerce(Object v, ColumnDef col) {
        try {
            Object c = ValueCoercion.coerce(v, col);
            return c == null ? NOT_EXACT : c;
        } catch (RuntimeException e) {
            return NOT_EXACT;
        }
    }
}
