package io.cairndb.planner.exec;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.ParameterInfo;
import io.cairndb.planner.PlannedStatement;
import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import io.cairndb.planner.SqlStateException;
import java.sql.Types;
import java.util.List;

/** EXPLAIN PLAN FOR ...: one VARCHAR column "PLAN", one row per plan line. */
public final class ExplainStatement implements PlannedStatement {
    static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("PLAN", "", "", "", Types.VARCHAR, "VARCHAR", 0, 0, false));

    private final List<String> lines;
    private final List<ParameterInfo> parameters;
    private final long catalogVersion;

    public ExplainStatement(List<String> lines, List<ParameterInfo> parameters, long catalogVersion) {
        this.lines = List.copyOf(lines);
        this.parameters = List.copyOf(parameters);
        this.catalogVersion = catalogVersion;
    }

    public List<String> lines() {
        return lines;
    }

    @Override
    public Kind kind() {
        return Kind.EXPLAIN;
    }

    @Override
    public List<ResultColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<ParameterInfo> parameters() {
        return parameters;
    }

    @Override
    public long catalogVersion() {
        return catalogVersion;
    }

    @Override
    public RowCursor query(ExecutionContext ctx, List<Object> params) {
        return new ListCursor(COLUMNS, lines.stream().map(l -> new Object[] {l}).toList());
    }

    @Override
    public long update(ExecutionContext ctx, List<Object> params) {
        throw new SqlStateException("42809", "EXPLAIN cannot be run as an update");
    }
}
