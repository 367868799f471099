package io.cairndb.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * DatabaseMetaData. Catalogs, schemas, tables, table types, columns, primary keys, indexes and types come from
 * the server (one METADATA request each, rows with the standard JDBC column names); what CairnDB does not have
 * (procedures, functions, foreign keys, UDTs, privileges) are empty results with the standard columns. The
 * capability answers describe CairnDB as it is: SERIALIZABLE transactions, upper-case unquoted identifiers,
 * read-only forward-only or scroll-insensitive result sets, batches, no stored procedures or savepoints.
 */
final class CairnDatabaseMetaData implements DatabaseMetaData {
    private final CairnConnection connection;

    CairnDatabaseMetaData(CairnConnection connection) {
        this.connection = connection;
    }

    private ResultSet meta(String kind, String catalog, String schemaPattern, String tablePattern,
                           String columnPattern, List<String> tableTypes, boolean uniqueOnly) throws SQLException {
        return connection.metadata(kind, catalog, schemaPattern, tablePattern, columnPattern, tableTypes,
                uniqueOnly);
    }

    private int[] serverVersion() {
        String v = connection.serverInfo().serverVersion();
        int[] parts = new int[2];
        if (v != null) {
            String[] p = v.split("[.-]");
            for (int i = 0; i < 2 && i < p.length; i++) {
                try {
                    parts[i] = Integer.parseInt(p[i]);
                } catch (NumberFormatException ignored) {
                    // leave 0
                }
            }
        }
        return parts;
    }

