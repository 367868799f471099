package io.cairndb.planner.interp;

import io.cairndb.planner.schema.CairnTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableAggregateBase;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableMergeJoin;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableTableFunctionScan;
import org.apache.calcite.adapter.enumerable.EnumerableTableScan;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeName;

/** Translates an optimised Enumerable plan into {@link RowNode}s, or throws {@link Unsupported}. */
final class PlanTranslator {
    /** Where the '?' parameters of lookup joins start: far above any statement's own parameters. */
    private static final int LOOKUP_PARAM_BASE = 1 << 24;
    /** Parameters set aside per lookup join (its join keys). */
    private static final int LOOKUP_PARAM_STRIDE = 1 << 10;

    private final RexBuilder rexBuilder;
    private final ScalarCompiler scalars;
    /** Equalities to add to a scan, while translating the right input of a lookup join. */
    private final java.util.Map<Bindables.BindableTableScan, List<RexNode>> lookupFilters =
            new java.util.IdentityHashMap<>();
    private int lookupJoins;
    private final List<String> notes = new ArrayList<>();
    /** Set while translating an input whose row order its consumer ignores (a hash aggregate's). */
    private boolean orderFree;

    PlanTranslator(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
        this.scalars = new ScalarCompiler(rexBuilder);
    }

    /** What EXPLAIN should add about the translation (lookup joins). */
    List<String> notes() {
        return notes;
    }

    RowNode translate(RelNode rel) {
        boolean free = orderFree;
        orderFree = false;
        // row-by-row operators keep their consumer's indifference to order
        if (rel instanceof EnumerableCalc || rel instanceof EnumerableProject || rel instanceof EnumerableFilter) {
            orderFree = free;
        }
        if (rel instanceof Join join) {
            orderFree = free;
            if (rel instanceof EnumerableHashJoin || rel instanceof EnumerableNestedLoopJoin
                    || rel instanceof EnumerableMergeJoin) {
                try {
                    return translateJoin(join);
                } finally {
                    orderFree = false;
                }
            }
        }
        return translateOrdered(rel);
    }

    private RowNode translateJoin(Join rel) {
        if (rel instanceof EnumerableMergeJoin merge) {
            // only where left order then right order is the merge order: joins that add no unmatched right rows
            JoinRelType t = merge.getJoinType();
            if (t != JoinRelType.INNER && t != JoinRelType.LEFT) {
                throw new Unsupported("merge join " + t);
            }
        }
        return join(rel);
    }

    private RowNode translateOrdered(RelNode rel) {
        if (rel instanceof EnumerableCalc calc) {
            return calc(calc);
        }
        if (rel instanceof EnumerableInterpreter interpreter
                && interpreter.getInput() instanceof Bindables.BindableTableScan scan) {
            return scan(scan);
        }
        if (rel instanceof EnumerableTableScan scan) {
            return new ScanNode(table(scan.getTable().unwrap(CairnTable.class)), List.of(), null, null);
        }
        if (rel instanceof EnumerableProject project) {
            return new CalcNode(translate(project.getInput()), null, compileAll(project.getProjects()));
        }
        if (rel instanceof EnumerableFilter filter) {
            return new CalcNode(translate(filter.getInput()), scalars.compile(filter.getCondition()), null);
        }
        if (rel instanceof EnumerableAggregateBase && rel instanceof Aggregate agg) {
            return aggregate(agg);
        }
        if (rel instanceof EnumerableSort || rel instanceof EnumerableLimitSort) {
            return sort((Sort) rel);
        }
        if (rel instanceof EnumerableLimit limit) {
            return new LimitNode(translate(limit.getInput()), optional(limit.offset), optional(limit.fetch));
        }
        if (rel instanceof EnumerableValues values) {
            return values(values);
        }
        if (rel instanceof EnumerableUnion || rel instanceof EnumerableIntersect || rel instanceof EnumerableMinus) {
            return setOp((SetOp) rel);
        }
        if (rel instanceof EnumerableTableFunctionScan scan) {
            return tableFunction(scan);
        }
        throw new Unsupported(rel.getRelTypeName());
    }

    private static CairnTable table(CairnTable t) {
        if (t == null) {
            throw new Unsupported("scan of a table that is not a CairnDB table");
        }
        return t;
    }

    /** A projection's output values (see {@link ScalarCompiler#compileValue}). */
    private Scalar[] compileAll(List<RexNode> nodes) {
        Scalar[] out = new Scalar[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scalars.compileValue(nodes.get(i));
        }
        return out;
    }

