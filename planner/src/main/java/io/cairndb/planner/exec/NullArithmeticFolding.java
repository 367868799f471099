package io.cairndb.planner.exec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Replaces arithmetic with a NULL operand ({@code CAST(NULL AS INTEGER) / 89}) by a NULL of the call's type: as
 * SQL is converted ({@link #convertlets}) and again before Volcano ({@link #PROGRAM}: the earlier steps'
 * simplifications make new such calls, e.g. a CASE that can only give NULL). The result is the same — arithmetic is strict — but
 * Calcite 1.41's monotonicity derivation asserts that a constant operand of {@code /} or {@code *} is a literal,
 * and failed to plan such queries ("not a literal: /(null, 89)"; 18 of 10,000 queries of
 * sqllogictest random/expr/slt_good_0).
 *
 * <p>A CASE operand counts as NULL when Calcite's simplifier reduces it to NULL (every branch that can be taken gives
 * NULL, e.g. {@code CASE 40 WHEN CAST(NULL AS INTEGER) THEN 1 WHEN -50 THEN 2 ELSE NULL END}): otherwise the
 * simplifier does that later, inside the search, and leaves {@code /(null, 27)} behind, which it never folds itself
 * (division is not a "safe" expression to it).
 */
public final class NullArithmeticFolding {
    private static final Set<SqlKind> ARITHMETIC = EnumSet.of(SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES,
            SqlKind.DIVIDE, SqlKind.MOD, SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX);

    /** The folding as a planning step over every expression of a plan, subqueries included. */
    public static final org.apache.calcite.tools.Program PROGRAM = (planner, rel, traits, materializations,
            lattices) -> apply(rel, rel.getCluster().getRexBuilder());

    private NullArithmeticFolding() {
    }

    /** {@code inner}, with the arithmetic calls it converts folded when an operand is NULL. */
    public static org.apache.calcite.sql2rel.SqlRexConvertletTable convertlets(
            org.apache.calcite.sql2rel.SqlRexConvertletTable inner) {
        return call -> {
            org.apache.calcite.sql2rel.SqlRexConvertlet c = inner.get(call);
            if (c == null || !ARITHMETIC.contains(call.getKind())) {
                return c;
            }
            return (cx, sqlCall) -> fold(cx.getRexBuilder(), literalOperands(cx.getRexBuilder(),
                    c.convertCall(cx, sqlCall)));
        };
    }

    /**
     * Constant operands of an arithmetic call as literals, where the interpreter can compute them: a constant that
     * is not a literal ({@code CASE 3 WHEN -70 THEN 60 END / 91}, which simplification later turns into
     * {@code /(null, 91)}) is the shape Calcite's collation derivation asserts on.
     */
    private static RexNode literalOperands(RexBuilder rexBuilder, RexNode node) {
        if (!(node instanceof RexCall c) || !isArithmetic(c)) {
            return node;
        }
        List<RexNode> operands = new ArrayList<>(c.getOperands());
        boolean changed = false;
        for (int i = 0; i < operands.size(); i++) {
            RexNode o = operands.get(i);
            if (o instanceof RexCall && RexUtil.isConstant(o) && RexUtil.isDeterministic(o)) {
                RexNode literal = io.cairndb.planner.interp.ConstantFolder.tryFold(rexBuilder, o);
                if (literal != null) {
                    operands.set(i, literal);
                    changed = true;
                }
            }
        }
        return changed ? rexBuilder.makeCall(c.getType(), c.getOperator(), operands) : node;
    }

    private static RexNode fold(RexBuilder rexBuilder, RexNode node) {
        if (node instanceof RexCall c && isArithmetic(c)) {
            for (RexNode operand : c.getOperands()) {
                if (RexLiteral.isNullLiteral(operand) || isNullCase(rexBuilder, operand)) {
                    return rexBuilder.makeNullLiteral(c.getType());
                }
            }
        }
        return node;
    }

    private static boolean isNullCase(RexBuilder rexBuilder, RexNode operand) {
        if (operand.getKind() != SqlKind.CASE) {
            return false;
        }
        RexSimplify simplify = new RexSimplify(rexBuilder, RelOptPredicateList.EMPTY,
                io.cairndb.planner.interp.ConstantFolder.INSTANCE);
        return RexLiteral.isNullLiteral(simplify.simplifyUnknownAs(operand, RexUnknownAs.UNKNOWN));
    }

    private static boolean isArithmetic(RexCall c) {
        return ARITHMETIC.contains(c.getKind()) || FloatDivision.isCheckedDivision(c.getOperator());
    }

    public static RelNode apply(RelNode rel, RexBuilder rexBuilder) {
        RexShuttle fold = new Fold(rexBuilder);
        return rel.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                return super.visit(other).accept(fold);
            }
        });
    }

    private static final class Fold extends RexShuttle {
        private final RexBuilder rexBuilder;

        Fold(RexBuilder rexBuilder) {
            this.rexBuilder = rexBuilder;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            return fold(rexBuilder, super.visitCall(call));
        }

        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
            return visited.clone(NullArithmeticFolding.apply(visited.rel, rexBuilder));
        }
    }
}
