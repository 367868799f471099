package io.cairndb.sql;

import java.util.List;

/**
 * A DatabaseMetaData call, forwarded by the driver. Patterns use SQL LIKE syntax ('%', '_'); null means "any".
 *
 * @param kind          which DatabaseMetaData method
 * @param catalog       catalog argument (CairnDB has one catalog, "CAIRNDB")
 * @param schemaPattern schema name pattern
 * @param tablePattern  table name pattern (or exact table name for PRIMARY_KEYS/INDEX_INFO)
 * @param columnPattern column name pattern (COLUMNS)
 * @param tableTypes    table types filter (TABLES), null for all
 * @param uniqueOnly    INDEX_INFO: only unique indexes
 */
public record MetadataRequest(Kind kind, String catalog, String schemaPattern, String tablePattern,
                              String columnPattern, List<String> tableTypes, boolean uniqueOnly) {

    public enum Kind { CATALOGS, SCHEMAS, TABLES, TABLE_TYPES, COLUMNS, PRIMARY_KEYS, INDEX_INFO, TYPE_INFO }
}
