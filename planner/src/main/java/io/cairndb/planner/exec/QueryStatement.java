package io.cairndb.planner.exec;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.ParameterInfo;
import io.cairndb.planner.PlannedStatement;
import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.interp.ExecutionMode;
import io.cairndb.planner.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;

/**
 * A planned query: binds its executable — the plan interpreter's, or else Calcite's compiled code — to a fresh
 * DataContext per execution. In {@link ExecutionMode#VERIFY} it runs both and fails when they disagree.
 */
public final class QueryStatement implements PlannedStatement {
    private final SchemaSnapshot snapshot;
    private final Bindable<Object> interpreted;
    private final Bindable<Object> compiled;
    private final Map<String, Object> stash;
    private final Signature signature;

    /**
     * @param interpreted the interpreter's executable, or null; @param compiled the compiled one (null only when
     * {@code interpreted} is not)
     */
    public QueryStatement(SchemaSnapshot snapshot, Bindable<Object> interpreted, Bindable<Object> compiled,
                          Map<String, Object> stash, Signature signature) {
        if (interpreted == null && compiled == null) {
            throw new IllegalArgumentException("no executable");
        }
        this.snapshot = snapshot;
        this.interpreted = interpreted;
        this.compiled = compiled;
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

    /** Whether this query runs in the interpreter (for tests and EXPLAIN). */
    public boolean interpreted() {
        return interpreted != null;
    }

    /** What the interpreter does differently from the Calcite plan (for EXPLAIN). */
    public List<String> executionNotes() {
        return interpreted instanceof io.cairndb.planner.interp.InterpretedPlan p ? p.notes() : List.of();
    }

    @Override
    public RowCursor query(ExecutionContext ctx, List<Object> params) {
        if (interpreted != null && compiled != null) { // both are kept only to verify
            return verified(ctx, params);
        }
        return open(interpreted != null ? interpreted : compiled, ctx, params);
    }

    private RowCursor open(Bindable<Object> executable, ExecutionContext ctx, List<Object> params) {
        Object[] internal = signature.internalParams(params);
        CairnDataContext dc = new CairnDataContext(snapshot.root(), SqlConfig.TYPE_FACTORY, stash, internal, ctx);
        try {
            Enumerator<Object> en = executable.bind(dc).enumerator();
            return new EnumeratorCursor(signature, en, ctx);
        } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
            throw SqlErrors.runtime(e);
        }
    }

    @Override
    public long update(ExecutionContext ctx, List<Object> params) {
        throw new SqlStateException("42809", "a query cannot be run as an update");
    }

    /** Runs both executables to the end; their rows (or SQLSTATEs) must agree; returns the compiled rows. */
    private RowCursor verified(ExecutionContext ctx, List<Object> params) {
        Outcome expected = Outcome.of(() -> open(compiled, ctx, params));
        Outcome actual = Outcome.of(() -> open(interpreted, ctx, params));
        if (!expected.sameAs(actual)) {
            throw new SqlStateException("XX000", "the interpreter differs from compiled code: compiled "
                    + expected + ", interpreted " + actual);
        }
        if (expected.error != null) {
            throw expected.error;
        }
        return new ListCursor(signature.columns(), expected.rows);
    }

    /** All rows of one run, or the error it ended with. */
    private record Outcome(List<Object[]> rows, SqlStateException error) {
        static Outcome of(java.util.function.Supplier<RowCursor> run) {
            List<Object[]> rows = new ArrayList<>();
            try (RowCursor c = run.get()) {
                while (c.next()) {
                    rows.add(c.row().clone());
                }
                return new Outcome(rows, null);
            } catch (SqlStateException e) {
                return new Outcome(null, e);
            }
        }

        /**
         * Same SQLSTATE, or the same rows in any order: ORDER BY fixes the order only up to ties, which the two
         * may break differently (the corpus's own comparison checks the order of ordered queries).
         */
        boolean sameAs(Outcome o) {
            if (error != null || o.error != null) {
                return error != null && o.error != null && error.sqlState().equals(o.error.sqlState());
            }
            List<String> a = render(rows);
            List<String> b = render(o.rows);
            a.sort(Comparator.naturalOrder());
            b.sort(Comparator.naturalOrder());
            return a.equals(b);
        }

        /** Values with their Java class, so that 1 (Integer) and 1 (Long) differ. */
        private static List<String> render(List<Object[]> rows) {
            List<String> out = new ArrayList<>();
            for (Object[] r : rows) {
                StringBuilder sb = new StringBuilder();
                for (Object v : r) {
                    String text = v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(v);
                    sb.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + text).append('|');
                }
                out.add(sb.toString());
            }
            return out;
        }

        @Override
        public String toString() {
            if (error != null) {
                return "error " + error.sqlState() + " (" + error.getMessage() + ")";
            }
            List<String> r = render(rows);
            return r.size() + " rows " + (r.size() > 5 ? r.subList(0, 5) + "..." : r);
        }
    }
}
