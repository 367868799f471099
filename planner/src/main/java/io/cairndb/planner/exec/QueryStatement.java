package io.cairndb.planner.exec;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.ParameterInfo;
import io.cairndb.planner.PlannedStatement;
import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.schema.SchemaSnapshot;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;

/** A compiled query: binds the shared executable to a fresh DataContext per execution. */
public final class QueryStatement implements PlannedStatement {
    private final SchemaSnapshot snapshot;
    private final Bindable<Object> bindable;
    private final Map<String, Object> stash;
    private final Signature signature;

    public QueryStatement(SchemaSnapshot snapshot, Bindable<Object> bindable, Map<String, Object> stash,
                          Signature signature) {
        this.snapshot = snapshot;
        this.bindable = bindable;
        this.stash = stash;
        this.signature = signature;
    }

    @Override
    public Kind kind() {
        return Kind.QUERY;
    }

    @Override
    public List<ResultColumn> columns() {
        return signature.columns();
    }

    @Override
    public List<ParameterInfo> parameters() {
        return signature.parameters();
    }

    @Override
    public long catalogVersion() {
        return snapshot.catalog().version();
    }

    @Override
    public RowCursor query(ExecutionContext ctx, List<Object> params) {
        Object[] internal = signature.internalParams(params);
        CairnDataContext dc = new CairnDataContext(snapshot.root(), SqlConfig.TYPE_FACTORY, stash, internal, ctx);
        try {
            Enumerator<Object> en = bindable.bind(dc).enumerator();
            return new EnumeratorCursor(signature, en, ctx);
        } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
            throw SqlErrors.runtime(e);
        }
    }

    @Override
    public long update(ExecutionContext ctx, List<Object> params) {
        throw new SqlStateException("42809", "a query cannot be run as an update");
    }
}
