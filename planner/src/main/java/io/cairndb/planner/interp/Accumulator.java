package io.cairndb.planner.interp;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlKind;

/**
 * The running state of one aggregate call for one group. {@link #factory} supports COUNT, SUM, $SUM0 (SUM that
 * is 0 over no rows), MIN, MAX, SINGLE_VALUE (scalar subqueries), LITERAL_AGG and GROUPING, each with DISTINCT and
 * FILTER; sums add in the result type's Java arithmetic, as the generated code does.
 */
abstract class Accumulator {
    /** Feeds one input row (already filtered and de-duplicated). */
    abstract void add(Object[] row);

    abstract Object result();

    /** Makes a fresh accumulator for a group of one grouping set. */
    @FunctionalInterface
    interface Factory {
        Accumulator create(ImmutableBitSet groupingSet);
    }

    /** A factory of fresh accumulators for {@code call}, or Unsupported. */
    static Factory factory(AggregateCall call) {
        if (!call.getCollation().getFieldCollations().isEmpty() || call.isApproximate()) {
            throw new Unsupported("ordered or approximate aggregate " + call);
        }
        List<Integer> args = call.getArgList();
        Factory plain = plain(call, args);
        Factory distinct = call.isDistinct() ? set -> new Distinct(args, plain.create(set)) : plain;
        int filter = call.filterArg;
        return filter < 0 ? distinct : set -> new Filtered(filter, distinct.create(set));
    }

    private static Factory plain(AggregateCall call, List<Integer> args) {
        SqlKind kind = call.getAggregation().getKind();
        switch (kind) {
            case GROUPING, GROUPING_ID: {
                NumericType t = NumericType.of(call.getType());
                if (t != NumericType.INT && t != NumericType.LONG) {
                    throw new Unsupported("GROUPING of type " + call.getType());
                }
                return set -> {
                    // bit i (from the last argument) is 1 when that argument is not grouped in this set
                    long bits = 0;
                    for (int a : args) {
                        bits = (bits << 1) | (set.get(a) ? 0 : 1);
                    }
                    return new Constant(t.convert(bits));
                };
            }
            case COUNT: {
                int[] a = args.stream().mapToInt(Integer::intValue).toArray();
                return set -> new Count(a);
            }
            case SUM, SUM0: {
                if (args.size() != 1) {
                    throw new Unsupported(kind + " of " + args.size() + " arguments");
                }
                NumericType t = switch (call.getType().getSqlTypeName()) {
                    case INTEGER, BIGINT, REAL, DOUBLE, FLOAT, DECIMAL -> NumericType.of(call.getType());
                    default -> throw new Unsupported("SUM of type " + call.getType());
                };
                int arg = args.get(0);
                boolean zeroWhenEmpty = kind == SqlKind.SUM0;
                java.util.function.BinaryOperator<Object> plus = ScalarCompiler.binary(SqlKind.PLUS, t);
                return set -> new Sum(arg, t, plus, zeroWhenEmpty);
            }
            case MIN, MAX: {
                int arg = args.get(0);
                boolean max = kind == SqlKind.MAX;
                return set -> new MinMax(arg, max);
            }
            case SINGLE_VALUE: {
                int arg = args.get(0);
                String name = call.getAggregation().toString();
                return set -> new SingleValue(arg, name);
            }
            case LITERAL_AGG: {
                Object v = SqlValues.literal((RexLiteral) call.rexList.get(0), call.getType());
                return set -> new Constant(v);
            }
            default:
                throw new Unsupported("aggregate " + call.getAggregation().getName());
        }
    }

    private static final class Count extends Accumulator {
        private final int[] args;
        private long n;

        Count(int[] args) {
            this.args = args;
        }

        @Override
        void add(Object[] row) {
            for (int a : args) {
                if (row[a] == null) {
                    return;
                }
            }
            n++;
        }

        @Override
        Object result() {
            return n;
        }
    }

    private static final class Sum extends Accumulator {
        private final int arg;
        private final NumericType type;
        private final java.util.function.BinaryOperator<Object> plus;
        private final boolean zeroWhenEmpty;
        private Object sum;

        Sum(int arg, NumericType type, java.util.function.BinaryOperator<Object> plus, boolean zeroWhenEmpty) {
            this.arg = arg;
            this.type = type;
            this.plus = plus;
            this.zeroWhenEmpty = zeroWhenEmpty;
        }

        @Override
        void add(Object[] row) {
            Object v = row[arg];
            if (v == null) {
                return;
            }
            Object x = type.convert(v);
            sum = sum == null ? x : plus.apply(sum, x);
        }

        @Override
        Object result() {
            if (sum == null && zeroWhenEmpty) {
                return type.convert(0);
            }
            return sum;
        }
    }

    private static final class MinMax extends Accumulator {
        private final int arg;
        private final boolean max;
        private Object best;

        MinMax(int arg, boolean max) {
            this.arg = arg;
            this.max = max;
        }

        @Override
        void add(Object[] row) {
            Object v = row[arg];
            if (v == null) {
                return;
            }
            if (best == null) {
                best = v;
                return;
            }
            int c = SqlValues.compare(v, best);
            if (max ? c > 0 : c < 0) {
                best = v;
            }
        }

        @Override
        Object result() {
            return best;
        }
    }

    /** A scalar subquery's value: its one row's value, NULL for no row, an error for a second row. */
    private static final class SingleValue extends Accumulator {
        private final int arg;
        private final String name;
        private boolean seen;
        private Object value;

        SingleValue(int arg, String name) {
            this.arg = arg;
            this.name = name;
        }

        @Override
        void add(Object[] row) {
            if (seen) {
                // the generated code's exception and message, so both paths report the same error
                throw new IllegalStateException("more than one value in agg " + name);
            }
            seen = true;
            value = row[arg];
        }

        @Override
        Object result() {
            return value;
        }
    }

    private static final class Constant extends Accumulator {
        private final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        void add(Object[] row) {
        }

        @Override
        Object result() {
            return value;
        }
    }

    /** DISTINCT: feeds each distinct combination of the argument values once. */
    private static final class Distinct extends Accumulator {
        private final List<Integer> args;
        private final Accumulator inner;
        private final Set<List<Object>> seen = new HashSet<>();

        Distinct(List<Integer> args, Accumulator inner) {
            this.args = args;
            this.inner = inner;
        }

        @Override
        void add(Object[] row) {
            Object[] key = new Object[args.size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = row[args.get(i)];
            }
            if (seen.add(java.util.Arrays.asList(key))) {
                inner.add(row);
            }
        }

        @Override
        Object result() {
            return inner.result();
        }
    }

    /** FILTER (WHERE ...): only rows whose filter column is TRUE. */
    private static final class Filtered extends Accumulator {
        private final int filter;
        private final Accumulator inner;

        Filtered(int filter, Accumulator inner) {
            this.filter = filter;
            this.inner = inner;
        }

        @Override
        void add(Object[] row) {
            if (Boolean.TRUE.equals(row[filter])) {
                inner.add(row);
            }
        }

        @Override
        Object result() {
            return inner.result();
        }
    }
}
