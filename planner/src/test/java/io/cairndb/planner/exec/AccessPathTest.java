package io.cairndb.planner.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.catalog.IndexDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.row.RowCodec;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.keys.KeyWriter;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Key-span derivation from pushed-down predicates, tested directly on RexNodes. */
class AccessPathTest {
    private final RexBuilder rex = new RexBuilder(SqlConfig.TYPE_FACTORY);
    // PK (A INTEGER, B VARCHAR), C INTEGER with index IX_C
    private final TableDef table = new TableDef(42, "PUBLIC", "T", List.of(
            ColumnDef.of("A", ColumnType.INTEGER, false), ColumnDef.of("B", ColumnType.VARCHAR, false),
            ColumnDef.of("C", ColumnType.INTEGER, true)), List.of("A", "B"),
            List.of(new IndexDef(1, "IX_C", List.of("C"), List.of(false), false)));
    private final RowCodec codec = new RowCodec(table);
    private final int[] identity = {0, 1, 2};

    private RexNode ref(int i) {
        SqlTypeName t = i == 1 ? SqlTypeName.VARCHAR : SqlTypeName.INTEGER;
        return rex.makeInputRef(SqlConfig.TYPE_FACTORY.createSqlType(t), i);
    }

    private RexNode intLit(int v) {
        return rex.makeExactLiteral(BigDecimal.valueOf(v), SqlConfig.TYPE_FACTORY.createSqlType(SqlTypeName.INTEGER));
    }

    private AccessPath path(RexNode... filters) {
        return AccessPath.choose(table, KeyPredicates.analyze(List.of(filters), identity));
    }

    private byte[] pk(Object... cols) {
        KeyWriter w = KeySpace.indexKey(42, 0);
        if (cols.length > 0) {
            w.writeLong(((Number) cols[0]).longValue());
        }
        if (cols.length > 1) {
            w.writeString((String) cols[1]);
        }
        return w.toBytes();
    }

    @Test
    void equalityOnWholeKeyIsAPointLookup() {
        AccessPath p = path(rex.makeCall(SqlStdOperatorTable.AND,
                rex.makeCall(SqlStdOperatorTable.EQUALS, ref(0), intLit(5)),
                rex.makeCall(SqlStdOperatorTable.EQUALS, ref(1), rex.makeLiteral("x"))));
        List<KeySpan> spans = p.spans(codec, i -> null);
        assertEquals(1, spans.size());
        assertTrue(spans.get(0).point());
        assertArrayEquals(pk(5, "x"), spans.get(0).start());
        assertNull(p.index());
    }

    @Test
    void equalityOnPrefixIsOnePrefixSpan() {
        List<KeySpan> spans = path(rex.makeCall(SqlStdOperatorTable.EQUALS, intLit(7), ref(0)))
                .spans(codec, i -> null);
        assertEquals(1, spans.size());
        assertFalse(spans.get(0).point());
        assertArrayEquals(pk(7), spans.get(0).start());
        assertArrayEquals(KeySpace.prefixEnd(pk(7)), spans.get(0).end());
    }

    @Test
    void inListGivesOneSpanPerValueInKeyOrder() {
        RexNode in = rex.makeIn(ref(0), List.of(intLit(9), intLit(3), intLit(6)));
        List<KeySpan> spans = path(in).spans(codec, i -> null);
        assertEquals(3, spans.size());
        assertArrayEquals(pk(3), spans.get(0).start());
        assertArrayEquals(pk(6), spans.get(1).start());
        assertArrayEquals(pk(9), spans.get(2).start());
    }

