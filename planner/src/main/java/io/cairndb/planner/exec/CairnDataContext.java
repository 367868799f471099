package io.cairndb.planner.exec;

import io.cairndb.planner.ExecutionContext;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What one execution of a plan sees: the plan's schema snapshot, the '?' values (internal representation, named
 * "?0", "?1", ...), objects the compiled plan stashed at bind time, Calcite's time variables, and the
 * {@link ExecutionContext} (transaction + cancel check) under {@link #EXECUTION_CONTEXT} for table scans.
 */
public final class CairnDataContext implements DataContext {
    public static final String EXECUTION_CONTEXT = "cairndb.executionContext";

    private final SchemaPlus root;
    private final JavaTypeFactory typeFactory;
    private final Map<String, Object> stash;
    private final Object[] params;
    private final ExecutionContext ctx;
    private final long now = System.currentTimeMillis();
    private final AtomicBoolean cancelFlag = new AtomicBoolean();

    public CairnDataContext(SchemaPlus root, JavaTypeFactory typeFactory, Map<String, Object> stash,
                            Object[] params, ExecutionContext ctx) {
        this.root = root;
        this.typeFactory = typeFactory;
        this.stash = stash;
        this.params = params;
        this.ctx = ctx;
    }

    public static ExecutionContext executionContext(DataContext root) {
        return (ExecutionContext) root.get(EXECUTION_CONTEXT);
    }

    /** The value of parameter {@code index} in internal representation. */
    public Object param(int index) {
        return params[index];
    }

    @Override
    public SchemaPlus getRootSchema() {
        return root;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        return null;
    }

    @Override
    public Object get(String name) {
        if (name.startsWith("?")) {
            int i = Integer.parseInt(name.substring(1));
            return i < params.length ? params[i] : null;
        }
        if (EXECUTION_CONTEXT.equals(name)) {
            return ctx;
        }
        Object stashed = stash.get(name);
        if (stashed != null) {
            return stashed;
        }
        if (Variable.CURRENT_TIMESTAMP.camelName.equals(name) || Variable.LOCAL_TIMESTAMP.camelName.equals(name)
                || Variable.UTC_TIMESTAMP.camelName.equals(name)) {
            return now;
        }
        if (Variable.TIME_ZONE.camelName.equals(name)) {
            return TimeZone.getTimeZone("UTC");
        }
        if (Variable.CANCEL_FLAG.camelName.equals(name)) {
            return cancelFlag;
        }
        if (Variable.LOCALE.camelName.equals(name)) {
            return java.util.Locale.ROOT;
        }
        if (Variable.USER.camelName.equals(name) || Variable.SYSTEM_USER.camelName.equals(name)) {
            return "cairndb";
        }
        return null;
    }
}