    private Scalar optional(RexNode node) {
        return node == null ? null : scalars.compile(node);
    }

    private RowNode calc(EnumerableCalc calc) {
        RexProgram program = calc.getProgram();
        RexLocalRef cond = program.getCondition();
        Scalar condition = cond == null ? null : scalars.compile(program.expandLocalRef(cond));
        List<RexNode> projects = new ArrayList<>();
        for (RexLocalRef ref : program.getProjectList()) {
            projects.add(program.expandLocalRef(ref));
        }
        return new CalcNode(translate(calc.getInput()), condition, compileAll(projects));
    }

    private RowNode scan(Bindables.BindableTableScan scan) {
        CairnTable table = table(scan.getTable().unwrap(CairnTable.class));
        List<RexNode> filters = scan.filters;
        List<RexNode> lookup = lookupFilters.get(scan);
        if (lookup != null) {
            // the lookup's key equalities narrow what is read; the join re-checks them, so the condition leaves them out
            List<RexNode> all = new ArrayList<>(filters);
            all.addAll(lookup);
            Scalar condition = filters.isEmpty() ? null
                    : scalars.compile(RexUtil.composeConjunction(rexBuilder, filters));
            return new ScanNode(table, all, condition, projection(scan));
        }
        Scalar condition = filters.isEmpty() ? null
                : scalars.compile(RexUtil.composeConjunction(rexBuilder, filters));
        return new ScanNode(table, filters, condition, projection(scan));
    }

    /** The scan's projection, or null when it keeps every field in order. */
    private static int[] projection(Bindables.BindableTableScan scan) {
        int fields = scan.getTable().getRowType().getFieldCount();
        int[] projects = scan.projects.toIntArray();
        boolean identity = projects.length == fields;
        for (int i = 0; identity && i < projects.length; i++) {
            identity = projects[i] == i;
        }
        return identity ? null : projects;
    }

    /**
     * Whether {@code input} is a table scan whose rows already come in {@code fields}' order: the sort keys are the
     * key columns its access path reads in order after the equality-bound prefix (non-null columns, so NULL
     * placement cannot differ). Then the sort is left out, and a LIMIT above stops the scan after its rows —
     * {@code ORDER BY no_o_id LIMIT 1} on a district's NEW_ORDER rows reads (and depends on) one row, not all.
     */
    private static boolean scanDeliversOrder(RelNode input, List<RelFieldCollation> fields) {
        if (!(input instanceof EnumerableInterpreter interpreter
                && interpreter.getInput() instanceof Bindables.BindableTableScan scan)) {
            return false;
        }
        CairnTable table = scan.getTable().unwrap(CairnTable.class);
        if (table == null) {
            return false;
        }
        List<int[]> order = table.accessPath(scan.filters).deliveredOrder();
        int[] projects = scan.projects.toIntArray();
        int[] fieldToColumn = table.fieldToColumn();
        if (fields.size() > order.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            RelFieldCollation fc = fields.get(i);
            int column = fieldToColumn[projects[fc.getFieldIndex()]];
            boolean descending = fc.getDirection() == RelFieldCollation.Direction.DESCENDING;
            if (fc.getDirection() != RelFieldCollation.Direction.ASCENDING && !descending) {
                return false;
            }
            if (order.get(i)[0] != column || (order.get(i)[1] == 1) != descending
                    || table.def().columns().get(column).nullable()) {
                return false;
            }
        }
        return true;
    }

    private RowNode aggregate(Aggregate agg) {
        List<Accumulator.Factory> calls = new ArrayList<>();
        for (AggregateCall call : agg.getAggCallList()) {
            calls.add(Accumulator.factory(call));
        }
        // a hash aggregate promises no order, so its input's order is free (a sorted one keeps its input's order)
        orderFree = agg instanceof org.apache.calcite.adapter.enumerable.EnumerableAggregate;
        return new AggregateNode(translate(agg.getInput()), agg.getGroupSet(), agg.getGroupSets(), calls);
    }

