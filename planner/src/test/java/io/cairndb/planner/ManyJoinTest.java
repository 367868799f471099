package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joins of many tables (sqllogictest select5 joins up to 64) are ordered by a heuristic instead of an exhaustive
 * search (planner {@code exec.ManyJoinOrder}): they must plan, give the right rows, and join along the conditions
 * rather than through cross products, whatever order the FROM list names the tables in.
 */
class ManyJoinTest {
    private static final int TABLES = 24;
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        // tK(aK, bK, xK): five rows; bK = aK except in t5, where b5 = 6 - a5 (the chain turns around there)
        for (int t = 1; t <= TABLES; t++) {
            f.catalog.createTable("PUBLIC", "T" + t, List.of(col("A" + t, ColumnType.INTEGER, false),
                    col("B" + t, ColumnType.INTEGER, true), col("X" + t, ColumnType.VARCHAR, true)),
                    List.of("A" + t), false);
            StringBuilder insert = new StringBuilder("INSERT INTO t" + t + " VALUES ");
            for (int a = 1; a <= 5; a++) {
                int b = t == 5 ? 6 - a : a;
                insert.append(a > 1 ? ", " : "").append("(").append(a).append(", ").append(b).append(", 't")
                        .append(t).append(" row ").append(a).append("')");
            }
            f.update(insert.toString());
        }
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    @Test
    void aChainOfTwentyFourTablesInAnyOrderPlansAlongItsConditions() {
        List<Integer> order = IntStream.rangeClosed(1, TABLES).boxed().collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(order, new Random(7));
        List<String> conditions = new ArrayList<>(List.of("a1 = 2"));
        for (int t = 1; t < TABLES; t++) {
            conditions.add("b" + t + " = a" + (t + 1));
        }
        Collections.shuffle(conditions, new Random(11));
        String sql = "SELECT x1, x5, x6, x" + TABLES + " FROM "
                + order.stream().map(t -> "t" + t).collect(Collectors.joining(", "))
                + " WHERE " + String.join(" AND ", conditions);

        // a1 = 2 → b1..b4 = 2 → a5 = 2, b5 = 4 → every later table at 4
        assertEquals(List.of("t1 row 2|t5 row 2|t6 row 4|t" + TABLES + " row 4"), f.rows(sql));

        List<String> plan = f.run(f.plan("EXPLAIN PLAN FOR " + sql)).stream().map(r -> (String) r.get(0)).toList();
        long joins = plan.stream().filter(l -> l.contains("Join(")).count();
        assertEquals(TABLES - 1, joins, String.join("\n", plan));
        assertFalse(plan.stream().anyMatch(l -> l.contains("Join(") && l.contains("condition=[true]")),
                "no cross product:\n" + String.join("\n", plan));
    }

    @Test
    void outerJoinsAmongManyKeepTheirMeaning() {
        // a1 = 1 → a5 = 1, b5 = 5 → a6 = 4 (b5 = a6 + 1) → a7 = 4 → no t8 row has a8 + 10 = 4: NULL
        assertEquals(List.of("t1 row 1|t5 row 1|t6 row 4|null"),
                f.rows("SELECT x1, x5, x6, x8 FROM t1 JOIN t2 ON b1 = a2 JOIN t3 ON b2 = a3 JOIN t4 ON b3 = a4"
                        + " JOIN t5 ON b4 = a5 LEFT JOIN t6 ON b5 = a6 + 1 LEFT JOIN t7 ON b6 = a7"
                        + " LEFT JOIN t8 ON b7 = a8 + 10 WHERE a1 = 1"));
        assertTrue(f.rows("SELECT COUNT(*) FROM t1, t2, t3, t4, t5 WHERE b1 = a2 AND b2 = a3 AND b3 = a4"
                + " AND b4 = a5 AND x5 IS NULL").contains("0"));
    }

    @Test
    void subqueriesThatBecomeManyJoinsStillPlan() {
        // decorrelated scalar subqueries become outer joins whose nullability the multi-join rules refuse
        // (sqllogictest select1 line 852); such a query keeps the exhaustive search
        assertEquals(List.of("t1 row 1|0|0|5", "t1 row 2|1|0|4", "t1 row 3|2|0|3", "t1 row 4|3|1|2",
                        "t1 row 5|4|1|1"),
                f.rows("SELECT x1, (SELECT count(*) FROM t1 AS x WHERE x.b1 < t1.b1),"
                        + " CASE WHEN a1 > (SELECT avg(a1) FROM t1) THEN 1 ELSE 0 END,"
                        + " (SELECT count(*) FROM t2 AS y WHERE y.b2 >= t1.b1) FROM t1"
                        + " WHERE b1 NOT BETWEEN 10 AND 20 ORDER BY 1"));
    }
}
