package io.cairndb.planner.interp;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.schema.SchemaPlus;

/**
 * A join that looks the right side up by key for each left row, instead of reading the whole right side: the right
 * input's table scan carries an equality on each join key column against a '?' parameter that this node binds to
 * the left row's value ({@link #paramBase} on), so the scan reads one primary key per left row (TPC-C's
 * StockLevel joins ~200 order lines to the stock table by its primary key: 200 point reads, not 100,000 rows).
 *
 * <p>Without statistics the choice is made at run time: the left input is read first, and only when it ends
 * within {@link #MAX_LOOKUPS} rows are the lookups made; a longer left input is joined as {@link JoinNode} joins,
 * the right side read once. Rows come out as {@link JoinNode}'s do: in left order, each left row's matches in right
 * order. Every looked-up row is checked against the join keys as {@link JoinNode} compares them, so a key value the
 * scan could not use to narrow its read costs only time.
 */
final class LookupJoinNode implements RowNode {
    /** Left rows up to which lookups are made; past it the right side is read whole, once. */
    static final int MAX_LOOKUPS = 1_000;

    private final RowNode left;
    /** The right input whose scan reads only the keys bound by the parameters. */
    private final RowNode lookup;
    private final JoinNode hashJoin;
    private final JoinRelType type;
    private final int[] leftKeys;
    private final int[] rightKeys;
    /** For each join key: whether its right column is bound as a scan parameter. */
    private final boolean[] bound;
    private final int paramBase;
    private final JoinNode.Keys keys;
    private final Scalar remaining;
    private final int rightWidth;

    LookupJoinNode(RowNode left, RowNode lookup, RowNode right, JoinRelType type, int[] leftKeys, int[] rightKeys,
                   boolean[] bound, int paramBase, JoinNode.Keys keys, Scalar remaining, int leftWidth,
                   int rightWidth) {
        this.left = left;
        this.lookup = lookup;
        this.type = type;
        this.leftKeys = leftKeys;
        this.rightKeys = rightKeys;
        this.bound = bound;
        this.paramBase = paramBase;
        this.keys = keys;
        this.remaining = remaining;
        this.rightWidth = rightWidth;
        this.hashJoin = new JoinNode(null, right, type, leftKeys, rightKeys, keys, remaining, leftWidth, rightWidth);
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        Enumerator<Object[]> lefts = left.open(dc);
        List<Object[]> buffered = new ArrayList<>();
        boolean more;
        try {
            while ((more = lefts.moveNext()) && buffered.size() < MAX_LOOKUPS) {
                buffered.add(lefts.current());
            }
        } catch (RuntimeException e) {
            lefts.close();
            throw e;
        }
        if (more) {
            // a long left input: read the right side once, joining the rows read so far and then the rest
            buffered.add(lefts.current());
            return hashJoin.join(new Replay(buffered, lefts), dc);
        }
        lefts.close();
        return new Looking(buffered, dc);
    }

    /** Joins the buffered left rows one by one, each against the right rows looked up by its key. */
    private final class Looking extends JoinedRows {
        private final List<Object[]> lefts;
        private final DataContext dc;
        private int leftAt;

        Looking(List<Object[]> lefts, DataContext dc) {
            this.lefts = lefts;
            this.dc = dc;
        }

        @Override
        boolean joinNext(List<Object[]> out) {
            if (leftAt >= lefts.size()) {
                return false;
            }
            Object[] l = lefts.get(leftAt++);
            List<Object> key = keys.of(l, leftKeys);
            List<Object[]> candidates = new ArrayList<>();
            if (key != null) {
                Object[] values = new Object[leftKeys.length];
                for (int i = 0; i < leftKeys.length; i++) {
                    values[i] = l[leftKeys[i]];
                }
                for (Object[] r : RowEnumerator.drain(lookup.open(new Bound(dc, values)))) {
                    if (key.equals(keys.of(r, rightKeys))) {
                        candidates.add(r);
                    }
                }
            }
            JoinNode.joinOne(type, l, candidates, remaining, dc, rightWidth, out, null);
            return true;
        }
    }

    /** The parameters of one lookup: the left row's key values, as '?' parameters from {@link #paramBase} on. */
    private final class Bound implements DataContext {
        private final DataContext outer;
        private final Object[] values;

        Bound(DataContext outer, Object[] values) {
            this.outer = outer;
            this.values = values;
        }

        @Override
        public Object get(String name) {
            if (name.startsWith("?")) {
                int i = Integer.parseInt(name.substring(1)) - paramBase;
                if (i >= 0 && i < values.length && bound[i]) {
                    return values[i];
                }
            }
            return outer.get(name);
        }

        @Override
        public SchemaPlus getRootSchema() {
            return outer.getRootSchema();
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return outer.getTypeFactory();
        }

        @Override
        public QueryProvider getQueryProvider() {
            return outer.getQueryProvider();
        }
    }

    /** The left rows already read, then the rest of the left input. */
    private static final class Replay extends RowEnumerator {
        private final List<Object[]> first;
        private final Enumerator<Object[]> rest;
        private int at;

        Replay(List<Object[]> first, Enumerator<Object[]> rest) {
            this.first = first;
            this.rest = rest;
        }

        @Override
        public boolean moveNext() {
            if (at < first.size()) {
                current = first.get(at++);
                return true;
            }
            if (rest.moveNext()) {
                current = rest.current();
                return true;
            }
            return false;
        }

        @Override
        public void close() {
            rest.close();
        }
    }
}