    private RowNode sort(Sort sort) {
        RowNode input = translate(sort.getInput());
        List<RelFieldCollation> fields = sort.getCollation().getFieldCollations();
        boolean inOrder = !fields.isEmpty() && scanDeliversOrder(sort.getInput(), fields);
        if (inOrder) {
            notes.add("Sort: none, the scan of " + ((Bindables.BindableTableScan) sort.getInput().getInput(0))
                    .getTable().unwrap(CairnTable.class).def().qualifiedName() + " delivers its rows in key order");
        }
        if (!fields.isEmpty() && !inOrder) {
            Comparator<Object[]> order = null;
            for (RelFieldCollation fc : fields) {
                Comparator<Object[]> c = SqlValues.comparator(fc);
                order = order == null ? c : order.thenComparing(c);
            }
            input = new SortNode(input, order);
        }
        if (sort.offset == null && sort.fetch == null) {
            return input;
        }
        return new LimitNode(input, optional(sort.offset), optional(sort.fetch));
    }

    private RowNode join(Join join) {
        boolean free = orderFree;
        orderFree = false;
        JoinRelType type = join.getJoinType();
        if (type == JoinRelType.ASOF || type == JoinRelType.LEFT_ASOF) {
            throw new Unsupported("ASOF join");
        }
        RelNode left = join.getLeft();
        RelNode right = join.getRight();
        JoinInfo info = JoinInfo.createWithStrictEquality(left, right, join.getCondition());
        int[] leftKeys = info.leftKeys.toIntArray();
        int[] rightKeys = info.rightKeys.toIntArray();
        @SuppressWarnings("unchecked")
        UnaryOperator<Object>[] normalizers = new UnaryOperator[leftKeys.length];
        for (int i = 0; i < leftKeys.length; i++) {
            normalizers[i] = keyNormalizer(left.getRowType().getFieldList().get(leftKeys[i]).getType(),
                    right.getRowType().getFieldList().get(rightKeys[i]).getType());
        }
        RexNode rest = RexUtil.composeConjunction(rexBuilder, info.nonEquiConditions, true);
        Scalar remaining = rest == null || rest.isAlwaysTrue() ? null : scalars.compile(rest);
        JoinNode.Keys keys = new JoinNode.Keys(normalizers);
        int leftWidth = left.getRowType().getFieldCount();
        int rightWidth = right.getRowType().getFieldCount();
        RowNode leftNode = translate(left);
        RowNode rightNode = translate(right);
        LookupTarget target = lookupTarget(type, right, rightKeys);
        if (target != null) {
            int base = LOOKUP_PARAM_BASE + LOOKUP_PARAM_STRIDE * lookupJoins++;
            boolean[] bound = new boolean[rightKeys.length];
            lookupFilters.put(target.scan(), lookupEqualities(target, base, bound));
            notes.add(lookupNote(target));
            RowNode lookupNode;
            try {
                lookupNode = translate(right);
            } finally {
                lookupFilters.remove(target.scan());
            }
            return new LookupJoinNode(leftNode, lookupNode, rightNode, type, leftKeys, rightKeys, bound, base, keys,
                    remaining, leftWidth, rightWidth);
        }
        LookupTarget swapped = free && type == JoinRelType.INNER && remaining == null
                ? lookupTarget(type, left, leftKeys) : null;
        if (swapped != null) {
            // the left input is the one to look up: drive from the right, then put the columns back in place
            int base = LOOKUP_PARAM_BASE + LOOKUP_PARAM_STRIDE * lookupJoins++;
            boolean[] bound = new boolean[leftKeys.length];
            lookupFilters.put(swapped.scan(), lookupEqualities(swapped, base, bound));
            notes.add(lookupNote(swapped));
            RowNode lookupNode;
            try {
                lookupNode = translate(left);
            } finally {
                lookupFilters.remove(swapped.scan());
            }
            @SuppressWarnings("unchecked")
            UnaryOperator<Object>[] reversed = new UnaryOperator[leftKeys.length];
            for (int i = 0; i < leftKeys.length; i++) {
                reversed[i] = keyNormalizer(right.getRowType().getFieldList().get(rightKeys[i]).getType(),
                        left.getRowType().getFieldList().get(leftKeys[i]).getType());
            }
            RowNode flipped = new LookupJoinNode(rightNode, lookupNode, leftNode, type, rightKeys, leftKeys, bound,
                    base, new JoinNode.Keys(reversed), null, rightWidth, leftWidth);
            return new CalcNode(flipped, null, swapColumns(rightWidth, leftWidth));
        }
        return new JoinNode(leftNode, rightNode, type, leftKeys, rightKeys, keys, remaining, leftWidth, rightWidth);
    }

