package io.cairndb.planner.catalog;

import java.util.List;

/**
 * A view: its stored query text and optional column aliases.
 *
 * @param schema      schema name
 * @param name        view name
 * @param sql         the query text (a SELECT/VALUES/WITH ...)
 * @param columnNames column aliases, or null to keep the query's own names
 */
public record ViewDef(String schema, String name, String sql, List<String> columnNames) {
    public ViewDef {
        columnNames = columnNames == null ? null : List.copyOf(columnNames);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
