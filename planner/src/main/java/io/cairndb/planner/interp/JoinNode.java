package io.cairndb.planner.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * Joins of every type but ASOF: the right input is read into memory (hashed on the equality keys when there are
 * any: a NULL key matches nothing), the left input streams. Rows come out in left order, each left row's matches in
 * right order (what hash, merge and nested-loop joins all produce for the join types they are used for); RIGHT and
 * FULL joins then add the right rows nothing matched.
 */
final class JoinNode implements RowNode {
    private final RowNode left;
    private final RowNode right;
    private final JoinRelType type;
    private final int[] leftKeys;
    private final int[] rightKeys;
    /** Per key: converts a value to the class both sides compare in (numbers of different types), or null. */
    private final UnaryOperator<Object>[] keyNormalizers;
    private final Scalar remaining;
    private final int leftWidth;
    private final int rightWidth;

    JoinNode(RowNode left, RowNode right, JoinRelType type, int[] leftKeys, int[] rightKeys,
             UnaryOperator<Object>[] keyNormalizers, Scalar remaining, int leftWidth, int rightWidth) {
        this.left = left;
        this.right = right;
        this.type = type;
        this.leftKeys = leftKeys;
        this.rightKeys = rightKeys;
        this.keyNormalizers = keyNormalizers;
        this.remaining = remaining;
        this.leftWidth = leftWidth;
        this.rightWidth = rightWidth;
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        List<Object[]> rights = RowEnumerator.drain(right.open(dc));
        Map<List<Object>, List<Integer>> index = null;
        if (leftKeys.length > 0) {
            index = new HashMap<>();
            for (int i = 0; i < rights.size(); i++) {
                List<Object> k = key(rights.get(i), rightKeys);
                if (k != null) {
                    index.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
                }
            }
        }
        return new Joining(left.open(dc), rights, index, dc);
    }

    /** The normalised key of a row, or null when a key column is NULL. */
    private List<Object> key(Object[] row, int[] cols) {
        Object[] k = new Object[cols.length];
        for (int i = 0; i < cols.length; i++) {
            Object v = row[cols[i]];
            if (v == null) {
                return null;
            }
            k[i] = keyNormalizers[i] == null ? v : keyNormalizers[i].apply(v);
        }
        return Arrays.asList(k);
    }

    private final class Joining extends RowEnumerator {
        private final Enumerator<Object[]> lefts;
        private final List<Object[]> rights;
        private final Map<List<Object>, List<Integer>> index;
        private final DataContext dc;
        private final boolean[] rightMatched;
        private final List<Object[]> pending = new ArrayList<>();
        private int pendingAt;
        private boolean leftDone;
        private int unmatchedAt;

        Joining(Enumerator<Object[]> lefts, List<Object[]> rights, Map<List<Object>, List<Integer>> index,
                DataContext dc) {
            this.lefts = lefts;
            this.rights = rights;
            this.index = index;
            this.dc = dc;
            this.rightMatched = type.generatesNullsOnLeft() ? new boolean[rights.size()] : null;
        }

        @Override
        public boolean moveNext() {
            while (true) {
                if (pendingAt < pending.size()) {
                    current = pending.get(pendingAt++);
                    return true;
                }
                pending.clear();
                pendingAt = 0;
                if (leftDone) {
                    return nextUnmatchedRight();
                }
                if (!lefts.moveNext()) {
                    leftDone = true;
                    continue;
                }
                joinOne(lefts.current());
            }
        }

        private void joinOne(Object[] l) {
            List<Integer> candidates;
            if (index == null) {
                candidates = null;
            } else {
                List<Object> k = key(l, leftKeys);
                candidates = k == null ? Collections.emptyList() : index.getOrDefault(k, Collections.emptyList());
            }
            int n = candidates == null ? rights.size() : candidates.size();
            boolean matched = false;
            for (int c = 0; c < n; c++) {
                int ri = candidates == null ? c : candidates.get(c);
                Object[] joined = concat(l, rights.get(ri));
                if (remaining != null && !ScalarCompiler.isTrue(remaining.eval(joined, dc))) {
                    continue;
                }
                matched = true;
                if (rightMatched != null) {
                    rightMatched[ri] = true;
                }
                if (type == JoinRelType.SEMI) {
                    pending.add(l);
                    return;
                }
                if (type == JoinRelType.ANTI) {
                    return;
                }
                pending.add(joined);
            }
            if (!matched && (type == JoinRelType.ANTI || type.generatesNullsOnRight())) {
                pending.add(type == JoinRelType.ANTI ? l : concat(l, new Object[rightWidth]));
            }
        }

        private boolean nextUnmatchedRight() {
            if (rightMatched == null) {
                return false;
            }
            while (unmatchedAt < rights.size()) {
                int i = unmatchedAt++;
                if (!rightMatched[i]) {
                    current = concat(new Object[leftWidth], rights.get(i));
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            lefts.close();
        }
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
