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
    private final Keys keys;
    private final Scalar remaining;
    private final int leftWidth;
    private final int rightWidth;

    /** The equality keys of a join as both sides compare them. */
    static final class Keys {
        /** Per key: converts a value to the class both sides compare in (numbers of different types), or null. */
        private final UnaryOperator<Object>[] normalizers;

        Keys(UnaryOperator<Object>[] normalizers) {
            this.normalizers = normalizers;
        }

        /** The normalised key of a row, or null when a key column is NULL (it matches nothing). */
        List<Object> of(Object[] row, int[] cols) {
            Object[] k = new Object[cols.length];
            for (int i = 0; i < cols.length; i++) {
                Object v = row[cols[i]];
                if (v == null) {
                    return null;
                }
                k[i] = normalizers[i] == null ? v : normalizers[i].apply(v);
            }
            return Arrays.asList(k);
        }
    }

    /** @param left null when the node is only used through {@link #join} */
    JoinNode(RowNode left, RowNode right, JoinRelType type, int[] leftKeys, int[] rightKeys, Keys keys,
             Scalar remaining, int leftWidth, int rightWidth) {
        this.left = left;
        this.right = right;
        this.type = type;
        this.leftKeys = leftKeys;
        this.rightKeys = rightKeys;
        this.keys = keys;
        this.remaining = remaining;
        this.leftWidth = leftWidth;
        this.rightWidth = rightWidth;
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        return join(left.open(dc), dc);
    }

    /** Joins {@code lefts} (closed with the result) with the right input, read whole now. */
    Enumerator<Object[]> join(Enumerator<Object[]> lefts, DataContext dc) {
        List<Object[]> rights;
        try {
            rights = RowEnumerator.drain(right.open(dc));
        } catch (RuntimeException e) {
            lefts.close();
            throw e;
        }
        Map<List<Object>, List<Integer>> index = null;
        if (leftKeys.length > 0) {
            index = new HashMap<>();
            for (int i = 0; i < rights.size(); i++) {
                List<Object> k = keys.of(rights.get(i), rightKeys);
                if (k != null) {
                    index.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
                }
            }
        }
        return new Joining(lefts, rights, index, dc);
    }

    /**
     * Joins one left row with its candidate right rows (those with its key, or all rights when there are no keys),
     * adding the output rows to {@code out}: matches that pass {@code remaining}, in candidate order; for SEMI the
     * left row once, for ANTI the left row when nothing matched, for joins that keep unmatched left rows the left row
     * padded with NULLs. {@code matched}, when not null, hears the position of each candidate that matched.
     */
    static void joinOne(JoinRelType type, Object[] l, List<Object[]> candidates, Scalar remaining, DataContext dc,
                        int rightWidth, List<Object[]> out, java.util.function.IntConsumer matched) {
        boolean any = false;
        for (int c = 0; c < candidates.size(); c++) {
            Object[] joined = concat(l, candidates.get(c));
            if (remaining != null && !ScalarCompiler.isTrue(remaining.eval(joined, dc))) {
                continue;
            }
            any = true;
            if (matched != null) {
                matched.accept(c);
            }
            if (type == JoinRelType.SEMI) {
                out.add(l);
                return;
            }
            if (type == JoinRelType.ANTI) {
                return;
            }
            out.add(joined);
        }
        if (!any && (type == JoinRelType.ANTI || type.generatesNullsOnRight())) {
            out.add(type == JoinRelType.ANTI ? l : concat(l, new Object[rightWidth]));
        }
    }

    private final class Joining extends JoinedRows {
        private final Enumerator<Object[]> lefts;
        private final List<Object[]> rights;
        private final Map<List<Object>, List<Integer>> index;
        private final DataContext dc;
        private final boolean[] rightMatched;
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
        boolean joinNext(List<Object[]> out) {
            if (!leftDone && lefts.moveNext()) {
                joinOne(lefts.current(), out);
                return true;
            }
            leftDone = true;
            return nextUnmatchedRight(out);
        }

        private void joinOne(Object[] l, List<Object[]> out) {
            List<Integer> positions = null;
            List<Object[]> candidates = rights;
            if (index != null) {
                List<Object> k = keys.of(l, leftKeys);
                positions = k == null ? Collections.emptyList() : index.getOrDefault(k, Collections.emptyList());
                candidates = new ArrayList<>(positions.size());
                for (int ri : positions) {
                    candidates.add(rights.get(ri));
                }
            }
            List<Integer> at = positions;
            JoinNode.joinOne(type, l, candidates, remaining, dc, rightWidth, out, rightMatched == null ? null
                    : c -> rightMatched[at == null ? c : at.get(c)] = true);
        }

        /** After the left rows: the next right row nothing matched (RIGHT and FULL joins), padded with NULLs. */
        private boolean nextUnmatchedRight(List<Object[]> out) {
            if (rightMatched == null) {
                return false;
            }
            while (unmatchedAt < rights.size()) {
                int i = unmatchedAt++;
                if (!rightMatched[i]) {
                    out.add(concat(new Object[leftWidth], rights.get(i)));
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
