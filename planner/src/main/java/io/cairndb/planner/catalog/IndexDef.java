package io.cairndb.planner.catalog;

import java.util.List;

/**
 * A secondary index. Index id 0 is the primary key; secondary indexes count from 1.
 *
 * @param indexId    id within its table (>= 1)
 * @param name       index name, unique within the schema
 * @param columns    indexed column names, in key order
 * @param descending per column: true for DESC
 * @param unique     whether index values (without NULLs) must be unique
 */
public record IndexDef(int indexId, String name, List<String> columns, List<Boolean> descending, boolean unique) {
    public IndexDef {
        columns = List.copyOf(columns);
        descending = List.copyOf(descending);
    }
}
