package io.cairndb.sql.meta;

import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.ColumnType;
import java.sql.Types;

/** How catalog column types look through JDBC: java.sql.Types code, type name, size and digits. */
final class JdbcTypes {
    private JdbcTypes() {
    }

    static int sqlType(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> Types.BOOLEAN;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case CHAR -> Types.CHAR;
            case VARCHAR -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case VARBINARY -> Types.VARBINARY;
        };
    }

    /** Maximum precision/length of a type, for getTypeInfo and unbounded columns. */
    static int maxPrecision(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> 1;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case REAL -> 7;
            case DOUBLE -> 15;
            case DECIMAL -> 38;
            case CHAR, VARCHAR, VARBINARY -> Integer.MAX_VALUE;
            case DATE -> 10;
            case TIME -> 8;
            case TIMESTAMP -> 26;
        };
    }

    /** COLUMN_SIZE of getColumns: declared length/precision, or the type's natural size. */
    static int columnSize(ColumnDef column) {
        return switch (column.type()) {
            case DECIMAL, CHAR -> column.precision();
            case VARCHAR, VARBINARY -> column.precision() > 0 ? column.precision() : Integer.MAX_VALUE;
            default -> maxPrecision(column.type());
        };
    }

    static Integer decimalDigits(ColumnDef column) {
        return switch (column.type()) {
            case DECIMAL -> column.scale();
            case SMALLINT, INTEGER, BIGINT -> 0;
            case TIMESTAMP -> 6;
            default -> null;
        };
    }

    /** The type as DDL writes it, e.g. VARCHAR(20) or DECIMAL(10,2). */
    static String typeName(ColumnType type) {
        return type.name();
    }
}
