package io.cairndb.planner.row;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.catalog.IndexDef;
import io.cairndb.planner.catalog.TableDef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

class RowCodecTest {
    private static final ColumnType[] TYPES = ColumnType.values();

    private static List<ColumnDef> columns(String prefix, boolean nullable) {
        List<ColumnDef> cols = new ArrayList<>();
        for (ColumnType t : TYPES) {
            int precision = switch (t) {
                case DECIMAL -> 38;
                case CHAR -> 5;
                case VARCHAR -> 100;
                default -> 0;
            };
            cols.add(new ColumnDef(prefix + t.name(), t, precision, t == ColumnType.DECIMAL ? 4 : 0, nullable, null,
                    false));
        }
        return cols;
    }

    /** Keys hold every type (the primary key), values hold every type (the other columns). */
    private static TableDef table() {
        List<ColumnDef> cols = new ArrayList<>(columns("K_", false));
        cols.addAll(columns("V_", true));
        List<String> pk = cols.subList(0, TYPES.length).stream().map(ColumnDef::name).toList();
        return new TableDef(1234, "PUBLIC", "ALLTYPES", cols, pk,
                List.of(new IndexDef(1, "IX", List.of("V_VARCHAR", "V_INTEGER"), List.of(false, true), false),
                        new IndexDef(2, "UX", List.of("V_BIGINT"), List.of(false), true)));
    }

    private static Object[] values(boolean min) {
        return new Object[] {
            min ? Boolean.FALSE : Boolean.TRUE,
            min ? Short.MIN_VALUE : Short.MAX_VALUE,
            min ? Integer.MIN_VALUE : Integer.MAX_VALUE,
            min ? Long.MIN_VALUE : Long.MAX_VALUE,
            min ? -Float.MAX_VALUE : Float.MAX_VALUE,
            min ? Double.NEGATIVE_INFINITY : Double.MAX_VALUE,
            min ? new BigDecimal("-9999999999999999999999999999999999.9999") : new BigDecimal("0.0001"),
            min ? "" : "ab\u00e9",
            min ? "" : "x\u0000y\u65e5\u672c",
            min ? -719162 : 2932896, // 0001-01-01 .. 9999-12-31
            min ? 0 : 86_399_999,
            min ? -62135596800000L : 253402300799999L,
            min ? new ByteString(new byte[0]) : new ByteString(new byte[] {0, -1, 127, -128}),
        };
    }

    @Test
    void roundTripsEveryTypeWithExtremesAndNulls() {
        TableDef t = table();
        RowCodec codec = new RowCodec(t);
        for (boolean min : new boolean[] {true, false}) {
            for (boolean nullValues : new boolean[] {true, false}) {
                Object[] row = new Object[t.columns().size()];
                Object[] v = values(min);
                System.arraycopy(v, 0, row, 0, v.length);
                if (!nullValues) {
                    System.arraycopy(values(!min), 0, row, v.length, v.length);
                }
                byte[] key = codec.primaryKey(row);
                Object[] back = codec.decode(key, codec.value(row));
                assertArrayEquals(row, back, "min=" + min + " nulls=" + nullValues);
                if (nullValues) {
                    for (int i = v.length; i < row.length; i++) {
                        assertNull(back[i]);
                    }
                }
            }
        }
    }

    @Test
    void decimalIsRescaledToColumnScaleAndCharIsPadded() {
        ColumnDef dec = new ColumnDef("D", ColumnType.DECIMAL, 10, 3, true, null, false);
        assertEquals(new BigDecimal("1.500"), ValueCoercion.coerce(new BigDecimal("1.5"), dec));
        assertEquals(new BigDecimal("2.000"), ValueCoercion.coerce(2, dec));
        assertEquals(new BigDecimal("1.235"), ValueCoercion.coerce(new BigDecimal("1.2345"), dec));
        ColumnDef ch = new ColumnDef("C", ColumnType.CHAR, 4, 0, true, null, false);
        assertEquals("ab", ValueCoercion.coerce("ab  ", ch));
        assertEquals("abcd", ValueCoercion.coerce("abcd   ", ch));
        assertEquals("ab  ", io.cairndb.planner.row.ValueConversions.padChar("ab", 4));
        TableDef t = new TableDef(7, "PUBLIC", "T", List.of(dec, ch), List.of("D"), List.of());
        RowCodec codec = new RowCodec(t);
        Object[] row = {new BigDecimal("10.000"), "ab"};
        Object[] back = codec.decode(codec.primaryKey(row), codec.value(row));
        assertEquals(new BigDecimal("10.000"), back[0]);
        assertEquals(3, ((BigDecimal) back[0]).scale());
        assertEquals("ab", back[1]);
    }

    @Test
    void coercionRejectsOutOfRangeAndTooLong() {
        assertEquals("22003", state(() -> ValueCoercion.coerce(40000, ColumnDef.of("S", ColumnType.SMALLINT, true))));
        assertEquals("22003", state(() -> ValueCoercion.coerce(new BigDecimal("123.45"),
                new ColumnDef("D", ColumnType.DECIMAL, 4, 2, true, null, false))));
        assertEquals("22001", state(() -> ValueCoercion.coerce("abcd",
                new ColumnDef("V", ColumnType.VARCHAR, 3, 0, true, null, false))));
        assertEquals("22001", state(() -> ValueCoercion.coerce("abcde",
                new ColumnDef("C", ColumnType.CHAR, 4, 0, true, null, false))));
        assertEquals("22018", state(() -> ValueCoercion.coerce("zz", ColumnDef.of("I", ColumnType.INTEGER, true))));
        assertEquals("22007", state(() -> ValueCoercion.coerce("2020-13-45", ColumnDef.of("D", ColumnType.DATE,
                true))));
    }

    private static String state(Runnable r) {
        try {
            r.run();
            return "no error";
        } catch (io.cairndb.planner.SqlStateException e) {
            return e.sqlState();
        }
    }

    @Test
    void keysSortInValueOrder() {
        ColumnDef c = ColumnDef.of("I", ColumnType.INTEGER, false);
        TableDef t = new TableDef(9, "PUBLIC", "T", List.of(c), List.of("I"), List.of());
        RowCodec codec = new RowCodec(t);
        int[] vals = {Integer.MIN_VALUE, -5, 0, 3, Integer.MAX_VALUE};
        for (int i = 1; i < vals.length; i++) {
            assertTrue(Arrays.compareUnsigned(codec.primaryKey(new Object[] {vals[i - 1]}),
                    codec.primaryKey(new Object[] {vals[i]})) < 0);
        }
    }

    @Test
    void indexEntriesPointBackAtTheRow() {
        TableDef t = table();
        RowCodec codec = new RowCodec(t);
        Object[] row = new Object[t.columns().size()];
        System.arraycopy(values(false), 0, row, 0, TYPES.length);
        System.arraycopy(values(true), 0, row, TYPES.length, TYPES.length);
        byte[] pk = codec.primaryKey(row);
        for (IndexDef ix : t.indexes()) {
            IndexEntry e = codec.indexEntry(ix, row);
            assertArrayEquals(pk, codec.primaryKeyOfIndexEntry(ix, e.key(), e.value()), ix.name());
        }
        // a unique index entry with a NULL column carries the primary key in its key (NULLs are distinct)
        row[TYPES.length + ColumnType.BIGINT.ordinal()] = null;
        IndexDef ux = t.index("UX");
        IndexEntry e = codec.indexEntry(ux, row);
        assertTrue(e.key().length > codec.indexPrefix(ux).length + 1);
        assertArrayEquals(pk, codec.primaryKeyOfIndexEntry(ux, e.key(), e.value()));
    }
}
