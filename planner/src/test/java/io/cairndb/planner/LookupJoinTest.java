package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.storage.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joins whose right (or, under a hash aggregate, left) input is a table bound by the join keys on its primary key
 * look it up per row instead of reading it whole — TPC-C StockLevel's shape — and give the same rows as the hash
 * join they replace, which they fall back to past {@code LookupJoinNode.MAX_LOOKUPS} driving rows.
 */
class LookupJoinTest {
    static final int ITEMS = 3000;
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "STOCK", List.of(col("S_W_ID", ColumnType.INTEGER, false),
                col("S_I_ID", ColumnType.INTEGER, false), col("S_QUANTITY", ColumnType.INTEGER, true)),
                List.of("S_W_ID", "S_I_ID"), false);
        f.catalog.createTable("PUBLIC", "ORDER_LINE", List.of(col("OL_W_ID", ColumnType.INTEGER, false),
                col("OL_O_ID", ColumnType.INTEGER, false), col("OL_NUMBER", ColumnType.INTEGER, false),
                col("OL_I_ID", ColumnType.BIGINT, true)), List.of("OL_W_ID", "OL_O_ID", "OL_NUMBER"), false);
        for (int w = 1; w <= 2; w++) {
            for (int first = 1; first <= ITEMS; first += 500) {
                StringBuilder sql = new StringBuilder("INSERT INTO stock VALUES ");
                for (int i = first; i < first + 500; i++) {
                    sql.append(i == first ? "" : ", ").append('(').append(w).append(", ").append(i).append(", ")
                            .append(quantity(w, i)).append(')');
                }
                f.update(sql.toString());
            }
        }
        // orders 1..1200 of warehouse 1, two lines each; line 2 of every 7th order names no stocked item, and
        // line 2 of every 11th order has no item at all
        for (int first = 1; first <= 1200; first += 200) {
            StringBuilder sql = new StringBuilder("INSERT INTO order_line VALUES ");
            for (int o = first; o < first + 200; o++) {
                sql.append(o == first ? "" : ", ").append("(1, ").append(o).append(", 1, ").append(item(o, 1))
                        .append("), (1, ").append(o).append(", 2, ").append(item(o, 2)).append(')');
            }
            f.update(sql.toString());
        }
    }

    static int quantity(int w, int i) {
        return (i * 7 + w) % 100;
    }

    static String item(int order, int line) {
        if (line == 2 && order % 11 == 0) {
            return "NULL";
        }
        if (line == 2 && order % 7 == 0) {
            return String.valueOf(ITEMS + order);
        }
        return String.valueOf((order * 37 + line * 101) % ITEMS + 1);
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    /** What StockLevel counts for orders [lo, hi): distinct stocked items of warehouse 1 below the threshold. */
    static long expectedLowStock(int lo, int hi, int threshold) {
        java.util.Set<Integer> items = new java.util.HashSet<>();
        for (int o = lo; o < hi; o++) {
            for (int line = 1; line <= 2; line++) {
                String i = item(o, line);
                if (!i.equals("NULL") && Integer.parseInt(i) <= ITEMS && quantity(1, Integer.parseInt(i)) < threshold) {
                    items.add(Integer.parseInt(i));
                }
            }
        }
        return items.size();
    }

    private record Counted(List<List<Object>> rows, int pairsRead) {
    }

    private Counted run(String sql, Object... params) {
        PlannedStatement p = f.plan(sql);
        try (Transaction real = f.storage.transactions().begin()) {
            LazyScanTest.CountingTransaction txn = new LazyScanTest.CountingTransaction(real);
            List<List<Object>> rows = new ArrayList<>();
            try (RowCursor c = p.query(PlannerFixture.ctx(txn), List.of(params))) {
                while (c.next()) {
                    rows.add(java.util.Arrays.stream(c.row()).map(v -> (Object) String.valueOf(v)).toList());
                }
            }
            return new Counted(rows, txn.pairsRead);
        }
    }

    /** The EXPLAIN lines of a query that say a lookup join reads {@code table}. */
    private static long lookupsIn(String sql, String table) {
        return f.rows("EXPLAIN PLAN FOR " + sql).stream()
                .filter(l -> l.startsWith("Lookup join: PUBLIC." + table + " read by key")).count();
    }

    @Test
    void stockLevelLooksUpTheStockOfEachOrderLineInEitherJoinOrder() {
        for (String from : List.of("order_line, stock", "stock, order_line")) {
            String sql = "SELECT COUNT(DISTINCT s_i_id) FROM " + from + " WHERE ol_w_id = ? AND ol_o_id < ? "
                    + "AND ol_o_id >= ? AND s_w_id = ? AND s_i_id = ol_i_id AND s_quantity < ?";
            assertEquals(1, lookupsIn(sql, "STOCK"), from);
            Counted c = run(sql, 1, 120, 100, 1, 40);
            assertEquals(List.of(List.of(String.valueOf(expectedLowStock(100, 120, 40)))), c.rows(), from);
            // 40 order lines, then at most one stock row per line: not the 3,000 stock rows of the warehouse
            assertTrue(c.pairsRead() <= 80, from + ": read " + c.pairsRead());
        }
    }

    @Test
    void anOrderByTheKeyAfterTheBoundPrefixReadsOnlyTheRowsTheLimitKeeps() {
        String oldest = "SELECT ol_o_id, ol_number FROM order_line WHERE ol_w_id = ? ORDER BY ol_o_id, ol_number LIMIT 2";
        assertTrue(f.rows("EXPLAIN PLAN FOR " + oldest).contains(
                "Sort: none, the scan of PUBLIC.ORDER_LINE delivers its rows in key order"));
        Counted c = run(oldest, 1);
        assertEquals(List.of(List.of("1", "1"), List.of("1", "2")), c.rows());
        assertTrue(c.pairsRead() <= 3, "read " + c.pairsRead());
        // a range on the next key column keeps the order
        assertEquals(List.of(List.of("500", "1")), run("SELECT ol_o_id, ol_number FROM order_line WHERE ol_w_id = 1 "
                + "AND ol_o_id >= 500 ORDER BY ol_o_id LIMIT 1").rows());
        // descending, or an IN list on the prefix (two spans), or a non-key column: sorted as before
        Counted desc = run("SELECT ol_o_id FROM order_line WHERE ol_w_id = 1 ORDER BY ol_o_id DESC LIMIT 1");
        assertEquals(List.of(List.of("1200")), desc.rows());
        assertTrue(desc.pairsRead() >= 2400, "read " + desc.pairsRead());
        assertEquals(List.of(List.of("2", "1"), List.of("1", "1")), run("SELECT s_w_id, s_i_id FROM stock WHERE "
                + "s_w_id IN (1, 2) AND s_i_id = 1 ORDER BY s_w_id DESC").rows());
        assertEquals(List.of(List.of("1", "1")), run("SELECT s_w_id, s_i_id FROM stock WHERE s_w_id IN (2, 1) "
                + "ORDER BY s_i_id, s_w_id LIMIT 1").rows());
        // (i * 7 + 1) % 100 is 0 first for i = 57
        assertEquals(List.of(List.of("57")), run("SELECT s_i_id FROM stock WHERE s_w_id = 1 ORDER BY s_quantity, "
                + "s_i_id LIMIT 1").rows());
    }

    @Test
    void aLongDrivingSideJoinsAsBeforeWithTheSameRows() {
        // 2,400 order lines: more than the lookups allowed, so the stock is read once
        Counted c = run("SELECT COUNT(*), SUM(s_quantity) FROM order_line, stock WHERE ol_w_id = 1 AND s_w_id = 1 "
                + "AND s_i_id = ol_i_id");
        long count = 0;
        long sum = 0;
        for (int o = 1; o <= 1200; o++) {
            for (int line = 1; line <= 2; line++) {
                String i = item(o, line);
                if (!i.equals("NULL") && Integer.parseInt(i) <= ITEMS) {
                    count++;
                    sum += quantity(1, Integer.parseInt(i));
                }
            }
        }
        assertEquals(List.of(List.of(String.valueOf(count), String.valueOf(sum))), c.rows());
        assertTrue(c.pairsRead() <= 2400 + 2 * ITEMS + 10, "read " + c.pairsRead());
    }

    @Test
    void outerSemiAndAntiLookupsKeepUnmatchedRowsAsTheJoinTypeSays() {
        // orders 70..77: line 2 of 70 names no stocked item, line 2 of 77 no item at all
        String leftJoin = "SELECT ol_o_id, ol_number, s_quantity FROM order_line LEFT JOIN stock "
                + "ON s_w_id = 2 AND s_i_id = ol_i_id WHERE ol_w_id = 1 AND ol_o_id BETWEEN 70 AND 77 "
                + "ORDER BY ol_o_id, ol_number";
        assertEquals(1, lookupsIn(leftJoin, "STOCK"));
        List<List<Object>> left = run(leftJoin).rows();
        assertEquals(16, left.size());
        for (List<Object> row : left) {
            int o = Integer.parseInt((String) row.get(0));
            int line = Integer.parseInt((String) row.get(1));
            String i = item(o, line);
            String expected = i.equals("NULL") || Integer.parseInt(i) > ITEMS ? "null"
                    : String.valueOf(quantity(2, Integer.parseInt(i)));
            assertEquals(expected, row.get(2), "order " + o + " line " + line);
        }
        // IN becomes an inner join with the stock on the left; under an aggregate its order is free to change
        String semiJoin = "SELECT COUNT(*), SUM(ol_o_id) FROM order_line WHERE ol_w_id = 1 AND ol_number = 2 "
                + "AND ol_o_id BETWEEN 66 AND 78 AND ol_i_id IN (SELECT s_i_id FROM stock WHERE s_w_id = 1)";
        String antiJoin = "SELECT ol_o_id FROM order_line WHERE ol_w_id = 1 AND ol_number = 2 "
                + "AND ol_o_id BETWEEN 66 AND 78 AND NOT EXISTS (SELECT 1 FROM stock WHERE s_w_id = 1 "
                + "AND s_i_id = ol_i_id) ORDER BY ol_o_id";
        Counted semiRun = run(semiJoin);
        Counted antiRun = run(antiJoin);
        List<List<Object>> semi = semiRun.rows();
        List<List<Object>> anti = antiRun.rows();
        // 13 order lines, each with at most one stock row looked up; the warehouse has 3,000
        assertTrue(semiRun.pairsRead() < 100 && antiRun.pairsRead() < 100,
                "read " + semiRun.pairsRead() + " and " + antiRun.pairsRead() + "\n" + f.rows("EXPLAIN PLAN FOR " + antiJoin));
        long stockedCount = 0;
        long stockedSum = 0;
        List<List<Object>> unstocked = new ArrayList<>();
        for (int o = 66; o <= 78; o++) {
            String i = item(o, 2);
            if (i.equals("NULL") || Integer.parseInt(i) > ITEMS) {
                unstocked.add(List.of(String.valueOf(o)));
            } else {
                stockedCount++;
                stockedSum += o;
            }
        }
        assertEquals(List.of(List.of(String.valueOf(stockedCount), String.valueOf(stockedSum))), semi);
        assertEquals(unstocked, anti);
    }
}
