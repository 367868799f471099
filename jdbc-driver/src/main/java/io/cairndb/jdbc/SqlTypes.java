package io.cairndb.jdbc;

import java.sql.Types;

/** Facts about java.sql.Types codes used by the metadata classes. */
final class SqlTypes {
    private SqlTypes() {
    }

    static String className(int sqlType) {
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> "java.lang.Boolean";
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> "java.lang.Integer";
            case Types.BIGINT -> "java.lang.Long";
            case Types.REAL -> "java.lang.Float";
            case Types.FLOAT, Types.DOUBLE -> "java.lang.Double";
            case Types.DECIMAL, Types.NUMERIC -> "java.math.BigDecimal";
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB -> "java.lang.String";
            case Types.DATE -> "java.sql.Date";
            case Types.TIME -> "java.sql.Time";
            case Types.TIMESTAMP -> "java.sql.Timestamp";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "[B";
            default -> "java.lang.Object";
        };
    }

    static boolean isSigned(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
                    Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }

    static boolean isText(int sqlType) {
        return switch (sqlType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB -> true;
            default -> false;
        };
    }

    /** Characters needed to show a value of the type (display size). */
    static int displaySize(int sqlType, int precision, int scale) {
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> 5;
            case Types.TINYINT -> 4;
            case Types.SMALLINT -> 6;
            case Types.INTEGER -> 11;
            case Types.BIGINT -> 20;
            case Types.REAL -> 15;
            case Types.FLOAT, Types.DOUBLE -> 24;
            case Types.DECIMAL, Types.NUMERIC -> precision > 0 ? precision + (scale > 0 ? 2 : 1) : 40;
            case Types.DATE -> 10;
            case Types.TIME -> precision > 0 ? 9 + precision : 8;
            case Types.TIMESTAMP -> precision > 0 ? 20 + precision : 19;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> precision > 0 && precision < 1 << 29
                    ? precision * 2 : Integer.MAX_VALUE;
            default -> precision > 0 ? precision : Integer.MAX_VALUE;
        };
    }
}
