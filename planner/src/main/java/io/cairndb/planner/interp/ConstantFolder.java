package io.cairndb.planner.interp;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Folds constant expressions for the planner (simplification and ReduceExpressionsRule call it, e.g. for every
 * {@code CAST(71.25 AS DOUBLE)} of a comparison) with the interpreter's {@link ScalarCompiler} instead of compiling
 * a class per call with Janino, which was about 40 % of the time of a sqllogictest index/between query after plans
 * were interpreted. Expressions it does not cover, and any that fail (1/0), go to Calcite's executor as before, so
 * errors stay exactly as they were. In {@link ExecutionMode#VERIFY} it also runs Calcite's executor and fails on a
 * different literal.
 */
public final class ConstantFolder implements RexExecutor {
    public static final ConstantFolder INSTANCE = new ConstantFolder(ExecutionMode.current());

    private static final Object[] NO_ROW = new Object[0];
    private final ExecutionMode mode;

    ConstantFolder(ExecutionMode mode) {
        this.mode = mode;
    }

    @Override
    public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
        if (mode == ExecutionMode.COMPILE) {
            RexUtil.EXECUTOR.reduce(rexBuilder, constExps, reducedValues);
            return;
        }
        List<RexNode> folded = fold(rexBuilder, constExps);
        if (folded == null) {
            RexUtil.EXECUTOR.reduce(rexBuilder, constExps, reducedValues);
            return;
        }
        if (mode == ExecutionMode.VERIFY) {
            List<RexNode> expected = new ArrayList<>();
            RexUtil.EXECUTOR.reduce(rexBuilder, constExps, expected);
            if (!describe(expected).equals(describe(folded))) {
                throw new IllegalStateException("constant folding differs from Calcite's: " + constExps + " gave "
                        + describe(folded) + ", Calcite " + describe(expected));
            }
        }
        reducedValues.addAll(folded);
    }

    /**
     * {@code constant} (no input references) as a literal computed by the interpreter, or null when the
     * interpreter does not cover it or it fails; never compiles anything.
     */
    public static RexNode tryFold(RexBuilder rexBuilder, RexNode constant) {
        List<RexNode> folded = fold(rexBuilder, List.of(constant));
        return folded == null ? null : folded.get(0);
    }

    /** The literals, or null when an expression is not covered or fails. */
    private static List<RexNode> fold(RexBuilder rexBuilder, List<RexNode> constExps) {
        ScalarCompiler compiler = new ScalarCompiler(rexBuilder);
        List<RexNode> out = new ArrayList<>(constExps.size());
        try {
            for (RexNode e : constExps) {
                Object v = compiler.compile(e).eval(NO_ROW, null);
                out.add(v == null ? rexBuilder.makeNullLiteral(e.getType())
                        : rexBuilder.makeLiteral(v, e.getType(), true));
            }
        } catch (RuntimeException e) { // Unsupported, or the expression fails
            return null;
        }
        return out;
    }

    private static List<String> describe(List<RexNode> nodes) {
        List<String> out = new ArrayList<>();
        for (RexNode n : nodes) {
            out.add(n + ":" + n.getType().getFullTypeString());
        }
        return out;
    }
}
