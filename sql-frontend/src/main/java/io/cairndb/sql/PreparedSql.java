package io.cairndb.sql;

import io.cairndb.planner.ParameterInfo;
import io.cairndb.planner.ResultColumn;
import java.util.List;

/**
 * A statement prepared on the server.
 *
 * @param sql        the statement text (its plan is cached by text, parameter types and catalog version)
 * @param parameters one entry per '?', in order
 * @param columns    result columns of a query; empty for anything else
 */
public record PreparedSql(String sql, List<ParameterInfo> parameters, List<ResultColumn> columns) {
}
