package io.cairndb.jdbc;

import io.cairndb.protocol.ParamInfo;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/** ParameterMetaData from the types the server inferred when preparing. */
final class CairnParameterMetaData implements ParameterMetaData {
    private final List<ParamInfo> params;

    CairnParameterMetaData(List<ParamInfo> params) {
        this.params = params;
    }

    private ParamInfo param(int index) throws SQLException {
        if (index < 1 || index > params.size()) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "parameter index " + index + " out of range 1.."
                    + params.size());
        }
        return params.get(index - 1);
    }

    @Override
    public int getParameterCount() {
        return params.size();
    }

    @Override
    public int isNullable(int param) throws SQLException {
        param(param);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        return SqlTypes.isSigned(param(param).sqlType());
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        return param(param).precision();
    }

    @Override
    public int getScale(int param) throws SQLException {
        return param(param).scale();
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        return param(param).sqlType();
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return param(param).typeName();
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        return SqlTypes.className(param(param).sqlType());
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        param(param);
        return parameterModeIn;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw JdbcErrors.error(JdbcErrors.USAGE, "not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