    // ------------------------------------------------------------ metadata result sets from the server

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return meta("CATALOGS", null, null, null, null, null, false);
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return meta("SCHEMAS", null, null, null, null, null, false);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        return meta("SCHEMAS", catalog, schemaPattern, null, null, null, false);
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tablePattern, String[] types)
            throws SQLException {
        return meta("TABLES", catalog, schemaPattern, tablePattern, null, types == null ? null
                : Arrays.asList(types), false);
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return meta("TABLE_TYPES", null, null, null, null, null, false);
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
            throws SQLException {
        return meta("COLUMNS", catalog, schemaPattern, tablePattern, columnPattern, null, false);
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return meta("PRIMARY_KEYS", catalog, schema, table, null, null, false);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        return meta("INDEX_INFO", catalog, schema, table, null, null, unique);
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return meta("TYPE_INFO", null, null, null, null, null, false);
    }

    // ------------------------------------------------------------ empty, driver-built results

    @Override
    public ResultSet getProcedures(String c, String s, String p) {
        return EmptyResults.of(EmptyResults.PROCEDURES);
    }

    @Override
    public ResultSet getProcedureColumns(String c, String s, String p, String col) {
        return EmptyResults.of(EmptyResults.PROCEDURE_COLUMNS);
    }

    @Override
    public ResultSet getColumnPrivileges(String c, String s, String t, String col) {
        return EmptyResults.of(EmptyResults.COLUMN_PRIVILEGES);
    }

    @Override
    public ResultSet getTablePrivileges(String c, String s, String t) {
        return EmptyResults.of(EmptyResults.TABLE_PRIVILEGES);
    }

    @Override
    public ResultSet getBestRowIdentifier(String c, String s, String t, int scope, boolean nullable) {
        return EmptyResults.of(EmptyResults.BEST_ROW);
    }

    @Override
    public ResultSet getVersionColumns(String c, String s, String t) {
        return EmptyResults.of(EmptyResults.VERSION_COLUMNS);
    }

    @Override
    public ResultSet getImportedKeys(String c, String s, String t) {
        return EmptyResults.of(EmptyResults.KEYS);
    }

    @Override
    public ResultSet getExportedKeys(String c, String s, String t) {
        return EmptyResults.of(EmptyResults.KEYS);
    }

    @Override
    public ResultSet getCrossReference(String pc, String ps, String pt, String fc, String fs, String ft) {
        return EmptyResults.of(EmptyResults.KEYS);
    }

    @Override
    public ResultSet getUDTs(String c, String s, String t, int[] types) {
        return EmptyResults.of(EmptyResults.UDTS);
    }

    @Override
    public ResultSet getSuperTypes(String c, String s, String t) {
        return EmptyResults.of(EmptyResults.SUPER_TYPES);
    }

    @Override
    public ResultSet getSuperTables(String c, String s, String t) {
        return EmptyResults.of(EmptyResults.SUPER_TABLES);
    }

    @Override
    public ResultSet getAttributes(String c, String s, String t, String a) {
        return EmptyResults.of(EmptyResults.ATTRIBUTES);
    }

    @Override
    public ResultSet getClientInfoProperties() {
        return EmptyResults.of(EmptyResults.CLIENT_INFO);
    }

    @Override
    public ResultSet getFunctions(String c, String s, String f) {
        return EmptyResults.of(EmptyResults.FUNCTIONS);
    }

    @Override
    public ResultSet getFunctionColumns(String c, String s, String f, String col) {
        return EmptyResults.of(EmptyResults.FUNCTION_COLUMNS);
    }

    @Override
    public ResultSet getPseudoColumns(String c, String s, String t, String col) {
        return EmptyResults.of(EmptyResults.PSEUDO_COLUMNS);
    }

    // ------------------------------------------------------------ product, driver, connection

    @Override
    public String getURL() {
        return ConnectionUrl.PREFIX + String.join(",", connection.url().hosts().stream().map(Object::toString)
                .toList()) + (connection.url().schema() == null ? "" : "/" + connection.url().schema());
    }

    @Override
    public String getUserName() {
        return connection.url().user();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    @Override
    public String getDatabaseProductName() {
        return "CairnDB";
    }

    @Override
    public String getDatabaseProductVersion() {
        return connection.serverInfo().serverVersion();
    }

    @Override
    public int getDatabaseMajorVersion() {
        return serverVersion()[0];
    }

    @Override
    public int getDatabaseMinorVersion() {
        return serverVersion()[1];
    }

    @Override
    public String getDriverName() {
        return Driver.NAME;
    }

    @Override
    public String getDriverVersion() {
        return Driver.VERSION;
    }

    @Override
    public int getDriverMajorVersion() {
        return Driver.MAJOR_VERSION;
    }

    @Override
    public int getDriverMinorVersion() {
        return Driver.MINOR_VERSION;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    // ------------------------------------------------------------ identifiers and terms

    @Override public boolean supportsMixedCaseIdentifiers() { return false; }
    @Override public boolean storesUpperCaseIdentifiers() { return true; }
    @Override public boolean storesLowerCaseIdentifiers() { return false; }
    @Override public boolean storesMixedCaseIdentifiers() { return false; }
    @Override public boolean supportsMixedCaseQuotedIdentifiers() { return true; }
    @Override public boolean storesUpperCaseQuotedIdentifiers() { return false; }
    @Override public boolean storesLowerCaseQuotedIdentifiers() { return false; }
    @Override public boolean storesMixedCaseQuotedIdentifiers() { return true; }
    @Override public String getIdentifierQuoteString() { return "\""; }

    /** Keywords beyond SQL:2003 that CairnDB reserves. */
    @Override
    public String getSQLKeywords() {
        return "LIMIT,OFFSET,EXPLAIN,PLAN,IF";
    }

    @Override
    public String getNumericFunctions() {
        return "ABS,ACOS,ASIN,ATAN,ATAN2,CEILING,COS,COT,DEGREES,EXP,FLOOR,LOG,LOG10,MOD,PI,POWER,RADIANS,RAND,"
                + "ROUND,SIGN,SIN,SQRT,TAN,TRUNCATE";
    }

    @Override
    public String getStringFunctions() {
        return "CHAR_LENGTH,CHARACTER_LENGTH,CONCAT,LOWER,OVERLAY,POSITION,SUBSTRING,TRIM,UPPER";
    }

    @Override
    public String getSystemFunctions() {
        return "USER";
    }

    @Override
    public String getTimeDateFunctions() {
        return "CURRENT_DATE,CURRENT_TIME,CURRENT_TIMESTAMP,EXTRACT";
    }

    @Override public String getSearchStringEscape() { return "\\"; }
    @Override public String getExtraNameCharacters() { return ""; }
    @Override public String getSchemaTerm() { return "schema"; }
    @Override public String getProcedureTerm() { return "procedure"; }
    @Override public String getCatalogTerm() { return "catalog"; }
    @Override public boolean isCatalogAtStart() { return true; }
    @Override public String getCatalogSeparator() { return "."; }

    // ------------------------------------------------------------ SQL capabilities

    @Override public boolean allProceduresAreCallable() { return false; }
    @Override public boolean allTablesAreSelectable() { return true; }
    @Override public boolean nullsAreSortedHigh() { return false; }
    @Override public boolean nullsAreSortedLow() { return true; }
    @Override public boolean nullsAreSortedAtStart() { return false; }
    @Override public boolean nullsAreSortedAtEnd() { return false; }
    @Override public boolean usesLocalFiles() { return false; }
    @Override public boolean usesLocalFilePerTable() { return false; }
    @Override public boolean supportsAlterTableWithAddColumn() { return false; }
    @Override public boolean supportsAlterTableWithDropColumn() { return false; }
    @Override public boolean supportsColumnAliasing() { return true; }
    @Override public boolean nullPlusNonNullIsNull() { return true; }
    @Override public boolean supportsConvert() { return true; }
    @Override public boolean supportsConvert(int fromType, int toType) { return true; }
    @Override public boolean supportsTableCorrelationNames() { return true; }
    @Override public boolean supportsDifferentTableCorrelationNames() { return false; }
    @Override public boolean supportsExpressionsInOrderBy() { return true; }
    @Override public boolean supportsOrderByUnrelated() { return true; }
    @Override public boolean supportsGroupBy() { return true; }
    @Override public boolean supportsGroupByUnrelated() { return true; }
    @Override public boolean supportsGroupByBeyondSelect() { return true; }
    @Override public boolean supportsLikeEscapeClause() { return true; }
    @Override public boolean supportsMultipleResultSets() { return false; }
    @Override public boolean supportsMultipleTransactions() { return true; }
    @Override public boolean supportsNonNullableColumns() { return true; }
    @Override public boolean supportsMinimumSQLGrammar() { return true; }
    @Override public boolean supportsCoreSQLGrammar() { return true; }
    @Override public boolean supportsExtendedSQLGrammar() { return false; }
    @Override public boolean supportsANSI92EntryLevelSQL() { return true; }
    @Override public boolean supportsANSI92IntermediateSQL() { return false; }
    @Override public boolean supportsANSI92FullSQL() { return false; }
    @Override public boolean supportsIntegrityEnhancementFacility() { return false; }
    @Override public boolean supportsOuterJoins() { return true; }
    @Override public boolean supportsFullOuterJoins() { return true; }
    @Override public boolean supportsLimitedOuterJoins() { return true; }
    @Override public boolean supportsSchemasInDataManipulation() { return true; }
    @Override public boolean supportsSchemasInProcedureCalls() { return false; }
    @Override public boolean supportsSchemasInTableDefinitions() { return true; }
    @Override public boolean supportsSchemasInIndexDefinitions() { return true; }
    @Override public boolean supportsSchemasInPrivilegeDefinitions() { return false; }
    @Override public boolean supportsCatalogsInDataManipulation() { return false; }
    @Override public boolean supportsCatalogsInProcedureCalls() { return false; }
    @Override public boolean supportsCatalogsInTableDefinitions() { return false; }
    @Override public boolean supportsCatalogsInIndexDefinitions() { return false; }
    @Override public boolean supportsCatalogsInPrivilegeDefinitions() { return false; }
    @Override public boolean supportsPositionedDelete() { return false; }
    @Override public boolean supportsPositionedUpdate() { return false; }
    @Override public boolean supportsSelectForUpdate() { return false; }
    @Override public boolean supportsStoredProcedures() { return false; }
    @Override public boolean supportsSubqueriesInComparisons() { return true; }
    @Override public boolean supportsSubqueriesInExists() { return true; }
    @Override public boolean supportsSubqueriesInIns() { return true; }
    @Override public boolean supportsSubqueriesInQuantifieds() { return true; }
    @Override public boolean supportsCorrelatedSubqueries() { return true; }
    @Override public boolean supportsUnion() { return true; }
    @Override public boolean supportsUnionAll() { return true; }
    @Override public boolean supportsOpenCursorsAcrossCommit() { return false; }
    @Override public boolean supportsOpenCursorsAcrossRollback() { return false; }
    @Override public boolean supportsOpenStatementsAcrossCommit() { return true; }
    @Override public boolean supportsOpenStatementsAcrossRollback() { return true; }

    // ------------------------------------------------------------ limits (0 = no known limit)

    @Override public int getMaxBinaryLiteralLength() { return 0; }
    @Override public int getMaxCharLiteralLength() { return 0; }
    @Override public int getMaxColumnNameLength() { return 0; }
    @Override public int getMaxColumnsInGroupBy() { return 0; }
    @Override public int getMaxColumnsInIndex() { return 0; }
    @Override public int getMaxColumnsInOrderBy() { return 0; }
    @Override public int getMaxColumnsInSelect() { return 0; }
    @Override public int getMaxColumnsInTable() { return 0; }
    @Override public int getMaxConnections() { return 0; }
    @Override public int getMaxCursorNameLength() { return 0; }
    @Override public int getMaxIndexLength() { return 0; }
    @Override public int getMaxSchemaNameLength() { return 0; }
    @Override public int getMaxProcedureNameLength() { return 0; }
    @Override public int getMaxCatalogNameLength() { return 0; }
    @Override public int getMaxRowSize() { return 0; }
    @Override public boolean doesMaxRowSizeIncludeBlobs() { return false; }
    @Override public int getMaxStatementLength() { return 0; }
    @Override public int getMaxStatements() { return 0; }
    @Override public int getMaxTableNameLength() { return 0; }
    @Override public int getMaxTablesInSelect() { return 0; }
    @Override public int getMaxUserNameLength() { return 0; }

    // ------------------------------------------------------------ transactions

    @Override public int getDefaultTransactionIsolation() { return Connection.TRANSACTION_SERIALIZABLE; }
    @Override public boolean supportsTransactions() { return true; }

    /** Only SERIALIZABLE is provided as such (weaker requests are accepted and run SERIALIZABLE). */
    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_SERIALIZABLE;
    }

    // DDL commits on its own and is refused once a transaction has run statements
    @Override public boolean supportsDataDefinitionAndDataManipulationTransactions() { return false; }
    @Override public boolean supportsDataManipulationTransactionsOnly() { return true; }
    @Override public boolean dataDefinitionCausesTransactionCommit() { return false; }
    @Override public boolean dataDefinitionIgnoredInTransactions() { return false; }
    @Override public boolean supportsSavepoints() { return false; }
    @Override public boolean autoCommitFailureClosesAllResultSets() { return false; }

    // ------------------------------------------------------------ result sets and statements

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY || type == ResultSet.TYPE_SCROLL_INSENSITIVE;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return supportsResultSetType(type) && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override public boolean ownUpdatesAreVisible(int type) { return false; }
    @Override public boolean ownDeletesAreVisible(int type) { return false; }
    @Override public boolean ownInsertsAreVisible(int type) { return false; }
    @Override public boolean othersUpdatesAreVisible(int type) { return false; }
    @Override public boolean othersDeletesAreVisible(int type) { return false; }
    @Override public boolean othersInsertsAreVisible(int type) { return false; }
    @Override public boolean updatesAreDetected(int type) { return false; }
    @Override public boolean deletesAreDetected(int type) { return false; }
    @Override public boolean insertsAreDetected(int type) { return false; }
    @Override public boolean supportsBatchUpdates() { return true; }
    @Override public boolean supportsNamedParameters() { return false; }
    @Override public boolean supportsMultipleOpenResults() { return false; }
    @Override public boolean supportsGetGeneratedKeys() { return false; }
    @Override public boolean generatedKeyAlwaysReturned() { return false; }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override public int getResultSetHoldability() { return ResultSet.CLOSE_CURSORS_AT_COMMIT; }
    @Override public boolean locatorsUpdateCopy() { return false; }
    @Override public boolean supportsStatementPooling() { return false; }
    @Override public RowIdLifetime getRowIdLifetime() { return RowIdLifetime.ROWID_UNSUPPORTED; }
    @Override public boolean supportsStoredFunctionsUsingCallSyntax() { return false; }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw JdbcErrors.error(JdbcErrors.USAGE, "not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
