package io.cairndb.planner.catalog;

/** The SQL column types CairnDB stores. */
public enum ColumnType {
    BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, CHAR, VARCHAR, DATE, TIME, TIMESTAMP, VARBINARY;

    public boolean isIntegral() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    public boolean isString() {
        return this == CHAR || this == VARCHAR;
    }
}
