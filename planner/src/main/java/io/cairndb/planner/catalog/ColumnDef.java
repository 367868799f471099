package io.cairndb.planner.catalog;

/**
 * One column of a table.
 *
 * @param name       column name (as stored, usually upper case)
 * @param type       SQL type
 * @param precision  DECIMAL precision or CHAR/VARCHAR/VARBINARY length; 0 or less when not given
 *                   (unbounded VARCHAR/VARBINARY, DECIMAL(38, scale), CHAR(1))
 * @param scale      DECIMAL scale
 * @param nullable   whether NULL is allowed
 * @param defaultSql SQL expression text of the DEFAULT, or null
 * @param hidden     true for the generated "_ROWID" column of a table created without a primary key
 */
public record ColumnDef(String name, ColumnType type, int precision, int scale, boolean nullable, String defaultSql,
                        boolean hidden) {

    /** Name of the hidden row-id column of a table created without a primary key. */
    public static final String ROWID = "_ROWID";

    public static ColumnDef of(String name, ColumnType type, boolean nullable) {
        return new ColumnDef(name, type, 0, 0, nullable, null, false);
    }

    /** DECIMAL precision, CHAR length (1 when not given), or string/binary length (-1 when unbounded). */
    public int effectivePrecision() {
        return switch (type) {
            case DECIMAL -> precision > 0 ? precision : 38;
            case CHAR -> precision > 0 ? precision : 1;
            case VARCHAR, VARBINARY -> precision > 0 ? precision : -1;
            default -> 0;
        };
    }
}
