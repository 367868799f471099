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
    private final RexBuilder rexBuilder;
    private final ScalarCompiler scalars;

    PlanTranslator(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
        this.scalars = new ScalarCompiler(rexBuilder);
    }

    RowNode translate(RelNode rel) {
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
        if (rel instanceof EnumerableHashJoin || rel instanceof EnumerableNestedLoopJoin) {
            return join((Join) rel);
        }
        if (rel instanceof EnumerableMergeJoin merge) {
            // only where left order then right order is the merge order: joins that add no unmatched right rows
            JoinRelType t = merge.getJoinType();
            if (t != JoinRelType.INNER && t != JoinRelType.LEFT) {
                throw new Unsupported("merge join " + t);
            }
            return join(merge);
        }
        if (rel instanceof EnumerableValues values) {
            return values(values);
        }
        if (rel instanceof EnumerableUnion || rel instanceof EnumerableIntersect || rel instanceof EnumerableMinus) {
            return setOp((SetOp) rel);
        }
        throw new Unsupported(rel.getRelTypeName());
    }

    private static CairnTable table(CairnTable t) {
        if (t == null) {
            throw new Unsupported("scan of a table that is not a CairnDB table");
        }
        return t;
    }

    private Scalar[] compileAll(List<RexNode> nodes) {
        Scalar[] out = new Scalar[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scalars.compile(nodes.get(i));
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
        Scalar condition = filters.isEmpty() ? null
                : scalars.compile(RexUtil.composeConjunction(rexBuilder, filters));
        int fields = scan.getTable().getRowType().getFieldCount();
        int[] projects = scan.projects.toIntArray();
        boolean identity = projects.length == fields;
        for (int i = 0; identity && i < projects.length; i++) {
            identity = projects[i] == i;
        }
        return new ScanNode(table, filters, condition, identity ? null : projects);
    }

    private RowNode aggregate(Aggregate agg) {
        List<Accumulator.Factory> calls = new ArrayList<>();
        for (AggregateCall call : agg.getAggCallList()) {
            calls.add(Accumulator.factory(call));
        }
        return new AggregateNode(translate(agg.getInput()), agg.getGroupSet(), agg.getGroupSets(), calls);
    }

    private RowNode sort(Sort sort) {
        RowNode input = translate(sort.getInput());
        List<RelFieldCollation> fields = sort.getCollation().getFieldCollations();
        if (!fields.isEmpty()) {
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
        return new JoinNode(translate(left), translate(right), type, leftKeys, rightKeys, normalizers, remaining,
                left.getRowType().getFieldCount(), right.getRowType().getFieldCount());
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
