package io.cairndb.planner;

/**
 * Describes one result column, as ResultSetMetaData reports it.
 *
 * @param label     the column label (AS name, or the column name)
 * @param name      the underlying column name ("" when computed)
 * @param schema    the underlying table's schema ("" when computed)
 * @param table     the underlying table ("" when computed)
 * @param sqlType   a java.sql.Types constant
 * @param typeName  the SQL type name, e.g. "VARCHAR"
 * @param precision declared precision/length (0 when not applicable)
 * @param scale     declared scale (0 when not applicable)
 * @param nullable  whether the column may be NULL
 */
public record ResultColumn(String label, String name, String schema, String table, int sqlType, String typeName,
                           int precision, int scale, boolean nullable) {
}
