package io.cairndb.planner.exec;

import io.cairndb.planner.schema.CairnTable;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableTableScan;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.InvalidRelException;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.Program;

/**
 * Physical operators for a query over one table, chosen without the cost-based search: a plan made only of a
 * scan of a CairnDB table (or VALUES), filters, projections, plain GROUP BY aggregates and sorts or limits has
 * exactly one Enumerable operator for each node, so the search could only confirm it.
 *
 * <p>Why: most statements are such single-table queries (all of sqllogictest's index/ directories, most of
 * random/), and for them Volcano's memo, rule registration and matching were about an eighth
 * of a statement's time. The shape is recognised before field trimming, which such a plan does not need (the
 * rewrite pass pushes the used columns into the scan). The rewrite pass ({@link LogicalRewrite}, then NULL
 * arithmetic folding) runs on every such plan, filtered or not, so its expressions are reduced as the search would
 * have reduced them; aggregate functions are first reduced to the ones the plan interpreter runs (AVG to SUM0 and
 * COUNT), by the rule the search applies. Anything else — joins, DISTINCT aggregates (which the search expands),
 * GROUPING SETS, set operations, windows, DML, a required sort the root does not provide — returns to the full
 * path unchanged.
 */
final class DirectPhysicalPlan {
    /** Calcite's reduction of AVG, SUM, STDDEV, … to SUM0 and COUNT, as the search applies it. */
    private static final HepProgram AGGREGATE_FUNCTIONS = HepProgram.builder()
            .addRuleInstance(CoreRules.AGGREGATE_REDUCE_FUNCTIONS)
            .build();

    private DirectPhysicalPlan() {
    }

    /**
     * A planning step that converts a single-table query directly and hands every other plan (or one whose
     * rewritten form is not of that shape, or misses the required traits) to {@code search} unchanged.
     */
    static Program or(Program search) {
        return (planner, rel, traits, materializations, lattices) -> {
            if (simple(rel)) {
                // reduced as the search would have reduced it (AVG and SUM as the plan interpreter's SUM0 and
                // COUNT, constants folded, errors in them raised now)
                RelNode rewritten = NullArithmeticFolding.PROGRAM.run(planner,
                        LogicalRewrite.rewrite(planner, reduceAggregateFunctions(planner, rel)), traits,
                        materializations, lattices);
                if (simple(rewritten)) {
                    EnumerableRel physical = physical(rewritten);
                    if (physical != null && physical.getTraitSet().satisfies(traits)) {
                        return physical;
                    }
                }
            }
            return search.run(planner, rel, traits, materializations, lattices);
        };
    }

    private static RelNode reduceAggregateFunctions(org.apache.calcite.plan.RelOptPlanner planner, RelNode rel) {
        if (!hasAggregate(rel)) {
            return rel;
        }
        HepPlanner hep = new HepPlanner(AGGREGATE_FUNCTIONS, planner.getContext());
        hep.setExecutor(planner.getExecutor());
        hep.setRoot(rel);
        return hep.findBestExp();
    }

    private static boolean hasAggregate(RelNode rel) {
        return rel instanceof Aggregate || rel.getInputs().stream().anyMatch(DirectPhysicalPlan::hasAggregate);
    }

    /**
     * Only projections, filters, sorts, scans of CairnDB tables and VALUES, with no window function, subquery or
     * correlated reference left in an expression.
     */
    private static boolean simple(RelNode rel) {
        if (rel instanceof LogicalProject project) {
            return plain(project.getProjects()) && simple(project.getInput());
        }
        if (rel instanceof LogicalFilter filter) {
            return plain(List.of(filter.getCondition())) && simple(filter.getInput());
        }
        if (rel instanceof LogicalSort sort) {
            return simple(sort.getInput());
        }
        if (rel instanceof LogicalAggregate aggregate) {
            return aggregate.getGroupType() == Aggregate.Group.SIMPLE && simple(aggregate.getInput());
        }
        if (rel instanceof LogicalTableScan || rel instanceof Bindables.BindableTableScan) {
            return rel.getTable() != null && rel.getTable().unwrap(CairnTable.class) != null;
        }
        return rel instanceof LogicalValues;
    }

    /** No window function, subquery or correlated reference: those need operators of their own. */
    private static boolean plain(List<RexNode> expressions) {
        for (RexNode e : expressions) {
            if (RexOver.containsOver(e) || RexUtil.SubQueryFinder.find(e) != null || RexUtil.containsCorrelation(e)) {
                return false;
            }
        }
        return true;
    }

    /** The one Enumerable operator for each node, or null where Enumerable has none (DISTINCT aggregates). */
    private static EnumerableRel physical(RelNode rel) {
        if (rel instanceof Bindables.BindableTableScan scan) {
            // as Calcite's EnumerableInterpreterRule wraps a Bindable operator
            return EnumerableInterpreter.create(scan, 0.5d);
        }
        if (rel instanceof LogicalTableScan scan) {
            return EnumerableTableScan.create(scan.getCluster(), scan.getTable());
        }
        if (rel instanceof LogicalValues values) {
            return EnumerableValues.create(values.getCluster(), values.getRowType(), values.getTuples());
        }
        EnumerableRel input = physical(rel.getInput(0));
        if (input == null) {
            return null;
        }
        if (rel instanceof LogicalProject project) {
            return EnumerableProject.create(input, project.getProjects(), project.getRowType());
        }
        if (rel instanceof LogicalFilter filter) {
            return EnumerableFilter.create(input, filter.getCondition());
        }
        if (rel instanceof LogicalAggregate aggregate) {
            try {
                return new EnumerableAggregate(aggregate.getCluster(),
                        aggregate.getTraitSet().replace(EnumerableConvention.INSTANCE), input,
                        aggregate.getGroupSet(), aggregate.getGroupSets(), aggregate.getAggCallList());
            } catch (InvalidRelException distinct) {
                return null; // the search expands DISTINCT aggregates into plain ones
            }
        }
        LogicalSort sort = (LogicalSort) rel;
        if (!sort.getCollation().getFieldCollations().isEmpty()) {
            input = EnumerableSort.create(input, sort.getCollation(), null, null);
        }
        return sort.offset == null && sort.fetch == null ? input
                : EnumerableLimit.create(input, sort.offset, sort.fetch);
    }
}
