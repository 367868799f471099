package io.cairndb.planner.exec;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.PlannerFixture;
import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.schema.SchemaSnapshot;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.rules.JoinAssociateRule;
import org.apache.calcite.rel.rules.JoinCommuteRule;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Once the join order of a many-way join is chosen heuristically, the search that follows must not reorder the
 * joins again: that exhaustive reordering is what made 8-table joins take minutes (select5).
 */
class ManyJoinOrderTest {
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        for (String t : List.of("T1", "T2", "T3", "T4", "T5")) {
            f.catalog.createTable("PUBLIC", t, List.of(col("A", ColumnType.INTEGER, false),
                    col("B", ColumnType.INTEGER, true)), List.of("A"), false);
        }
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    private static boolean reorders(RelOptRule rule) {
        return rule instanceof JoinCommuteRule || rule instanceof JoinAssociateRule
                || rule instanceof JoinPushThroughJoinRule;
    }

    @Test
    void theSearchAfterAHeuristicJoinOrderHasNoReorderingRules() {
        SchemaSnapshot snapshot = new SchemaSnapshot(f.catalog.current(), f.storage, false, (s, v) -> null);
        PlanningSession session = new PlanningSession(snapshot, "PUBLIC");
        RelRoot root = session.toRel(session.validate(PlannerFixture.parse("SELECT t1.a FROM t1, t2, t3, t4, t5 "
                + "WHERE t1.a = t2.b AND t2.a = t3.b AND t3.a = t4.b AND t4.a = t5.b")));
        RelOptPlanner planner = root.rel.getCluster().getPlanner();
        var traits = root.rel.getCluster().traitSet().replace(EnumerableConvention.INSTANCE);

        ManyJoinOrder.PROGRAM.run(planner, root.rel, traits, List.of(), List.of());
        // the search registers its rules when it starts: what the join ordering took away must stay away
        PlanningSession.registerSearchRules(planner);

        assertFalse(planner.getRules().isEmpty());
        assertTrue(planner.getRules().stream().noneMatch(ManyJoinOrderTest::reorders), planner.getRules()::toString);
    }
}
