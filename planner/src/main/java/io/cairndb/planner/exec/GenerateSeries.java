package io.cairndb.planner.exec;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's {@code generate_series(start, stop [, step])} over integers: a table function with one column,
 * GENERATE_SERIES, INTEGER when every argument is at most INTEGER, else BIGINT (as PostgreSQL picks int4 or int8).
 * A NULL argument gives no rows (the function is strict), a zero step fails with 22023.
 *
 * <p>Calcite's parser reads both {@code FROM generate_series(…)} and {@code FROM TABLE(generate_series(…))} as
 * the same table function call; {@link PlanningSession} puts {@link #OPERATOR} in the validator's operator table
 * ({@link SeriesOperator} checks the arguments and types the column).
 * The call becomes a TableFunctionScan, which the plan interpreter runs as its own node and compiled code runs
 * through {@link #rows}: both enumerate lazily, so a series is never held in memory.
 *
 * <p>Public only because compiled plans call {@link #rows} and the interpreter (another package) recognises the
 * call with {@link #isCall}.
 */
public final class GenerateSeries {
    static final String NAME = "GENERATE_SERIES";
    private static final Method ROWS = method();

    /** The validator's operator; the RexCall of a planned series carries it. */
    static final SqlOperator OPERATOR = new SeriesOperator(new Implementation());

    private GenerateSeries() {
    }

    /** True when {@code call} is a call of generate_series (the call of a TableFunctionScan). */
    public static boolean isCall(RexNode call) {
        return call instanceof RexCall c && c.getOperator() == OPERATOR;
    }

    /**
     * The rows of one call, streamed: {@code args} are start, stop and, optionally, step (any integer Number or
     * null); values are Integer when {@code integer}, else Long. Checks {@code dc}'s execution context for
     * cancellation every so many rows.
     */
    public static Enumerable<Object[]> rows(DataContext dc, Object[] args, boolean integer) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return SeriesEnumerator.of(args[0], args[1], args.length > 2 ? args[2] : 1L, integer,
                        CairnDataContext.executionContext(dc));
            }
        };
    }

    /**
     * Whether the column is INTEGER for these argument types: none is BIGINT, and none is untyped (a NULL or a
     * '?' the validator typed as BIGINT anyway). The validator's row type and the generated code both ask this,
     * so the Java class of the values always matches the column's type.
     */
    static boolean integerResult(List<RelDataType> argTypes) {
        for (RelDataType t : argTypes) {
            SqlTypeName n = t.getSqlTypeName();
            if (n != SqlTypeName.INTEGER && n != SqlTypeName.SMALLINT && n != SqlTypeName.TINYINT) {
                return false;
            }
        }
        return true;
    }

    static RelDataType rowType(RelDataTypeFactory tf, boolean integer) {
        RelDataType column = tf.createSqlType(integer ? SqlTypeName.INTEGER : SqlTypeName.BIGINT);
        return tf.builder().add(NAME, column).build();
    }

    /** The call in generated code: {@code GenerateSeries.rows(root, new Object[] {start, stop[, step]}, integer)}. */
    private static Expression implement(RexToLixTranslator translator, RexCall call, RexImpTable.NullAs nullAs) {
        List<Expression> args = new ArrayList<>();
        List<RelDataType> types = new ArrayList<>();
        // stored in an Object[]: boxed values, null for NULL
        List<Expression> translated = translator.translateList(call.getOperands(),
                Collections.nCopies(call.getOperands().size(), Object.class));
        for (int i = 0; i < translated.size(); i++) {
            args.add(Expressions.box(translated.get(i)));
            types.add(call.getOperands().get(i).getType());
        }
        return Expressions.call(ROWS, DataContext.ROOT, Expressions.newArrayInit(Object.class, args),
                Expressions.constant(integerResult(types)));
    }

    private static Method method() {
        try {
            return GenerateSeries.class.getMethod("rows", DataContext.class, Object[].class, boolean.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Calcite's code generator asks of a user-defined function: how to call it (the rest is unused). */
    private static final class Implementation implements TableFunction, ImplementableFunction {
        @Override
        public CallImplementor getImplementor() {
            return GenerateSeries::implement;
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory, List<? extends Object> arguments) {
            return rowType(typeFactory, false); // SeriesOperator answers from the argument types instead
        }

        @Override
        public Type getElementType(List<? extends Object> arguments) {
            return Object[].class;
        }
    }
}
