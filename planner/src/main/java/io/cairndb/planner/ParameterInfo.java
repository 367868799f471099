package io.cairndb.planner;

/**
 * Describes one '?' parameter of a planned statement, as ParameterMetaData reports it.
 *
 * @param sqlType   java.sql.Types constant inferred for the parameter
 * @param typeName  SQL type name
 * @param precision precision/length, 0 when not applicable
 * @param scale     scale, 0 when not applicable
 */
public record ParameterInfo(int sqlType, String typeName, int precision, int scale) {
}
