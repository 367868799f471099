package io.cairndb.planner;

import io.cairndb.planner.catalog.Catalog;
import io.cairndb.planner.catalog.CatalogManager;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.exec.DmlStatement;
import io.cairndb.planner.exec.ExplainStatement;
import io.cairndb.planner.exec.FastPaths;
import io.cairndb.planner.interp.ExecutionMode;
import io.cairndb.planner.interp.InterpretedPlan;
import io.cairndb.planner.exec.PlanningSession;
import io.cairndb.planner.exec.QueryStatement;
import io.cairndb.planner.exec.Signature;
import io.cairndb.planner.exec.SqlErrors;
import io.cairndb.planner.exec.ViewValidation;
import io.cairndb.planner.schema.CairnTable;
import io.cairndb.planner.schema.SchemaSnapshot;
import io.cairndb.storage.StorageNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans queries and DML against the current catalog: Calcite validation, conversion, rule-based optimisation to
 * the Enumerable convention and one compilation per plan. The returned statement is reusable and thread-safe.
 * Primary-key point reads and single-row writes take a fast path that skips the optimiser.
 */
public final class QueryPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(QueryPlanner.class);

    private final CatalogManager catalog;
    private final StorageNode storage;
    /** How queries planned from now on run (the system property's mode unless a test sets another). */
    private volatile ExecutionMode executionMode = ExecutionMode.current();
    private volatile Snapshots snapshots;

    /** The two schema trees of one catalog version: SQL's view, and the DML view with hidden row ids. */
    private record Snapshots(long version, SchemaSnapshot visible, SchemaSnapshot full) {
    }

    public QueryPlanner(CatalogManager catalog, StorageNode storage) {
        this.catalog = catalog;
        this.storage = storage;
    }

    /** How queries planned from now on run (tests use VERIFY to check the interpreter). */
    public void executionMode(ExecutionMode mode) {
        this.executionMode = mode;
    }

    /** Plans a query (SELECT, VALUES, set operations, WITH, ORDER BY), INSERT, UPDATE, DELETE or EXPLAIN. */
    public PlannedStatement plan(SqlNode node, String defaultSchema) {
        try {
            return planChecked(node, defaultSchema);
        } catch (SqlStateException e) {
            throw e;
        } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
            // Calcite signals some unsupported shapes with AssertionError; none may escape as an Error
            LOG.debug("planning failed", e);
            throw SqlErrors.planning(e);
        }
    }

    private PlannedStatement planChecked(SqlNode statement, String defaultSchema) {
        SqlNode node = io.cairndb.planner.exec.UnaryPlusRemoval.apply(statement);
        io.cairndb.planner.exec.HavingAggregateColumns.apply(node);
        io.cairndb.planner.exec.SeriesColumnAlias.apply(node);
        Snapshots s = snapshots(catalog.current());
        String schema = defaultSchema == null ? SqlConfig.DEFAULT_SCHEMA : defaultSchema;
        if (node instanceof SqlExplain explain) {
            return explain(explain.getExplicandum(), s, schema);
        }
        PlannedStatement fast = FastPaths.tryPlan(node, s.visible(), s.full(), schema, storage);
        if (fast != null) {
            return fast;
        }
        return planGeneral(node, s, schema).statement;
    }

    private record Planned(PlannedStatement statement, EnumerableRel rel, String header) {
    }

    private Planned planGeneral(SqlNode node, Snapshots s, String schema) {
        SqlKind kind = node.getKind();
        if (kind == SqlKind.INSERT) {
            return planDml(node, s.visible(), schema, PlannedStatement.Kind.INSERT);
        }
        if (kind == SqlKind.UPDATE) {
            return planDml(node, s.full(), schema, PlannedStatement.Kind.UPDATE);
        }
        if (kind == SqlKind.DELETE) {
            return planDml(node, s.full(), schema, PlannedStatement.Kind.DELETE);
        }
        if (!kind.belongsTo(SqlKind.QUERY)) {
            throw new SqlStateException("0A000", "not a query or DML statement: " + kind);
        }
        PlanningSession ps = new PlanningSession(s.visible(), schema);
        SqlNode validated = ps.validate(node);
        RelDataType rowType = ps.validator().getValidatedNodeType(validated);
        Signature sig = Signature.of(rowType, ps.validator().getFieldOrigins(validated),
                ps.validator().getParameterRowType(validated));
        RelRoot root = ps.toRel(validated);
        EnumerableRel best = ps.optimizeQuery(root);
        Map<String, Object> stash = new HashMap<>();
        ExecutionMode mode = executionMode;
        InterpretedPlan interpreted = mode == ExecutionMode.COMPILE ? null : InterpretedPlan.tryCreate(best);
        // the compiled form only where the interpreter does not cover the plan, or to check it against
        Bindable<Object> compiled = interpreted == null || mode == ExecutionMode.VERIFY ? bind(best, stash) : null;
        return new Planned(new QueryStatement(s.visible(), interpreted, compiled, stash, sig), best, null);
    }

    private Planned planDml(SqlNode node, SchemaSnapshot snapshot, String schema, PlannedStatement.Kind kind) {
        if (node instanceof org.apache.calcite.sql.SqlInsert insert) {
            io.cairndb.planner.exec.InsertLiteralCheck.check(insert, snapshot.catalog(), schema);
        }
        if (node instanceof org.apache.calcite.sql.SqlUpdate update) {
            io.cairndb.planner.exec.InsertLiteralCheck.check(update, snapshot.catalog(), schema);
        }
        PlanningSession ps = new PlanningSession(snapshot, schema);
        SqlNode validated = ps.validate(node);
        Signature sig = Signature.of(null, null, ps.validator().getParameterRowType(validated));
        RelRoot root = ps.toRel(validated);
        if (!(root.rel instanceof TableModify modify)) {
            throw new SqlStateException("XX000", "unexpected DML plan: " + root.rel.getRelTypeName());
        }
        CairnTable table = modify.getTable().unwrap(CairnTable.class);
        if (table == null) {
            throw new SqlStateException("42809", "cannot change " + String.join(".",
                    modify.getTable().getQualifiedName()) + ": not a table");
        }
        TableDef def = table.def();
        int[] insertPositions = table.fieldToColumn();
        int[] updatePositions = new int[0];
        if (kind == PlannedStatement.Kind.UPDATE) {
            List<String> cols = modify.getUpdateColumnList();
            updatePositions = new int[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                updatePositions[i] = def.columnIndex(cols.get(i));
            }
        }
        EnumerableRel best = ps.optimize(stripStoreCasts(modify.getInput(), kind, def.columns().size()));
        Map<String, Object> stash = new HashMap<>();
        // the source rows are interpreted only in the default mode (VERIFY compares queries, not writes)
        InterpretedPlan interpreted = executionMode == ExecutionMode.INTERPRET ? InterpretedPlan.tryCreate(best) : null;
        Bindable<Object> bindable = interpreted != null ? interpreted : bind(best, stash);
        String header = kind + " " + def.qualifiedName();
        return new Planned(new DmlStatement(kind, snapshot, def, storage, bindable, stash, sig, insertPositions,
                updatePositions, !readsTable(best)), best, header);
    }

    /**
     * The converter casts values to the target column types; CairnDB converts them itself on store (with range
     * and length checks that report 22003/22001), so those final casts are dropped.
     */
    private static RelNode stripStoreCasts(RelNode input, PlannedStatement.Kind kind, int columns) {
        return io.cairndb.planner.exec.StoreCasts.strip(input, kind == PlannedStatement.Kind.UPDATE ? columns : 0);
    }

    private static Bindable<Object> bind(EnumerableRel rel, Map<String, Object> stash) {
        try {
            return PlanningSession.bind(rel, stash);
        } catch (RuntimeException e) {
            LOG.warn("could not compile plan\n{}", RelOptUtil.toString(rel), e);
            throw new SqlStateException("XX000", "could not compile plan: " + e.getMessage(), e);
        }
    }

    private PlannedStatement explain(SqlNode explicandum, Snapshots s, String schema) {
        PlannedStatement fast = FastPaths.tryPlan(explicandum, s.visible(), s.full(), schema, storage);
        if (fast instanceof FastPaths.FastStatement f) {
            return new ExplainStatement(f.explain(), f.parameters(), s.version());
        }
        Planned p = planGeneral(explicandum, s, schema);
        List<String> lines = new ArrayList<>();
        if (p.header() != null) {
            lines.add(p.header());
        }
        for (String line : RelOptUtil.toString(p.rel()).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        collectAccessPaths(p.rel(), lines);
        if (p.statement() instanceof io.cairndb.planner.exec.QueryStatement q) {
            lines.addAll(q.executionNotes());
            lines.add("execution: " + (q.interpreted() ? "interpreted" : "compiled"));
        } else if (p.statement() instanceof io.cairndb.planner.exec.DmlStatement d) {
            lines.add("execution: " + (d.interpreted() ? "interpreted" : "compiled"));
        }
        return new ExplainStatement(lines, p.statement().parameters(), s.version());
    }

    /** Whether a plan scans any table: a scan anywhere (subqueries are joins by now) might see the DML's writes. */
    private static boolean readsTable(RelNode rel) {
        if (rel instanceof TableScan) {
            return true;
        }
        for (RelNode input : rel.getInputs()) {
            if (readsTable(input)) {
                return true;
            }
        }
        return false;
    }

    private static void collectAccessPaths(RelNode rel, List<String> lines) {
        if (rel instanceof TableScan scan) {
            CairnTable t = scan.getTable().unwrap(CairnTable.class);
            if (t != null) {
                List<org.apache.calcite.rex.RexNode> filters = scan instanceof Bindables.BindableTableScan b
                        ? b.filters : List.of();
                lines.add(t.accessPath(filters).describe());
            }
        }
        for (RelNode input : rel.getInputs()) {
            collectAccessPaths(input, lines);
        }
    }

    private Snapshots snapshots(Catalog c) {
        Snapshots s = snapshots;
        if (s == null || s.version() != c.version()) {
            s = new Snapshots(c.version(),
                    new SchemaSnapshot(c, storage, false, ViewValidation::rowType),
                    new SchemaSnapshot(c, storage, true, ViewValidation::rowType));
            snapshots = s;
        }
        return s;
    }

}
