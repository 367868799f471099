package io.cairndb.planner.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A table: its columns in declaration order (hidden ones included), its primary key and its secondary indexes.
 *
 * @param tableId    storage table id (keys start with it)
 * @param schema     schema name
 * @param name       table name
 * @param columns    every column, hidden "_ROWID" included
 * @param primaryKey primary-key column names ("_ROWID" for a table created without one)
 * @param indexes    secondary indexes
 */
public record TableDef(int tableId, String schema, String name, List<ColumnDef> columns, List<String> primaryKey,
                       List<IndexDef> indexes) {
    public TableDef {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
    }

    /** Position of column {@code name} in {@link #columns()}, or -1. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public ColumnDef column(String name) {
        int i = columnIndex(name);
        return i < 0 ? null : columns.get(i);
    }

    /** Positions (in {@link #columns()}) of the primary-key columns, in key order. */
    public int[] primaryKeyPositions() {
        return positions(primaryKey);
    }

    /** Positions (in {@link #columns()}) of the given columns. */
    public int[] positions(List<String> names) {
        int[] p = new int[names.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = columnIndex(names.get(i));
        }
        return p;
    }

    /** Positions of the columns SQL sees (everything but hidden columns). */
    public int[] visiblePositions() {
        List<Integer> v = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).hidden()) {
                v.add(i);
            }
        }
        return v.stream().mapToInt(Integer::intValue).toArray();
    }

    public boolean hasHiddenColumns() {
        return columns.stream().anyMatch(ColumnDef::hidden);
    }

    public IndexDef index(String indexName) {
        return indexes.stream().filter(ix -> ix.name().equals(indexName)).findFirst().orElse(null);
    }

    public TableDef withIndexes(List<IndexDef> newIndexes) {
        return new TableDef(tableId, schema, name, columns, primaryKey, newIndexes);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
