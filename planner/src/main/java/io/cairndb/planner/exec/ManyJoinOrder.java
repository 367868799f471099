package io.cairndb.planner.exec;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.tools.Program;

/**
 * Join order for queries that join many tables. The cost-based planner finds the join order by trying every
 * order (join commutativity and associativity): fine for a few tables, but the work grows exponentially — six
 * tables took seconds, eight over a minute, and sqllogictest's select5 joins up to 64. From {@link #MIN_JOINS}
 * joins on, the joins are gathered into one multi-way join (with the filters that connect them) and ordered by
 * Calcite's greedy bushy heuristic (MultiJoinOptimizeBushyRule: repeatedly joins the pair of inputs, connected by
 * a condition, whose join is estimated smallest; cross products last); the cost-based planner then only picks the
 * physical operators, with the reordering rules removed from it. (Calcite's left-deep heuristic,
 * LoptOptimizeJoinRule, builds a greedy order from every table as a start: select5 took 351 s with it, 106 s with
 * this one, all answers right either way; it still orders multi-joins that contain outer joins, which the bushy
 * heuristic does not take.)
 */
final class ManyJoinOrder {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ManyJoinOrder.class);
    /** Joins (tables − 1) from which the heuristic orders them; below, the exhaustive search is quick. */
    static final int MIN_JOINS = 4;

    /** A planning step: the join order of a query with at least {@link #MIN_JOINS} joins; others unchanged. */
    static final Program PROGRAM = ManyJoinOrder::run;

    private static final List<RelOptRule> REORDERING = List.of(CoreRules.JOIN_COMMUTE, CoreRules.JOIN_ASSOCIATE,
            JoinPushThroughJoinRule.LEFT, JoinPushThroughJoinRule.RIGHT, CoreRules.JOIN_COMMUTE_OUTER);

    private static final HepProgram ORDER = new HepProgramBuilder()
            // the WHERE of a comma join becomes join conditions, so the heuristic sees how tables connect
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleCollection(List.of(CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH))
            .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
            .addRuleCollection(List.of(CoreRules.PROJECT_MULTI_JOIN_MERGE, CoreRules.FILTER_MULTI_JOIN_MERGE))
            .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE_BUSHY)
            // the bushy heuristic leaves multi-joins with outer joins alone; the left-deep one orders those
            .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
            .build();

    private ManyJoinOrder() {
    }

    private static RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                               List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        if (RelOptUtil.countJoins(rel) < MIN_JOINS) {
            return rel;
        }
        RelNode ordered;
        try {
            HepPlanner hep = new HepPlanner(ORDER, null, false, null,
                    org.apache.calcite.plan.RelOptCostImpl.FACTORY);
            hep.setRoot(rel);
            ordered = hep.findBestExp();
        } catch (RuntimeException | AssertionError e) {
            // Calcite's multi-join rules refuse some shapes, e.g. decorrelated subqueries whose outer joins
            // change a column's nullability ("Cannot add expression of different type to set"): such a query is
            // planned as before, by the exhaustive search
            LOG.debug("joins left to the cost-based search: {}", e.toString());
            return rel;
        }
        PlanningSession.registerSearchRules(planner); // registered lazily: removing from none would not last
        REORDERING.forEach(planner::removeRule); // the planner is this statement's own
        return ordered;
    }
}