    @Test
    void rangeBoundsAreInclusiveOrExclusive() {
        List<KeySpan> spans = path(
                rex.makeCall(SqlStdOperatorTable.GREATER_THAN, ref(0), intLit(10)),
                rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, ref(0), intLit(20))).spans(codec, i -> null);
        assertEquals(1, spans.size());
        assertArrayEquals(KeySpace.prefixEnd(pk(10)), spans.get(0).start());
        assertArrayEquals(KeySpace.prefixEnd(pk(20)), spans.get(0).end());
        List<KeySpan> half = path(rex.makeCall(SqlStdOperatorTable.LESS_THAN, ref(0), intLit(3)))
                .spans(codec, i -> null);
        assertArrayEquals(pk(3), half.get(0).end());
    }

    @Test
    void parametersAreResolvedAtRunTime() {
        RexNode param = rex.makeDynamicParam(SqlConfig.TYPE_FACTORY.createSqlType(SqlTypeName.INTEGER), 0);
        AccessPath p = path(rex.makeCall(SqlStdOperatorTable.EQUALS, ref(0), param));
        assertArrayEquals(pk(11), p.spans(codec, i -> 11).get(0).start());
        assertArrayEquals(pk(12), p.spans(codec, i -> 12).get(0).start());
        assertEquals("Access PUBLIC.T: key span via PRIMARY KEY (A, B) where A = ?0", p.describe());
    }

    @Test
    void nonKeyPredicatesScanEverything() {
        AccessPath p = path(rex.makeCall(SqlStdOperatorTable.EQUALS, ref(1), rex.makeLiteral("b")));
        assertTrue(p.isFullScan());
        List<KeySpan> spans = p.spans(codec, i -> null);
        assertEquals(1, spans.size());
        assertArrayEquals(codec.primaryPrefix(), spans.get(0).start());
    }

    @Test
    void equalityOnIndexedColumnUsesTheIndex() {
        AccessPath p = path(rex.makeCall(SqlStdOperatorTable.EQUALS, ref(2), intLit(4)));
        assertEquals("IX_C", p.index().name());
        byte[] prefix = KeySpace.indexKey(42, 1).writeLong(4).toBytes();
        assertArrayEquals(prefix, p.spans(codec, i -> null).get(0).start());
        assertEquals("Access PUBLIC.T: key span via INDEX IX_C (C) where C = 4", p.describe());
    }

    @Test
    void inexactLiteralDoesNotNarrow() {
        RexNode frac = rex.makeExactLiteral(new BigDecimal("1.5"));
        AccessPath p = path(rex.makeCall(SqlStdOperatorTable.EQUALS, ref(0), frac));
        List<KeySpan> spans = p.spans(codec, i -> null);
        assertArrayEquals(codec.primaryPrefix(), spans.get(0).start());
    }

    @Test
    void anIndexBindingMoreColumnsThanThePrimaryKeyPrefixIsChosen() {
        // TPC-C's customer: PK (W, D, ID), index (W, D, LAST); the by-name lookup binds W, D and LAST
        TableDef customer = new TableDef(43, "PUBLIC", "CUSTOMER", List.of(
                ColumnDef.of("W", ColumnType.INTEGER, false), ColumnDef.of("D", ColumnType.INTEGER, false),
                ColumnDef.of("ID", ColumnType.INTEGER, false), ColumnDef.of("LAST", ColumnType.VARCHAR, true)),
                List.of("W", "D", "ID"),
                List.of(new IndexDef(1, "IX_LAST", List.of("W", "D", "LAST"), List.of(false, false, false), false)));
        int[] cols = {0, 1, 2, 3};
        RexNode w = rex.makeCall(SqlStdOperatorTable.EQUALS, ref(0), intLit(1));
        RexNode d = rex.makeCall(SqlStdOperatorTable.EQUALS, rex.makeInputRef(SqlConfig.TYPE_FACTORY.createSqlType(SqlTypeName.INTEGER), 1), intLit(2));
        RexNode last = rex.makeCall(SqlStdOperatorTable.EQUALS,
                rex.makeInputRef(SqlConfig.TYPE_FACTORY.createSqlType(SqlTypeName.VARCHAR), 3), rex.makeLiteral("BAR"));
        RexNode id = rex.makeCall(SqlStdOperatorTable.EQUALS, ref(2), intLit(7));
        AccessPath byName = AccessPath.choose(customer, KeyPredicates.analyze(List.of(w, d, last), cols));
        assertEquals("IX_LAST", byName.index().name());
        assertEquals("Access PUBLIC.CUSTOMER: key span via INDEX IX_LAST (W, D, LAST) where W = 1 AND D = 2 AND "
                + "LAST = 'BAR'", byName.describe());
        // the same prefix on both: the primary key (no second lookup per row)
        assertNull(AccessPath.choose(customer, KeyPredicates.analyze(List.of(w, d), cols)).index());
        // the whole primary key: a point lookup beats any index
        assertNull(AccessPath.choose(customer, KeyPredicates.analyze(List.of(w, d, last, id), cols)).index());
        // W, D and a range on ID by primary key read fewer rows than W, D through the index
        RexNode idRange = rex.makeCall(SqlStdOperatorTable.GREATER_THAN, ref(2), intLit(7));
        assertNull(AccessPath.choose(customer, KeyPredicates.analyze(List.of(w, d, idRange), cols)).index(),
                "a range on the primary key after W, D");
    }

    @Test
    void theIndexIsChosenOnlyWhenItNarrowsMoreThanThePrimaryKey() {
        // PK (A, B), IX_C (C): A alone and C alone — the primary key (an index row costs a second lookup)
        RexNode a = rex.makeCall(SqlStdOperatorTable.EQUALS, ref(0), intLit(5));
        RexNode c = rex.makeCall(SqlStdOperatorTable.EQUALS, ref(2), intLit(6));
        assertNull(path(a, c).index());
        assertEquals("IX_C", path(c).index().name());
        // a range on A against an equality on C: the range reads a quarter, the index a tenth at three times the cost
        assertNull(path(rex.makeCall(SqlStdOperatorTable.LESS_THAN, ref(0), intLit(3)), c).index());
    }
}
