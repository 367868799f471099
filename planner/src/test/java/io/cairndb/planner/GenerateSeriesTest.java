package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.exec.QueryStatement;
import io.cairndb.planner.interp.ExecutionMode;
import io.cairndb.storage.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * generate_series(start, stop [, step]) as in PostgreSQL: rows, column names and types, NULL and zero-step
 * arguments, joins, INSERT … SELECT, and that rows stream (never held in memory) both in the plan interpreter and in
 * compiled plans.
 */
class GenerateSeriesTest {
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "ITEMS", List.of(col("ID", ColumnType.INTEGER, false),
                col("NAME", ColumnType.VARCHAR, true)), List.of("ID"), false);
        f.update("INSERT INTO items VALUES (2, 'two'), (4, 'four'), (6, 'six'), (8, 'eight')");
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    @AfterEach
    void defaultMode() {
        f.planner.executionMode(ExecutionMode.INTERPRET);
    }

    @Test
    void oneColumnNamedAfterTheFunctionIntegerOrBigint() {
        assertEquals(List.of("1", "2", "3", "4", "5"), f.rows("SELECT * FROM generate_series(1, 5)"));
        ResultColumn c = f.plan("SELECT * FROM generate_series(1, 5)").columns().get(0);
        assertEquals("GENERATE_SERIES", c.label());
        assertEquals("INTEGER", c.typeName());
        assertFalse(c.nullable());
        assertEquals(List.of(1, 2),
                f.query("SELECT * FROM generate_series(1, 2)").stream().map(r -> r.get(0)).toList());
        // a BIGINT argument (or an untyped '?') makes the column BIGINT, as PostgreSQL picks int8
        assertEquals("BIGINT", f.plan("SELECT * FROM generate_series(1, 3000000000)").columns().get(0).typeName());
        assertEquals("BIGINT", f.plan("SELECT * FROM generate_series(?, 3)").columns().get(0).typeName());
        assertEquals(List.of(1L, 2L), f.query("SELECT * FROM generate_series(CAST(1 AS BIGINT), 2)").stream()
                .map(r -> r.get(0)).toList());
    }

    @Test
    void stepNegativeStepAndEmptyRanges() {
        assertEquals(List.of("1", "4", "7", "10"), f.rows("SELECT g FROM generate_series(1, 10, 3) AS t(g)"));
        assertEquals(List.of("1", "4", "7"), f.rows("SELECT g FROM generate_series(1, 9, 3) AS t(g)"));
        assertEquals(List.of("10", "7", "4", "1"), f.rows("SELECT g FROM generate_series(10, 1, -3) AS t(g)"));
        assertEquals(List.of("-1", "-2", "-3"), f.rows("SELECT * FROM generate_series(-1, -3, -1)"));
        assertEquals(List.of("3"), f.rows("SELECT * FROM generate_series(3, 3)"));
        assertEquals(List.of(), f.rows("SELECT * FROM generate_series(5, 1)"));
        assertEquals(List.of(), f.rows("SELECT * FROM generate_series(1, 5, -1)"));
        assertEquals(List.of("0"), f.rows("SELECT count(*) FROM generate_series(5, 1)"));
    }

    @Test
    void aNullArgumentGivesNoRows() {
        for (String args : List.of("1, NULL", "NULL, 5", "1, 5, NULL", "NULL, NULL", "NULL, 5, 0",
                "1, CAST(NULL AS INTEGER)")) {
            assertEquals(List.of(), f.rows("SELECT * FROM generate_series(" + args + ")"), args);
        }
        assertEquals(List.of(), f.rows("SELECT * FROM generate_series(?, ?)", 1, null));
        assertEquals(List.of("0|null"), f.rows("SELECT count(*), sum(g) FROM generate_series(1, NULL) AS s(g)"));
    }

    @Test
    void aZeroStepFailsWith22023() {
        assertEquals("22023", f.errorOf("SELECT * FROM generate_series(1, 5, 0)"));
        assertEquals("22023", f.errorOf("SELECT g FROM generate_series(1, 5, ?) AS s(g)", 0));
        assertEquals("22023", f.errorOf("SELECT count(*) FROM generate_series(1, 5, 1 - 1)"));
        f.planner.executionMode(ExecutionMode.COMPILE);
        assertEquals("22023", f.errorOf("SELECT * FROM generate_series(1, 5, 0)"));
    }

    @Test
    void countsAndSumsOfLongSeriesStream() {
        assertEquals(List.of("10000000|50000005000000"),
                f.rows("SELECT count(*), sum(g) FROM generate_series(1, 10000000) AS s(g)"));
        assertEquals(List.of("5|15"), f.rows("SELECT count(*), sum(g) FROM generate_series(1, 5) AS s(g)"));
        assertEquals(List.of("34|1717"), f.rows("SELECT count(*), sum(g) FROM generate_series(1, 100, 3) AS s(g)"));
        // a series as long as BIGINT's range could never be materialised: only the rows read are computed
        String endless = "SELECT * FROM generate_series(1, 9223372036854775807)";
        assertEquals(List.of("1", "2", "3"), f.rows(endless + " LIMIT 3"));
        assertEquals(List.of("1", "2", "3"), firstRows(endless, 3));
        f.planner.executionMode(ExecutionMode.COMPILE);
        assertEquals(List.of("1", "2", "3"), f.rows(endless + " LIMIT 3"));
        assertEquals(List.of("1", "2", "3"), firstRows(endless, 3));
        assertEquals(List.of("1000000|500000500000"),
                f.rows("SELECT count(*), sum(g) FROM generate_series(1, 1000000) AS s(g)"));
    }

    /** The first {@code n} rows of a query's cursor, which is then closed. */
    private static List<String> firstRows(String sql, int n) {
        PlannedStatement p = f.plan(sql);
        List<String> rows = new ArrayList<>();
        try (Transaction txn = f.storage.transactions().begin();
             RowCursor c = p.query(PlannerFixture.ctx(txn), List.of())) {
            while (rows.size() < n && c.next()) {
                rows.add(String.valueOf(c.row()[0]));
            }
        }
        return rows;
    }

    @Test
    void theEndsOfBigintDoNotOverflow() {
        assertEquals(List.of("9223372036854775806", "9223372036854775807"),
                f.rows("SELECT * FROM generate_series(9223372036854775806, 9223372036854775807)"));
        assertEquals(List.of("9223372036854775800"),
                f.rows("SELECT * FROM generate_series(9223372036854775800, 9223372036854775807, 10)"));
        assertEquals(List.of("-9223372036854775807", "-9223372036854775808"),
                f.rows("SELECT * FROM generate_series(-9223372036854775807, -9223372036854775807 - 1, -1)"));
        assertEquals(List.of("2147483646", "2147483647"),
                f.rows("SELECT * FROM generate_series(2147483646, 2147483647)"));
    }

    @Test
    void argumentsAreConstantsParametersOrExpressionsOfThem() {
        assertEquals(List.of("1", "5", "9"), f.rows("SELECT * FROM generate_series(?, ?, ?)", 1, 10, 4));
        assertEquals(List.of("6", "7", "8", "9"), f.rows("SELECT * FROM generate_series(2 * 3, 10 - 1)"));
        assertEquals(List.of("3", "4"), f.rows("SELECT * FROM generate_series(? + 1, ? * 2)", 2, 2));
        assertEquals(List.of("-2", "-1"), f.rows("SELECT * FROM generate_series(-ABS(CAST(? AS BIGINT)), -1)", 2L));
        // reused with other values: the arguments are evaluated per execution
        PlannedStatement p = f.plan("SELECT count(*) FROM generate_series(1, ?)");
        assertEquals("10", String.valueOf(f.run(p, 10).get(0).get(0)));
        assertEquals("1000", String.valueOf(f.run(p, 1000).get(0).get(0)));
    }

    @Test
    void tableSyntaxAndAliases() {
        assertEquals(List.of("1", "2", "3"), f.rows("SELECT * FROM TABLE(generate_series(1, 3))"));
        assertEquals("G", f.plan("SELECT * FROM generate_series(1, 3) AS t(g)").columns().get(0).label());
        assertEquals(List.of("2", "3"), f.rows("SELECT t.g FROM generate_series(1, 3) AS t(g) WHERE t.g > 1"));
        // PostgreSQL: a table alias alone names the column too
        assertEquals(List.of("1", "2", "3"), f.rows("SELECT i FROM generate_series(1, 3) i"));
        assertEquals("S", f.plan("SELECT * FROM generate_series(1, 3) AS s").columns().get(0).label());
        assertEquals(List.of("1|1", "2|4"), f.rows("SELECT i, i * i FROM generate_series(1, 2) i ORDER BY i"));
    }

    @Test
    void joinsWithTablesAndOtherSeries() {
        assertEquals(List.of("2|two", "4|four"),
                f.rows("SELECT g, i.name FROM generate_series(1, 5) AS s(g) JOIN items i ON i.id = s.g ORDER BY g"));
        assertEquals(List.of("1|null", "2|two", "3|null"),
                f.rows("SELECT g, i.name FROM generate_series(1, 3) AS s(g) LEFT JOIN items i ON i.id = g ORDER BY g"));
        assertEquals(List.of("3", "5", "7"), f.rows("SELECT g FROM generate_series(1, 8) AS s(g) "
                + "WHERE g NOT IN (SELECT id FROM items) AND g > 1 ORDER BY g"));
        assertEquals(List.of("2|2", "3|3"),
                f.rows("SELECT * FROM generate_series(1, 3) AS a(x) JOIN generate_series(2, 4) AS b(y) ON x = y"));
        // arguments from another table's row: LATERAL (runs compiled)
        assertEquals(List.of("2|1", "2|2", "4|1", "4|2", "4|3", "4|4"),
                f.rows("SELECT i.id, g FROM items i, LATERAL TABLE(generate_series(1, i.id)) AS s(g) "
                        + "WHERE i.id <= 4 ORDER BY i.id, g"));
    }

    @Test
    void theCompiledFormGivesTheSameRows() {
        f.planner.executionMode(ExecutionMode.VERIFY); // runs both; a difference fails the query with XX000
        for (String sql : List.of("SELECT * FROM generate_series(1, 5)",
                "SELECT g * 2 FROM generate_series(10, 1, -3) AS s(g)",
                "SELECT * FROM generate_series(5000000000, 5000000003)",
                "SELECT * FROM generate_series(1, NULL)",
                "SELECT g, i.name FROM generate_series(1, 5) AS s(g) LEFT JOIN items i ON i.id = g ORDER BY g",
                "SELECT g FROM generate_series(1, 8) AS s(g) EXCEPT SELECT id FROM items",
                "SELECT * FROM generate_series(1, 3) UNION SELECT id FROM items",
                "SELECT g % 3, count(*), sum(g) FROM generate_series(1, 1000) AS s(g) GROUP BY g % 3")) {
            PlannedStatement p = f.plan(sql);
            assertTrue(((QueryStatement) p).interpreted(), sql);
            f.run(p);
        }
        f.run(f.plan("SELECT 'x' || g FROM generate_series(1, 3) AS s(g)")); // the cast to text runs compiled
        assertEquals(List.of("2", "4"), f.rows("SELECT g FROM generate_series(1, 5) AS s(g) "
                + "EXCEPT SELECT g FROM generate_series(1, 5, 2) AS s(g) ORDER BY 1"));
        assertEquals("22023", f.errorOf("SELECT * FROM generate_series(1, 2, 0)"));
        assertTrue(f.rows("EXPLAIN PLAN FOR SELECT * FROM generate_series(1, 3)").contains("execution: interpreted"));
    }

    @Test
    void insertSelectOfAHundredThousandRows() {
        f.catalog.createTable("PUBLIC", "T", List.of(col("ID", ColumnType.INTEGER, false),
                col("V", ColumnType.VARCHAR, true)), List.of("ID"), false);
        assertEquals(100_000,
                f.update("INSERT INTO t (id, v) SELECT g, 'x' || g FROM generate_series(1, 100000) AS s(g)"));
        assertEquals(List.of("100000|5000050000"), f.rows("SELECT count(*), sum(id) FROM t"));
        assertEquals(List.of("x77"), f.rows("SELECT v FROM t WHERE id = 77"));
    }

    @Test
    void insertSelectWritesEachRowAsTheSeriesProducesIt() {
        f.catalog.createTable("PUBLIC", "DUPS", List.of(col("ID", ColumnType.BIGINT, false)), List.of("ID"), false);
        // g % 1000 repeats at g = 1001: a writer that receives rows as they come fails there, having read 1001 of
        // the 2,000,000; collecting the rows first would compute all of them before the first write
        PlannedStatement p = f.plan("INSERT INTO dups SELECT g % 1000 FROM generate_series(1, 2000000) AS s(g)");
        AtomicLong checks = new AtomicLong();
        try (Transaction txn = f.storage.transactions().begin()) {
            SqlStateException e = assertThrows(SqlStateException.class,
                    () -> p.update(countingContext(txn, checks, Long.MAX_VALUE), List.of()));
            assertEquals("23505", e.sqlState());
        }
        assertTrue(checks.get() < 2000, "rows read before the failing write: about " + checks.get());
        assertEquals(List.of("0"), f.rows("SELECT count(*) FROM dups"));
    }

    @Test
    void aCancelledStatementStopsReadingTheSeries() {
        for (ExecutionMode mode : List.of(ExecutionMode.INTERPRET, ExecutionMode.COMPILE)) {
            f.planner.executionMode(mode);
            // an aggregate returns no row until its input ends, so only the series itself can notice the cancel
            PlannedStatement p = f.plan("SELECT count(*) FROM generate_series(1, 100000000)");
            AtomicLong checks = new AtomicLong();
            try (Transaction txn = f.storage.transactions().begin()) {
                SqlStateException e = assertThrows(SqlStateException.class, () -> {
                    try (RowCursor c = p.query(countingContext(txn, checks, 20), List.of())) {
                        c.next();
                    }
                });
                assertEquals("57014", e.sqlState(), mode.name());
            }
        }
    }

    /** A context that counts cancellation checks and reports a cancel (57014) after {@code limit} of them. */
    private static ExecutionContext countingContext(Transaction txn, AtomicLong checks, long limit) {
        return new ExecutionContext() {
            @Override
            public Transaction transaction() {
                return txn;
            }

            @Override
            public void checkCancelled() {
                if (checks.incrementAndGet() > limit) {
                    throw new SqlStateException("57014", "canceling statement due to user request");
                }
            }
        };
    }

    @Test
    void viewsOverASeries() {
        f.catalog.createView("PUBLIC", "FIRST3", "SELECT i FROM generate_series(1, 3) i", null, false);
        assertEquals(List.of("1", "2", "3"), f.rows("SELECT i FROM first3 ORDER BY i"));
    }

    @Test
    void wrongArgumentsAndPlacesAreErrors() {
        assertEquals("42883", f.errorOf("SELECT * FROM generate_series('a', 5)"));
        assertEquals("42883", f.errorOf("SELECT * FROM generate_series(1.5, 5)"));
        assertEquals("42883", f.errorOf("SELECT * FROM generate_series(1)"));
        assertEquals("42883", f.errorOf("SELECT * FROM generate_series(1, 2, 3, 4)"));
        assertEquals("0A000", f.errorOf("SELECT generate_series(1, 3)")); // PostgreSQL's set-returning SELECT list
        assertEquals("0A000", f.errorOf("SELECT * FROM generate_series(1, (SELECT max(id) FROM items))"));
        assertEquals("no error", f.errorOf("SELECT * FROM generate_series(1, 1)"));
    }
}
