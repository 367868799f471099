package io.cairndb.planner.schema;

import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.ColumnType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Maps catalog column types to Calcite types. */
public final class ColumnTypes {
    private ColumnTypes() {
    }

    public static RelDataType toRelType(RelDataTypeFactory tf, ColumnDef c) {
        RelDataType t = switch (c.type()) {
            case BOOLEAN -> tf.createSqlType(SqlTypeName.BOOLEAN);
            case SMALLINT -> tf.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> tf.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> tf.createSqlType(SqlTypeName.BIGINT);
            case REAL -> tf.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> tf.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> tf.createSqlType(SqlTypeName.DECIMAL, c.effectivePrecision(), Math.max(c.scale(), 0));
            case CHAR -> tf.createSqlType(SqlTypeName.CHAR, c.effectivePrecision());
            case VARCHAR -> c.effectivePrecision() > 0 ? tf.createSqlType(SqlTypeName.VARCHAR, c.effectivePrecision())
                    : tf.createSqlType(SqlTypeName.VARCHAR);
            case DATE -> tf.createSqlType(SqlTypeName.DATE);
            case TIME -> tf.createSqlType(SqlTypeName.TIME, 3);
            case TIMESTAMP -> tf.createSqlType(SqlTypeName.TIMESTAMP, 3);
            case VARBINARY -> c.effectivePrecision() > 0
                    ? tf.createSqlType(SqlTypeName.VARBINARY, c.effectivePrecision())
                    : tf.createSqlType(SqlTypeName.VARBINARY);
        };
        return tf.createTypeWithNullability(t, c.nullable());
    }

    /** The catalog type for a Calcite type name, or null when CairnDB cannot store it. */
    public static ColumnType fromSqlTypeName(SqlTypeName n) {
        return switch (n) {
            case BOOLEAN -> ColumnType.BOOLEAN;
            case TINYINT, SMALLINT -> ColumnType.SMALLINT;
            case INTEGER -> ColumnType.INTEGER;
            case BIGINT -> ColumnType.BIGINT;
            case REAL, FLOAT -> ColumnType.REAL;
            case DOUBLE -> ColumnType.DOUBLE;
            case DECIMAL -> ColumnType.DECIMAL;
            case CHAR -> ColumnType.CHAR;
            case VARCHAR -> ColumnType.VARCHAR;
            case DATE -> ColumnType.DATE;
            case TIME -> ColumnType.TIME;
            case TIMESTAMP -> ColumnType.TIMESTAMP;
            case BINARY, VARBINARY -> ColumnType.VARBINARY;
            default -> null;
        };
    }
}
