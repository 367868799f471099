package io.cairndb.planner.exec;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.tools.Program;

/**
 * The rewrites every filtered plan wants, done once before the cost-based search: constant reduction and
 * simplification of filter and project expressions, filters pushed below projects and into joins, adjacent filters
 * and projects merged, and filters and projections pushed into table scans (where the key predicates pick the
 * access path).
 *
 * <p>Why: the cost-based planner applies these same rules (they stay registered there: Calcite's default rule set
 * plus the scan rules {@link PlanningSession} adds), but to every equivalent expression it holds — each transposed
 * variant of a filter was reduced, simplified and converted again. Done here first, the tree Volcano receives is
 * already in the shape it would have chosen and it mostly only picks physical operators. No rule here decides on
 * cost, so a plan's answers cannot change, only how quickly it is found. Plans without a filter skip the step:
 * for a bare projection the extra pass costs more than it saves. A filter reduced to FALSE (already by field
 * trimming) leaves an empty VALUES; projections and aggregates over it are reduced here too, by Calcite's
 * empty-input rules for just those two operators (the rules for joins are not used anywhere, see
 * {@link PlanningSession}). Without them, Volcano simplified the averaging of a constant over that empty input
 * ({@code SELECT AVG(57) FROM t WHERE 1 = 0 GROUP BY c}) in an endless recursion of Calcite's cast simplification.
 *
 * <p>The planner works on a DAG (it shares equal subtrees): on a tree, a projection pushed into a scan that
 * already has it reapplies forever, since the rule's "new" result is never recognised as the input it came from.
 */
final class LogicalRewrite {
    /** A planning step over the whole tree, subqueries already removed. */
    static final Program PROGRAM = LogicalRewrite::run;

    private static final HepProgram REWRITES = new HepProgramBuilder()
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleCollection(List.of(
                    CoreRules.FILTER_REDUCE_EXPRESSIONS,
                    CoreRules.PROJECT_REDUCE_EXPRESSIONS,
                    CoreRules.FILTER_MERGE,
                    CoreRules.PROJECT_MERGE,
                    CoreRules.PROJECT_REMOVE,
                    CoreRules.FILTER_PROJECT_TRANSPOSE,
                    CoreRules.FILTER_INTO_JOIN,
                    CoreRules.JOIN_CONDITION_PUSH,
                    // a filter reduced to FALSE leaves an empty VALUES: what is computed over it is known now
                    org.apache.calcite.rel.rules.PruneEmptyRules.PROJECT_INSTANCE,
                    CoreRules.AGGREGATE_VALUES))
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleCollection(List.of(
                    CoreRules.FILTER_SCAN,
                    CoreRules.PROJECT_TABLE_SCAN,
                    CoreRules.FILTER_INTERPRETER_SCAN,
                    CoreRules.PROJECT_INTERPRETER_TABLE_SCAN))
            .build();

    private LogicalRewrite() {
    }

    private static RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                               List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        if (!hasFilter(rel) && !hasEmptyValues(rel)) {
            return rel;
        }
        return rewrite(planner, rel);
    }

    /** The pass itself, whatever the plan holds. */
    static RelNode rewrite(RelOptPlanner planner, RelNode rel) {
        HepPlanner hep = new HepPlanner(REWRITES, planner.getContext(), false, null,
                org.apache.calcite.plan.RelOptCostImpl.FACTORY);
        hep.setExecutor(planner.getExecutor());
        hep.setRoot(rel);
        return hep.findBestExp();
    }

    /**
     * True if the tree holds a VALUES without rows: what a filter reduced to FALSE leaves (field trimming does that
     * already), under which projections and aggregates are known before running.
     */
    private static boolean hasEmptyValues(RelNode rel) {
        if (rel instanceof org.apache.calcite.rel.core.Values values && values.getTuples().isEmpty()) {
            return true;
        }
        for (RelNode input : rel.getInputs()) {
            if (hasEmptyValues(input)) {
                return true;
            }
        }
        return false;
    }

    /** True if the tree filters rows anywhere. */
    private static boolean hasFilter(RelNode rel) {
        if (rel instanceof org.apache.calcite.rel.core.Filter) {
            return true;
        }
        for (RelNode input : rel.getInputs()) {
            if (hasFilter(input)) {
                return true;
            }
        }
        return false;
    }
}
