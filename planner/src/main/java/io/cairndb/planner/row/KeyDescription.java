package io.cairndb.planner.row;

import io.cairndb.planner.catalog.Catalog;
import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.IndexDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.storage.keys.KeyReader;
import io.cairndb.storage.keys.KeySpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Names a stored key the way a user knows it — {@code PUBLIC.DISTRICT (D_W_ID, D_ID) = (1, 5)}, or an index entry
 * {@code index IX of PUBLIC.CUSTOMER (C_LAST) = ('BAR')} — for error messages (serialization conflicts name keys).
 */
public final class KeyDescription {
    private KeyDescription() {
    }

    /** The table and key values of {@code key}, or null when it is not a key of a table of {@code catalog}. */
    public static String describe(Catalog catalog, byte[] key) {
        int tableId = KeySpace.tableIdOf(key);
        TableDef table = tableId < 0 ? null : catalog.tableById(tableId);
        if (table == null) {
            return null;
        }
        try {
            KeyReader r = new KeyReader(key, 0);
            r.readLong(); // table id
            long indexId = r.readLong();
            if (indexId == 0) {
                return table.qualifiedName() + values(r, table, table.primaryKey(), null);
            }
            for (IndexDef ix : table.indexes()) {
                if (ix.indexId() == indexId) {
                    return "index " + ix.name() + " of " + table.qualifiedName() + values(r, table, ix.columns(),
                            ix.descending());
                }
            }
            return null;
        } catch (RuntimeException e) {
            return null; // not a key this catalog version wrote: leave the key as it was
        }
    }

    private static String values(KeyReader r, TableDef table, List<String> columns, List<Boolean> descending) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns.size() && r.hasMore(); i++) {
            int position = table.positions(List.of(columns.get(i)))[0];
            ColumnDef col = table.columns().get(position);
            Object v = KeyColumns.read(r, col, descending != null && descending.get(i));
            names.add(col.name());
            values.add(literal(col, v));
        }
        return " (" + String.join(", ", names) + ") = (" + String.join(", ", values) + ")";
    }

    /** A key value as SQL would write it (dates and times from their stored day and millisecond counts). */
    private static String literal(ColumnDef col, Object v) {
        if (v == null) {
            return "NULL";
        }
        return switch (col.type()) {
            case CHAR, VARCHAR -> "'" + ((String) v).replace("'", "''") + "'";
            case DATE -> "DATE '" + java.time.LocalDate.ofEpochDay(((Number) v).longValue()) + "'";
            case TIME -> "TIME '" + java.time.LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L) + "'";
            case TIMESTAMP -> "TIMESTAMP '" + java.time.LocalDateTime.ofEpochSecond(
                    Math.floorDiv(((Number) v).longValue(), 1000L),
                    (int) Math.floorMod(((Number) v).longValue(), 1000L) * 1_000_000, java.time.ZoneOffset.UTC)
                    .toString().replace('T', ' ') + "'";
            default -> v.toString();
        };
    }
}
