package io.cairndb.planner.exec;

import io.cairndb.planner.ParameterInfo;
import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.row.ValueConversions;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/** Result columns and parameters of a plan, and the value conversions at its boundary. */
public final class Signature {
    private final List<ResultColumn> columns;
    private final SqlTypeName[] columnTypes;
    private final List<ParameterInfo> parameters;
    private final SqlTypeName[] parameterTypes;

    public Signature(List<ResultColumn> columns, SqlTypeName[] columnTypes, List<ParameterInfo> parameters,
                     SqlTypeName[] parameterTypes) {
        this.columns = List.copyOf(columns);
        this.columnTypes = columnTypes;
        this.parameters = List.copyOf(parameters);
        this.parameterTypes = parameterTypes;
    }

    /** Builds the signature from Calcite's validated row type, field origins and parameter row type. */
    public static Signature of(RelDataType rowType, List<List<String>> origins, RelDataType paramType) {
        List<ResultColumn> cols = new ArrayList<>();
        List<RelDataTypeField> fields = rowType == null ? List.of() : rowType.getFieldList();
        SqlTypeName[] types = new SqlTypeName[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            RelDataTypeField f = fields.get(i);
            List<String> origin = origins == null || i >= origins.size() ? null : origins.get(i);
            String name = "";
            String table = "";
            String schema = "";
            if (origin != null && origin.size() >= 3) {
                name = origin.get(origin.size() - 1);
                table = origin.get(origin.size() - 2);
                schema = origin.get(origin.size() - 3);
            }
            types[i] = f.getType().getSqlTypeName();
            cols.add(column(f.getName(), name, schema, table, f.getType()));
        }
        List<ParameterInfo> params = new ArrayList<>();
        List<RelDataTypeField> pf = paramType == null ? List.of() : paramType.getFieldList();
        SqlTypeName[] ptypes = new SqlTypeName[pf.size()];
        for (int i = 0; i < pf.size(); i++) {
            RelDataType t = pf.get(i).getType();
            ptypes[i] = t.getSqlTypeName();
            params.add(new ParameterInfo(jdbcType(t.getSqlTypeName()), typeName(t.getSqlTypeName()), precision(t),
                    scale(t)));
        }
        return new Signature(cols, types, params, ptypes);
    }

    public static ResultColumn column(String label, String name, String schema, String table, RelDataType t) {
        return new ResultColumn(label, name, schema, table, jdbcType(t.getSqlTypeName()),
                typeName(t.getSqlTypeName()), precision(t), scale(t), t.isNullable());
    }

    static int jdbcType(SqlTypeName n) {
        return switch (n) {
            case TINYINT, SMALLINT -> java.sql.Types.SMALLINT;
            case NULL -> java.sql.Types.NULL;
            case SYMBOL -> java.sql.Types.VARCHAR;
            default -> n.getJdbcOrdinal();
        };
    }

    static String typeName(SqlTypeName n) {
        return switch (n) {
            case TINYINT -> "SMALLINT";
            case FLOAT -> "REAL";
            case BINARY -> "VARBINARY";
            default -> n.getName();
        };
    }

    static int precision(RelDataType t) {
        int p = t.getPrecision();
        return p < 0 || !t.getSqlTypeName().allowsPrec() ? 0 : p;
    }

    static int scale(RelDataType t) {
        int s = t.getScale();
        return s == RelDataType.SCALE_NOT_SPECIFIED || s < 0 || !t.getSqlTypeName().allowsScale() ? 0 : s;
    }

    public List<ResultColumn> columns() {
        return columns;
    }

    public List<ParameterInfo> parameters() {
        return parameters;
    }

    /** API parameter values → internal values of the validated parameter types. */
    public Object[] internalParams(List<Object> params) {
        int given = params == null ? 0 : params.size();
        if (given != parameterTypes.length) {
            throw new SqlStateException("07001", "statement has " + parameterTypes.length + " parameters but "
                    + given + " values were given");
        }
        Object[] out = new Object[given];
        for (int i = 0; i < given; i++) {
            out[i] = ValueConversions.toInternal(params.get(i), parameterTypes[i]);
        }
        return out;
    }

    /**
     * DML only: a string parameter longer than the CHAR(n)/VARCHAR(n) type inferred for it (from its target column)
     * would be cut by the compiled plan; reject it with 22001 as storing it would.
     */
    public void checkStringParamLengths(List<Object> params) {
        for (int i = 0; i < parameterTypes.length && params != null && i < params.size(); i++) {
            int n = parameters.get(i).precision();
            if (params.get(i) instanceof String s && n > 0 && s.length() > n
                    && (parameterTypes[i] == SqlTypeName.VARCHAR || parameterTypes[i] == SqlTypeName.CHAR)
                    && !s.substring(n).chars().allMatch(ch -> ch == ' ')) {
                throw new SqlStateException("22001", "value too long for type "
                        + (parameterTypes[i] == SqlTypeName.CHAR ? "character(" : "character varying(") + n + ")");
            }
        }
    }

    /** One result row (Object[] or a scalar for single-column plans) → API values. */
    public Object[] apiRow(Object current) {
        Object[] in = current instanceof Object[] a ? a : new Object[] {current};
        Object[] out = new Object[columnTypes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ValueConversions.toApi(in[i], columnTypes[i]);
            // only values of stored CHAR(n) columns get their padding back; CHAR-typed expressions (literals,
            // concatenations) are returned as computed, like PostgreSQL's text results
            if (columnTypes[i] == SqlTypeName.CHAR && !columns.get(i).name().isEmpty()) {
                out[i] = ValueConversions.padChar(out[i], columns.get(i).precision());
            }
        }
        return out;
    }
}
