package io.cairndb.jdbc;

import io.cairndb.protocol.ColumnInfo;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Result sets built in the driver for DatabaseMetaData calls about things CairnDB does not have (procedures,
 * foreign keys, UDTs...): no rows, but the standard JDBC columns, so generic tools can read them by name.
 */
final class EmptyResults {
    private EmptyResults() {
    }

    /**
     * @param spec comma-separated {@code NAME:t} pairs, t being s (VARCHAR), i (INTEGER), h (SMALLINT),
     *             b (BOOLEAN)
     */
    static ResultSet of(String spec) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] nt = part.trim().split(":");
            int type;
            String typeName;
            switch (nt[1]) {
                case "i" -> { type = Types.INTEGER; typeName = "INTEGER"; }
                case "h" -> { type = Types.SMALLINT; typeName = "SMALLINT"; }
                case "b" -> { type = Types.BOOLEAN; typeName = "BOOLEAN"; }
                default -> { type = Types.VARCHAR; typeName = "VARCHAR"; }
            }
            columns.add(new ColumnInfo(nt[0], nt[0], "", "", type, typeName, 0, 0, true));
        }
        return new CairnResultSet(null, List.copyOf(columns), new BufferedRows(List.of()),
                CairnStatement.DEFAULT_FETCH_SIZE);
    }

    static final String PROCEDURES = "PROCEDURE_CAT:s,PROCEDURE_SCHEM:s,PROCEDURE_NAME:s,RESERVED1:s,RESERVED2:s,"
            + "RESERVED3:s,REMARKS:s,PROCEDURE_TYPE:h,SPECIFIC_NAME:s";
    static final String PROCEDURE_COLUMNS = "PROCEDURE_CAT:s,PROCEDURE_SCHEM:s,PROCEDURE_NAME:s,COLUMN_NAME:s,"
            + "COLUMN_TYPE:h,DATA_TYPE:i,TYPE_NAME:s,PRECISION:i,LENGTH:i,SCALE:h,RADIX:h,NULLABLE:h,REMARKS:s,"
            + "COLUMN_DEF:s,SQL_DATA_TYPE:i,SQL_DATETIME_SUB:i,CHAR_OCTET_LENGTH:i,ORDINAL_POSITION:i,"
            + "IS_NULLABLE:s,SPECIFIC_NAME:s";
    static final String COLUMN_PRIVILEGES = "TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,COLUMN_NAME:s,GRANTOR:s,"
            + "GRANTEE:s,PRIVILEGE:s,IS_GRANTABLE:s";
    static final String TABLE_PRIVILEGES = "TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,GRANTOR:s,GRANTEE:s,"
            + "PRIVILEGE:s,IS_GRANTABLE:s";
    static final String BEST_ROW = "SCOPE:h,COLUMN_NAME:s,DATA_TYPE:i,TYPE_NAME:s,COLUMN_SIZE:i,BUFFER_LENGTH:i,"
            + "DECIMAL_DIGITS:h,PSEUDO_COLUMN:h";
    static final String VERSION_COLUMNS = BEST_ROW;
    static final String KEYS = "PKTABLE_CAT:s,PKTABLE_SCHEM:s,PKTABLE_NAME:s,PKCOLUMN_NAME:s,FKTABLE_CAT:s,"
            + "FKTABLE_SCHEM:s,FKTABLE_NAME:s,FKCOLUMN_NAME:s,KEY_SEQ:h,UPDATE_RULE:h,DELETE_RULE:h,FK_NAME:s,"
            + "PK_NAME:s,DEFERRABILITY:h";
    static final String UDTS = "TYPE_CAT:s,TYPE_SCHEM:s,TYPE_NAME:s,CLASS_NAME:s,DATA_TYPE:i,REMARKS:s,"
            + "BASE_TYPE:h";
    static final String SUPER_TYPES = "TYPE_CAT:s,TYPE_SCHEM:s,TYPE_NAME:s,SUPERTYPE_CAT:s,SUPERTYPE_SCHEM:s,"
            + "SUPERTYPE_NAME:s";
    static final String SUPER_TABLES = "TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,SUPERTABLE_NAME:s";
    static final String ATTRIBUTES = "TYPE_CAT:s,TYPE_SCHEM:s,TYPE_NAME:s,ATTR_NAME:s,DATA_TYPE:i,"
            + "ATTR_TYPE_NAME:s,ATTR_SIZE:i,DECIMAL_DIGITS:i,NUM_PREC_RADIX:i,NULLABLE:i,REMARKS:s,ATTR_DEF:s,"
            + "SQL_DATA_TYPE:i,SQL_DATETIME_SUB:i,CHAR_OCTET_LENGTH:i,ORDINAL_POSITION:i,IS_NULLABLE:s,"
            + "SCOPE_CATALOG:s,SCOPE_SCHEMA:s,SCOPE_TABLE:s,SOURCE_DATA_TYPE:h";
    static final String CLIENT_INFO = "NAME:s,MAX_LEN:i,DEFAULT_VALUE:s,DESCRIPTION:s";
    static final String FUNCTIONS = "FUNCTION_CAT:s,FUNCTION_SCHEM:s,FUNCTION_NAME:s,REMARKS:s,FUNCTION_TYPE:h,"
            + "SPECIFIC_NAME:s";
    static final String FUNCTION_COLUMNS = "FUNCTION_CAT:s,FUNCTION_SCHEM:s,FUNCTION_NAME:s,COLUMN_NAME:s,"
            + "COLUMN_TYPE:h,DATA_TYPE:i,TYPE_NAME:s,PRECISION:i,LENGTH:i,SCALE:h,RADIX:h,NULLABLE:h,REMARKS:s,"
            + "CHAR_OCTET_LENGTH:i,ORDINAL_POSITION:i,IS_NULLABLE:s,SPECIFIC_NAME:s";
    static final String PSEUDO_COLUMNS = "TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,COLUMN_NAME:s,DATA_TYPE:i,"
            + "COLUMN_SIZE:i,DECIMAL_DIGITS:i,NUM_PREC_RADIX:i,COLUMN_USAGE:s,REMARKS:s,CHAR_OCTET_LENGTH:i,"
            + "IS_NULLABLE:s";
}
