package io.cairndb.sql.meta;

import io.cairndb.planner.RowCursor;
import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.exec.ListCursor;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** DatabaseMetaData.getTypeInfo: one row per column type CairnDB stores, ordered by DATA_TYPE as JDBC asks. */
final class TypeInfo {
    private TypeInfo() {
    }

    static RowCursor rows() {
        List<Object[]> rows = new ArrayList<>();
        for (ColumnType type : ColumnType.values()) {
            int sqlType = JdbcTypes.sqlType(type);
            boolean numeric = MetadataService.isNumeric(type);
            boolean quoted = !numeric && type != ColumnType.BOOLEAN;
            String prefix = switch (type) {
                case DATE -> "DATE '";
                case TIME -> "TIME '";
                case TIMESTAMP -> "TIMESTAMP '";
                case VARBINARY -> "X'";
                default -> quoted ? "'" : null;
            };
            String params = switch (type) {
                case DECIMAL -> "precision,scale";
                case CHAR, VARCHAR, VARBINARY -> "length";
                default -> null;
            };
            short maxScale = (short) (type == ColumnType.DECIMAL ? 38 : 0);
            rows.add(new Object[] {type.name(), sqlType, JdbcTypes.maxPrecision(type), prefix, quoted ? "'" : null,
                params, (short) DatabaseMetaData.typeNullable, type == ColumnType.CHAR || type == ColumnType.VARCHAR,
                (short) DatabaseMetaData.typeSearchable, !numeric, type == ColumnType.DECIMAL, false, type.name(),
                (short) 0, maxScale, null, null, numeric ? 10 : null});
        }
        rows.sort((a, b) -> Integer.compare((Integer) a[1], (Integer) b[1]));
        return new ListCursor(MetadataService.columns("TYPE_NAME", Types.VARCHAR, "DATA_TYPE", Types.INTEGER,
                "PRECISION", Types.INTEGER, "LITERAL_PREFIX", Types.VARCHAR, "LITERAL_SUFFIX", Types.VARCHAR,
                "CREATE_PARAMS", Types.VARCHAR, "NULLABLE", Types.SMALLINT, "CASE_SENSITIVE", Types.BOOLEAN,
                "SEARCHABLE", Types.SMALLINT, "UNSIGNED_ATTRIBUTE", Types.BOOLEAN, "FIXED_PREC_SCALE", Types.BOOLEAN,
                "AUTO_INCREMENT", Types.BOOLEAN, "LOCAL_TYPE_NAME", Types.VARCHAR, "MINIMUM_SCALE", Types.SMALLINT,
                "MAXIMUM_SCALE", Types.SMALLINT, "SQL_DATA_TYPE", Types.INTEGER, "SQL_DATETIME_SUB", Types.INTEGER,
                "NUM_PREC_RADIX", Types.INTEGER), rows);
    }
}
