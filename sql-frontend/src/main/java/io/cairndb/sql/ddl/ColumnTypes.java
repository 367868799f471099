package io.cairndb.sql.ddl;

import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.catalog.ColumnType;

/**
 * Maps the type names users write (SQL standard, PostgreSQL and SQLite spellings) to CairnDB's column types,
 * and checks their length/precision/scale.
 */
public final class ColumnTypes {
    /** DECIMAL without a precision: as wide as CairnDB stores exactly. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    private ColumnTypes() {
    }

    /** A resolved column type; precision/scale are 0 where they do not apply. */
    public record Resolved(ColumnType type, int precision, int scale) {
    }

    public static Resolved resolve(String typeName, int precision, int scale) {
        ColumnType type = switch (typeName) {
            case "BOOLEAN", "BOOL" -> ColumnType.BOOLEAN;
            case "SMALLINT", "INT2", "TINYINT" -> ColumnType.SMALLINT;
            case "INTEGER", "INT", "INT4", "MEDIUMINT" -> ColumnType.INTEGER;
            case "BIGINT", "INT8" -> ColumnType.BIGINT;
            case "REAL", "FLOAT4" -> ColumnType.REAL;
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8" -> ColumnType.DOUBLE;
            case "DECIMAL", "NUMERIC", "DEC" -> ColumnType.DECIMAL;
            case "CHAR", "CHARACTER" -> ColumnType.CHAR;
            case "VARCHAR", "CHARACTER VARYING", "CHAR VARYING", "TEXT", "STRING", "CLOB" -> ColumnType.VARCHAR;
            case "DATE" -> ColumnType.DATE;
            case "TIME" -> ColumnType.TIME;
            case "TIMESTAMP", "DATETIME" -> ColumnType.TIMESTAMP;
            case "VARBINARY", "BINARY VARYING", "BYTEA", "BLOB", "BINARY", "BYTES" -> ColumnType.VARBINARY;
            default -> throw new SqlStateException("42704", "type \"" + typeName.toLowerCase() + "\" does not exist");
        };
        return switch (type) {
            case DECIMAL -> decimal(precision, scale);
            case CHAR -> new Resolved(type, precision < 0 ? 1 : positive(precision, typeName), 0);
            case VARCHAR, VARBINARY -> new Resolved(type, precision < 0 ? 0 : positive(precision, typeName), 0);
            default -> {
                if (scale >= 0 || (precision >= 0 && type != ColumnType.TIME && type != ColumnType.TIMESTAMP
                        && type != ColumnType.DOUBLE)) {
                    throw new SqlStateException("42601", "type " + typeName + " takes no length or scale");
                }
                yield new Resolved(type, 0, 0);
            }
        };
    }

    private static Resolved decimal(int precision, int scale) {
        if (precision < 0) {
            return new Resolved(ColumnType.DECIMAL, MAX_DECIMAL_PRECISION, 0);
        }
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
            throw new SqlStateException("22023",
                    "NUMERIC precision " + precision + " must be between 1 and " + MAX_DECIMAL_PRECISION);
        }
        int s = Math.max(scale, 0);
        if (s > precision) {
            throw new SqlStateException("22023", "NUMERIC scale " + s + " must be between 0 and precision " + precision);
        }
        return new Resolved(ColumnType.DECIMAL, precision, s);
    }

    private static int positive(int length, String typeName) {
        if (length < 1) {
            throw new SqlStateException("22023", "length for type " + typeName + " must be at least 1");
        }
        return length;
    }
}