    /** {@code field = ?(base + i)} for each join key i that comes from a scan field; marks those in {@code bound}. */
    private List<RexNode> lookupEqualities(LookupTarget target, int base, boolean[] bound) {
        List<RexNode> equalities = new ArrayList<>();
        for (int i = 0; i < bound.length; i++) {
            int field = target.scanFields()[i];
            if (field >= 0) {
                RelDataType t = target.scan().getTable().getRowType().getFieldList().get(field).getType();
                equalities.add(rexBuilder.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS,
                        rexBuilder.makeInputRef(t, field), rexBuilder.makeDynamicParam(t, base + i)));
                bound[i] = true;
            }
        }
        return equalities;
    }

    private static String lookupNote(LookupTarget target) {
        CairnTable table = target.scan().getTable().unwrap(CairnTable.class);
        return "Lookup join: " + table.def().qualifiedName() + " read by key for each row of the other input (up to "
                + LookupJoinNode.MAX_LOOKUPS + " rows, else read once)";
    }

    /** Projections that turn rows of {@code first} then {@code second} columns into second then first. */
    private static Scalar[] swapColumns(int first, int second) {
        Scalar[] out = new Scalar[first + second];
        for (int i = 0; i < second; i++) {
            int from = first + i;
            out[i] = (row, dc) -> row[from];
        }
        for (int i = 0; i < first; i++) {
            int from = i;
            out[second + i] = (row, dc) -> row[from];
        }
        return out;
    }

    /** The table scan a lookup join reads, and the scan field each right join key comes from (-1: none). */
    private record LookupTarget(Bindables.BindableTableScan scan, int[] scanFields) {
    }

    /**
     * Whether the right input can be looked up by key for each left row: it is one table scan under row-by-row
     * operators only (sorts without limits, projections, filters, single-grouping aggregates), and the join keys,
     * with the scan's own single-value equality filters, bind the table's whole primary key. Aggregates on the way
     * count as row-by-row for keys they group by. Null otherwise.
     */
    private static LookupTarget lookupTarget(JoinRelType type, RelNode right, int[] rightKeys) {
        if (rightKeys.length == 0 || !(type == JoinRelType.INNER || type == JoinRelType.LEFT
                || type == JoinRelType.SEMI || type == JoinRelType.ANTI)) {
            return null;
        }
        int[] fields = rightKeys.clone();
        RelNode rel = right;
        while (true) {
            if (rel instanceof Sort sort && sort.offset == null && sort.fetch == null
                    && (rel instanceof EnumerableSort || rel instanceof EnumerableLimitSort)) {
                rel = sort.getInput();
            } else if (rel instanceof EnumerableCalc calc) {
                RexProgram program = calc.getProgram();
                for (int i = 0; i < fields.length; i++) {
                    if (fields[i] >= 0) {
                        RexNode e = io.cairndb.planner.exec.KeyPredicates.uncast(
                                program.expandLocalRef(program.getProjectList().get(fields[i])));
                        fields[i] = e instanceof org.apache.calcite.rex.RexInputRef ref ? ref.getIndex() : -1;
                    }
                }
                rel = calc.getInput();
            } else if (rel instanceof EnumerableProject project) {
                for (int i = 0; i < fields.length; i++) {
                    if (fields[i] >= 0) {
                        RexNode e = io.cairndb.planner.exec.KeyPredicates.uncast(project.getProjects().get(fields[i]));
                        fields[i] = e instanceof org.apache.calcite.rex.RexInputRef ref ? ref.getIndex() : -1;
                    }
                }
                rel = project.getInput();
            } else if (rel instanceof EnumerableFilter filter) {
                rel = filter.getInput();
            } else if (rel instanceof Aggregate agg && agg.getGroupSets().size() == 1) {
                // restricting a grouped input to one value of a group key gives exactly that value's groups
                for (int i = 0; i < fields.length; i++) {
                    if (fields[i] >= 0) {
                        fields[i] = fields[i] < agg.getGroupCount() ? agg.getGroupSet().nth(fields[i]) : -1;
                    }
                }
                rel = agg.getInput();
            } else {
                break;
            }
        }
        if (!(rel instanceof EnumerableInterpreter interpreter
                && interpreter.getInput() instanceof Bindables.BindableTableScan scan)) {
            return null;
        }
        CairnTable table = scan.getTable().unwrap(CairnTable.class);
        if (table == null) {
            return null;
        }
        int[] projects = scan.projects.toIntArray();
        int[] fieldToColumn = table.fieldToColumn();
        java.util.Set<Integer> joined = new java.util.HashSet<>();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] >= 0) {
                fields[i] = projects[fields[i]];
                joined.add(fieldToColumn[fields[i]]);
            }
        }
        io.cairndb.planner.exec.KeyPredicates filters =
                io.cairndb.planner.exec.KeyPredicates.analyze(scan.filters, fieldToColumn);
        // the whole primary key: every lookup is one point read and finds at most one row, so the rows come out in
        // the order the join they replace gives, whatever access path a narrower read would have chosen
        boolean usesJoinKey = false;
        for (int column : table.def().primaryKeyPositions()) {
            io.cairndb.planner.exec.KeyPredicates.ColumnPredicate p = filters.get(column);
            if (joined.contains(column)) {
                usesJoinKey = true;
            } else if (p == null || !p.hasPoints() || p.points().size() != 1) {
                return null;
            }
        }
        return usesJoinKey ? new LookupTarget(scan, fields) : null;
    }

    /** Makes equal keys of two types equal Java objects, so that hashing matches SQL's {@code =}. */
    private static UnaryOperator<Object> keyNormalizer(RelDataType a, RelDataType b) {
        NumericType na = NumericType.of(a);
        NumericType nb = NumericType.of(b);
        if (na != null && nb != null) {
            NumericType t = NumericType.promote(na, nb);
            if (t == null) {
                throw new Unsupported("join key " + a + " = " + b);
            }
            if (t == NumericType.DECIMAL) {
                return v -> ((BigDecimal) t.convert(v)).stripTrailingZeros();
            }
            return na == nb && a.getSqlTypeName() == b.getSqlTypeName() ? null : t::convert;
        }
        SqlTypeName sa = a.getSqlTypeName();
        SqlTypeName sb = b.getSqlTypeName();
        boolean strings = (sa == SqlTypeName.CHAR || sa == SqlTypeName.VARCHAR)
                && (sb == SqlTypeName.CHAR || sb == SqlTypeName.VARCHAR);
        if (strings || (sa == SqlTypeName.BOOLEAN && sb == SqlTypeName.BOOLEAN)) {
            return null;
        }
        throw new Unsupported("join key " + a + " = " + b);
    }

    /** generate_series, whose arguments may not refer to other tables' rows (a lateral call runs compiled). */
    private RowNode tableFunction(EnumerableTableFunctionScan scan) {
        if (!io.cairndb.planner.exec.GenerateSeries.isCall(scan.getCall()) || !scan.getInputs().isEmpty()) {
            throw new Unsupported("table function " + scan.getCall());
        }
        List<RexNode> operands = ((org.apache.calcite.rex.RexCall) scan.getCall()).getOperands();
        Scalar[] args = new Scalar[operands.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = scalars.compile(operands.get(i));
        }
        boolean integer = scan.getRowType().getFieldList().get(0).getType().getSqlTypeName() == SqlTypeName.INTEGER;
        return new SeriesNode(args, integer);
    }

    private RowNode values(EnumerableValues values) {
        List<RelDataType> types = new ArrayList<>();
        values.getRowType().getFieldList().forEach(f -> types.add(f.getType()));
        List<Object[]> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            Object[] row = new Object[tuple.size()];
            for (int i = 0; i < row.length; i++) {
                RexLiteral lit = tuple.get(i);
                RelDataType t = types.get(i);
                if (t.getSqlTypeName() == SqlTypeName.CHAR && !lit.isNull()
                        && lit.getType().getPrecision() != t.getPrecision()) {
                    throw new Unsupported("CHAR value of another length");
                }
                row[i] = SqlValues.literal(lit, t);
            }
            rows.add(row);
        }
        return new ValuesNode(rows);
    }

    private RowNode setOp(SetOp op) {
        SetOpNode.Kind kind = op instanceof EnumerableUnion ? SetOpNode.Kind.UNION
                : op instanceof EnumerableIntersect ? SetOpNode.Kind.INTERSECT : SetOpNode.Kind.EXCEPT;
        if (op.all && kind != SetOpNode.Kind.UNION) {
            throw new Unsupported(kind + " ALL");
        }
        List<RowNode> inputs = new ArrayList<>();
        for (RelNode in : op.getInputs()) {
            inputs.add(translate(in));
        }
        return new SetOpNode(kind, op.all, inputs);
    }
}
