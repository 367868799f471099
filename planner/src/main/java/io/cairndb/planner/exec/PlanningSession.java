package io.cairndb.planner.exec;

import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.schema.SchemaSnapshot;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * One planning run of Calcite over a schema snapshot: validate a SqlNode, convert it to relational algebra,
 * optimise to the Enumerable convention and compile it once to a {@link Bindable}. Not thread-safe; make one per
 * plan. Also expands views (it is the converter's view expander).
 */
public final class PlanningSession implements RelOptTable.ViewExpander {
    private static final SqlToRelConverter.Config CONVERTER_CONFIG = SqlToRelConverter.config()
            .withTrimUnusedFields(true)
            .withExpand(false);

    private static final org.apache.calcite.rel.metadata.RelMetadataProvider METADATA =
            org.apache.calcite.rel.metadata.DefaultRelMetadataProvider.INSTANCE;
    /**
     * Calcite's standard program with the many-join ordering and the rule-based rewrites (then NULL arithmetic
     * folding) before Volcano, except that filtered single-table queries skip trimming and the search
     * ({@link DirectPhysicalPlan}); stateless, so built once.
     */
    private static final Program PROGRAM = Programs.sequence(Programs.subQuery(METADATA), Programs.decorrelate(),
            Programs.measure(METADATA),
            DirectPhysicalPlan.or(Programs.sequence(Programs.trim(), ManyJoinOrder.PROGRAM, LogicalRewrite.PROGRAM,
                    NullArithmeticFolding.PROGRAM, PlanningSession::volcano)),
            Programs.calc(METADATA));

    /** Standard conversion, with checked float division and arithmetic on NULL folded. */
    private static final org.apache.calcite.sql2rel.SqlRexConvertletTable CONVERTLETS =
            NullArithmeticFolding.convertlets(FloatDivision.CONVERTLETS);

    /**
     * The functions SQL can call: Calcite's standard ones and CairnDB's own (generate_series). Every validator —
     * statements, views — is made here, so this is the one place a function is registered.
     */
    private static final org.apache.calcite.sql.SqlOperatorTable OPERATORS =
            org.apache.calcite.sql.util.SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
                    org.apache.calcite.sql.util.SqlOperatorTables.of(GenerateSeries.OPERATOR));

    private final SchemaSnapshot snapshot;
    private final CalciteCatalogReader reader;
    private final SqlValidator validator;
    private final VolcanoPlanner planner;
    private final RelOptCluster cluster;

    public PlanningSession(SchemaSnapshot snapshot, String defaultSchema) {
        this.snapshot = snapshot;
        this.reader = catalogReader(snapshot, defaultSchema);
        this.validator = newValidator(reader);
        this.planner = new VolcanoPlanner(null, Contexts.of(SqlConfig.connectionConfig()));
        // constant folding without compiling a class per expression (falls back to Calcite's executor)
        planner.setExecutor(io.cairndb.planner.interp.ConstantFolder.INSTANCE);
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        this.cluster = RelOptCluster.create(planner, new RexBuilder(SqlConfig.TYPE_FACTORY));
    }

    /**
     * Registers the rules of the cost-based search on this statement's planner unless already done: plans that skip
     * the search ({@link DirectPhysicalPlan}) do not pay for registering about a hundred rules. Steps before the
     * search that take rules away ({@link ManyJoinOrder}) call it first, or the search would get them back.
     */
    static void registerSearchRules(org.apache.calcite.plan.RelOptPlanner planner) {
        if (!planner.getRules().isEmpty()) {
            return;
        }
        // Bindable operators only for table scans (the interpreter's aggregate drops the row of an empty global
        // aggregate); everything else runs as generated Enumerable code.
        RelOptUtil.registerDefaultRules(planner, false, false);
        // The empty-input pruning rules turn "x IN (empty subquery) OR ..." into an empty result (wrong answers
        // in the sqllogictest corpus); empty inputs are rare enough to plan without them.
        for (org.apache.calcite.plan.RelOptRule r : List.copyOf(planner.getRules())) {
            if (r.getClass().getName().contains("PruneEmptyRules")) {
                planner.removeRule(r);
            }
        }
        // SemiJoinRule turns "Join(x, Aggregate) using no column of the aggregate" into "x SEMI JOIN
        // aggregate input" without checking that the aggregate has a group key. A global aggregate (no group key)
        // always yields exactly one row, so joining it keeps every row of x, whereas the semi join keeps none when
        // the aggregate's input is empty. SubQueryRemoveRule produces exactly that shape for IN inside OR (x cross
        // join (SELECT COUNT(*) ... FROM subquery)); when simplification then folds away the disjunct holding the IN,
        // the count is unused and the query returned no rows (sqllogictest index/between). Keep the rules, but only
        // for aggregates with a group key.
        planner.removeRule(CoreRules.PROJECT_TO_SEMI_JOIN);
        planner.removeRule(CoreRules.JOIN_TO_SEMI_JOIN);
        planner.addRule(new GroupedProjectToSemiJoinRule());
        planner.addRule(new GroupedJoinToSemiJoinRule());
        planner.addRule(CoreRules.FILTER_SCAN);
        planner.addRule(CoreRules.PROJECT_TABLE_SCAN);
        planner.addRule(CoreRules.FILTER_INTERPRETER_SCAN);
        planner.addRule(CoreRules.PROJECT_INTERPRETER_TABLE_SCAN);
    }

    /** True if the call's last matched operand (the aggregate of a SemiJoinRule) has at least one group key. */
    private static boolean aggregateHasGroupKey(org.apache.calcite.plan.RelOptRuleCall call) {
        return ((org.apache.calcite.rel.core.Aggregate) call.rel(call.rels.length - 1)).getGroupCount() > 0;
    }

    /** {@link CoreRules#PROJECT_TO_SEMI_JOIN}, not for global aggregates (see registerSearchRules). */
    private static final class GroupedProjectToSemiJoinRule
            extends org.apache.calcite.rel.rules.SemiJoinRule.ProjectToSemiJoinRule {
        GroupedProjectToSemiJoinRule() {
            super(ProjectToSemiJoinRuleConfig.DEFAULT);
        }

        @Override
        public boolean matches(org.apache.calcite.plan.RelOptRuleCall call) {
            return aggregateHasGroupKey(call) && super.matches(call);
        }
    }

    /** {@link CoreRules#JOIN_TO_SEMI_JOIN}, not for global aggregates (see registerSearchRules). */
    private static final class GroupedJoinToSemiJoinRule
            extends org.apache.calcite.rel.rules.SemiJoinRule.JoinToSemiJoinRule {
        GroupedJoinToSemiJoinRule() {
            super(JoinToSemiJoinRuleConfig.DEFAULT);
        }

        @Override
        public boolean matches(org.apache.calcite.plan.RelOptRuleCall call) {
            return aggregateHasGroupKey(call) && super.matches(call);
        }
    }

    static CalciteCatalogReader catalogReader(SchemaSnapshot snapshot, String defaultSchema) {
        return new CalciteCatalogReader(CalciteSchema.from(snapshot.root()), List.of(defaultSchema),
                SqlConfig.TYPE_FACTORY, SqlConfig.connectionConfig());
    }

    static SqlValidator newValidator(CalciteCatalogReader reader) {
        return SqlValidatorUtil.newValidator(OPERATORS, reader, SqlConfig.TYPE_FACTORY, SqlConfig.validatorConfig());
    }

    public SqlValidator validator() {
        return validator;
    }

    public SchemaSnapshot snapshot() {
        return snapshot;
    }

    /** Validates; failures become SqlStateExceptions (42P01, 42703, 42883, 42804, ...). */
    public SqlNode validate(SqlNode node) {
        try {
            return validator.validate(node);
        } catch (RuntimeException | AssertionError e) {
            throw SqlErrors.validation(e);
        }
    }

    public RelRoot toRel(SqlNode validated) {
        SqlToRelConverter converter = new SqlToRelConverter(this, validator, reader, cluster,
                CONVERTLETS, CONVERTER_CONFIG);
        return converter.convertQuery(validated, false, true);
    }

    /** Subquery removal, decorrelation, field trimming, then cost-based optimisation to Enumerable. */
    public EnumerableRel optimize(RelNode rel) {
        return optimize(rel, org.apache.calcite.rel.RelCollations.EMPTY);
    }

    /**
     * Optimises a query's root: the required collation is the query's ORDER BY (a root Sort shares its RelSet
     * with its input, so only a required collation keeps it), then the root's field selection is applied.
     */
    public EnumerableRel optimizeQuery(RelRoot root) {
        EnumerableRel best = optimize(root.rel, root.collation);
        if (root.isRefTrivial() && best.getRowType().getFieldCount() == root.fields.size()) {
            return best;
        }
        RexBuilder rex = cluster.getRexBuilder();
        List<org.apache.calcite.rex.RexNode> projects = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (var field : root.fields) {
            projects.add(rex.makeInputRef(best, field.getKey()));
            names.add(field.getValue());
        }
        // names of the final row do not matter (result labels come from the validator) but must be distinct
        RelDataType outType = org.apache.calcite.rex.RexUtil.createStructType(SqlConfig.TYPE_FACTORY, projects,
                org.apache.calcite.sql.validate.SqlValidatorUtil.uniquify(names, true), null);
        org.apache.calcite.rex.RexProgram program = org.apache.calcite.rex.RexProgram.create(best.getRowType(),
                projects, null, outType, rex);
        return org.apache.calcite.adapter.enumerable.EnumerableCalc.create(best, program);
    }

    private EnumerableRel optimize(RelNode rel, org.apache.calcite.rel.RelCollation collation) {
        RelTraitSet traits = cluster.traitSet().replace(EnumerableConvention.INSTANCE).replace(collation);
        try {
            return (EnumerableRel) PROGRAM.run(planner, rel, traits, List.of(), List.of());
        } catch (io.cairndb.planner.SqlStateException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            io.cairndb.planner.SqlStateException mapped = SqlErrors.runtime(e);
            if (!"XX000".equals(mapped.sqlState())) {
                throw mapped; // e.g. 1/0 found while folding constants: 22012
            }
            // a planner failure is a CairnDB gap or bug: keep its stack for whoever investigates
            org.slf4j.LoggerFactory.getLogger(PlanningSession.class).warn("cannot plan a statement", e);
            throw new io.cairndb.planner.SqlStateException("0A000", "cannot plan this statement: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The cost-based step of Calcite's standard program (which runs subquery removal, decorrelation, measures and
     * field trimming before it and the Calc rules after it, as above): every rule registered on the planner, to
     * the required traits.
     */
    private static RelNode volcano(org.apache.calcite.plan.RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                                   List<org.apache.calcite.plan.RelOptMaterialization> materializations,
                                   List<org.apache.calcite.plan.RelOptLattice> lattices) {
        registerSearchRules(planner);
        planner.setRoot(rel);
        planner.setRoot(rel.getTraitSet().equals(traits) ? rel : planner.changeTraits(rel, traits));
        return planner.chooseDelegate().findBestExp();
    }

    /** Compiles once; {@code stash} receives the objects the compiled code reads back through the DataContext. */
    public static Bindable<Object> bind(EnumerableRel rel, Map<String, Object> stash) {
        @SuppressWarnings("unchecked")
        Bindable<Object> b = (Bindable<Object>) (Bindable<?>) EnumerableInterpretable.toBindable(stash, null,
                TableFunctionRowFormat.apply(rel), EnumerableRel.Prefer.ARRAY);
        return b;
    }

    @Override
    public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
                              List<String> viewPath) {
        SqlNode parsed;
        try {
            parsed = SqlParser.create(queryString, SqlConfig.parserConfig()).parseQuery();
        } catch (SqlParseException e) {
            throw new io.cairndb.planner.SqlStateException("42601", "bad view " + viewPath + ": " + e.getMessage(), e);
        }
        SeriesColumnAlias.apply(parsed); // as ViewValidation typed the view
        CalciteCatalogReader viewReader = catalogReader(snapshot, schemaPath.get(0));
        SqlValidator viewValidator = newValidator(viewReader);
        SqlNode validated;
        try {
            validated = viewValidator.validate(parsed);
        } catch (RuntimeException e) {
            throw SqlErrors.validation(e);
        }
        SqlToRelConverter converter = new SqlToRelConverter(this, viewValidator, viewReader, cluster,
                CONVERTLETS, CONVERTER_CONFIG);
        return converter.convertQuery(validated, true, false);
    }
}
