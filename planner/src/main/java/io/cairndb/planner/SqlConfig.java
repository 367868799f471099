package io.cairndb.planner;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;

import java.util.Properties;

/** The one place for CairnDB's SQL dialect settings: parser, validator and type system. */
public final class SqlConfig {
    public static final String DEFAULT_SCHEMA = "PUBLIC";
    public static final String SYSTEM_SCHEMA = "SYS";

    /** DECIMAL up to 38 digits; SUM of small integers is BIGINT; CASE of strings of different length is VARCHAR. */
    public static final RelDataTypeSystem TYPE_SYSTEM = new RelDataTypeSystemImpl() {
        @Override
        public int getMaxPrecision(SqlTypeName typeName) {
            if (typeName == SqlTypeName.DECIMAL) {
                return 38;
            }
            return super.getMaxPrecision(typeName);
        }

        @Override
        public int getMaxScale(SqlTypeName typeName) {
            if (typeName == SqlTypeName.DECIMAL) {
                return 38;
            }
            return super.getMaxScale(typeName);
        }

        @SuppressWarnings("deprecation")
        @Override
        public int getMaxNumericPrecision() {
            return 38;
        }

        @SuppressWarnings("deprecation")
        @Override
        public int getMaxNumericScale() {
            return 38;
        }

        @Override
        public int getDefaultPrecision(SqlTypeName typeName) {
            if (typeName == SqlTypeName.DECIMAL) {
                return 38;
            }
            return super.getDefaultPrecision(typeName);
        }

        /**
         * Calcite folds a cast of a DECIMAL literal to a smaller scale with this mode (default DOWN: 1.005 into
         * DECIMAL(5,2) became 1.00 in a general-path INSERT ... VALUES while the fast path and the row writer
         * stored 1.01). Use the store's rounding so that every path rounds half-up, as PostgreSQL does.
         */
        @Override
        public java.math.RoundingMode roundingMode() {
            return io.cairndb.planner.row.ValueCoercion.ROUNDING;
        }

        @Override
        public boolean shouldConvertRaggedUnionTypesToVarying() {
            return true;
        }

        @Override
        public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
            SqlTypeName t = argumentType.getSqlTypeName();
            if (t == SqlTypeName.INTEGER || t == SqlTypeName.SMALLINT || t == SqlTypeName.TINYINT) {
                return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT),
                        argumentType.isNullable());
            }
            return super.deriveSumType(typeFactory, argumentType);
        }
    };

    /** Shared, thread-safe type factory. */
    public static final JavaTypeFactory TYPE_FACTORY = new JavaTypeFactoryImpl(TYPE_SYSTEM);

    private SqlConfig() {
    }

    /** Unquoted identifiers upper-cased, double-quoted kept as written, lenient conformance (LIMIT, !=, ...). */
    public static SqlParser.Config parserConfig() {
        return SqlParser.config()
                .withQuoting(Quoting.DOUBLE_QUOTE)
                .withUnquotedCasing(Casing.TO_UPPER)
                .withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(true)
                .withConformance(SqlConformanceEnum.LENIENT);
    }

    public static SqlValidator.Config validatorConfig() {
        return SqlValidator.Config.DEFAULT
                .withConformance(SqlConformanceEnum.LENIENT)
                .withDefaultNullCollation(NullCollation.HIGH)
                .withIdentifierExpansion(true);
    }

    /** Name resolution settings for Calcite's catalog reader: case-sensitive (identifiers are normalised by the parser). */
    public static CalciteConnectionConfig connectionConfig() {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), SqlConformanceEnum.LENIENT.name());
        return new CalciteConnectionConfigImpl(p);
    }
}
