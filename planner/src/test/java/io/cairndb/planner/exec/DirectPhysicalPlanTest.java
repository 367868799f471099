package io.cairndb.planner.exec;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cairndb.planner.PlannerFixture;
import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.schema.SchemaSnapshot;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.tools.Program;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which plans skip the cost-based search, and that the ones that do answer as the searched plans did. The answers
 * are checked through the whole planner (real storage), in the same queries' searched form where one exists.
 */
class DirectPhysicalPlanTest {
    static PlannerFixture f;

    /** Stands for the cost-based search: records that it was asked, and answers with a marker plan. */
    private static final class SearchProbe implements Program {
        RelNode asked;

        @Override
        public RelNode run(org.apache.calcite.plan.RelOptPlanner planner, RelNode rel,
                           org.apache.calcite.plan.RelTraitSet traits,
                           List<org.apache.calcite.plan.RelOptMaterialization> materializations,
                           List<org.apache.calcite.plan.RelOptLattice> lattices) {
            asked = rel;
            return rel;
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "T", List.of(col("PK", ColumnType.INTEGER, false),
                col("A", ColumnType.INTEGER, true), col("S", ColumnType.VARCHAR, 10, 0, true)), List.of("PK"), false);
        f.catalog.createTable("PUBLIC", "U", List.of(col("PK", ColumnType.INTEGER, false)), List.of("PK"), false);
        f.update("INSERT INTO t VALUES (1, 30, 'c'), (2, NULL, 'a'), (3, 10, NULL), (4, 20, 'b'), (5, 10, 'e')");
        f.update("INSERT INTO u VALUES (1), (3)");
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    /** Runs the step as the planning program would on {@code sql}'s logical plan; the probe sees any search. */
    private static RelNode step(String sql, SearchProbe search) {
        SchemaSnapshot snapshot = new SchemaSnapshot(f.catalog.current(), f.storage, false, (s, v) -> null);
        PlanningSession session = new PlanningSession(snapshot, "PUBLIC");
        RelRoot root = session.toRel(session.validate(PlannerFixture.parse(sql)));
        var traits = root.rel.getCluster().traitSet().replace(EnumerableConvention.INSTANCE)
                .replace(root.collation);
        return DirectPhysicalPlan.or(search).run(root.rel.getCluster().getPlanner(), root.rel, traits, List.of(),
                List.of());
    }

    @Test
    void singleTableQueriesSkipTheSearch() {
        for (String sql : List.of(
                "SELECT pk FROM t WHERE a > 10",
                "SELECT pk FROM t",
                "SELECT - 87 AS c, 1 + 2",
                "SELECT pk * 2, s FROM t ORDER BY 1 DESC LIMIT 3",
                "SELECT a, COUNT(*), AVG(pk) FROM t WHERE pk > 1 GROUP BY a HAVING SUM(pk) > 2 ORDER BY 2",
                "SELECT DISTINCT a FROM t",
                "SELECT MIN(s), MAX(a) FROM t WHERE 1 = 0",
                "SELECT s, a * 2 FROM t WHERE a IS NOT NULL OR s = 'a' ORDER BY a DESC, pk",
                "SELECT pk FROM t WHERE a BETWEEN 10 AND 20 ORDER BY s NULLS FIRST LIMIT 2 OFFSET 1",
                "SELECT pk FROM t WHERE 1 = 0")) {
            SearchProbe search = new SearchProbe();
            RelNode plan = step(sql, search);
            assertEquals(null, search.asked, sql);
            assertInstanceOf(EnumerableRel.class, plan, sql);
        }
    }

    @Test
    void otherPlansGoToTheSearchUnchanged() {
        for (String sql : List.of(
                "SELECT a, COUNT(DISTINCT s), SUM(pk) FROM t GROUP BY a",     // DISTINCT: expanded by the search
                "SELECT a, s, COUNT(*) FROM t GROUP BY ROLLUP(a, s)",
                "SELECT t.pk FROM t JOIN u ON t.pk = u.pk WHERE a > 0",
                "SELECT pk, ROW_NUMBER() OVER (ORDER BY a) FROM t WHERE a > 0",
                "SELECT pk FROM t WHERE a > 0 UNION SELECT pk FROM u")) {
            SearchProbe search = new SearchProbe();
            step(sql, search);
            assertInstanceOf(RelNode.class, search.asked, sql);
        }
    }

    @Test
    void directPlansAnswerLikeSearchedOnes() {
        assertEquals(List.of("1", "4"), f.rows("SELECT pk FROM t WHERE a > 10 ORDER BY pk"));
        assertEquals(List.of("c|60", "b|40", "null|20", "e|20", "a|null"),
                f.rows("SELECT s, a * 2 FROM t WHERE a IS NOT NULL OR s = 'a' ORDER BY a DESC NULLS LAST, pk"));
        // sorted on a column that is not selected, then paged
        assertEquals(List.of("4", "5"), f.rows("SELECT pk FROM t WHERE a BETWEEN 10 AND 20 ORDER BY s NULLS FIRST "
                + "LIMIT 2 OFFSET 1"));
        assertEquals(List.of("2", "3"), f.rows("SELECT pk FROM t WHERE a IS NULL OR s IS NULL ORDER BY 1 LIMIT 5"));
        assertEquals(List.of(), f.rows("SELECT pk FROM t WHERE 1 = 0"));
        assertEquals(List.of("10|e", "8|b", "6|null"), f.rows("SELECT pk * 2, s FROM t ORDER BY 1 DESC LIMIT 3"));
        assertEquals(List.of("-87|3"), f.rows("SELECT - 87 AS c, 1 + 2"));
        // aggregates: AVG of integers is an integer (truncated), SUM skips NULL, groups ordered by an aggregate
        assertEquals(List.of("null|1|2", "20|1|4", "10|2|4"), f.rows("SELECT a, COUNT(*), AVG(pk) FROM t "
                + "WHERE pk > 1 GROUP BY a HAVING SUM(pk) > 1 ORDER BY 2, 1 NULLS FIRST"));
        assertEquals(List.of("a|30|17|70"), f.rows("SELECT MIN(s), MAX(a), AVG(a), SUM(a) FROM t"));
        assertEquals(List.of("null|null|0"), f.rows("SELECT MIN(s), SUM(a), COUNT(a) FROM t WHERE pk > 9"));
        assertEquals(List.of("null", "10", "20", "30"), f.rows("SELECT DISTINCT a FROM t ORDER BY 1 NULLS FIRST"));
        // a division by zero in a projection is an error whichever way the plan was made
        assertEquals("22012", f.errorOf("SELECT pk, 1 / 0 FROM t"));
        assertEquals(List.of("3"), f.rows("SELECT COUNT(*) FROM (SELECT pk FROM t WHERE a <= 20) x"));
        // a constant error found while reducing the filtered plan is still an error, not an empty result
        assertEquals("22012", f.errorOf("SELECT pk FROM t WHERE pk > 0 AND 1 / 0 = 1"));
    }

    @Test
    void theDirectPlanProvidesTheRequiredOrder() {
        SearchProbe search = new SearchProbe();
        RelNode plan = step("SELECT pk FROM t WHERE a > 0 ORDER BY pk", search);
        assertSame(null, search.asked);
        assertEquals(List.of(0), ((EnumerableRel) plan).getTraitSet().getCollation().getKeys());
    }
}
