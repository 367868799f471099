package io.cairndb.planner.exec;

import io.cairndb.planner.SqlStateException;
import java.lang.reflect.Method;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * DOUBLE/REAL division with PostgreSQL semantics: a zero divisor raises 22012 instead of Calcite's (Java's)
 * Infinity/NaN. {@link #CONVERTLETS} converts every SQL {@code /} whose result is approximate into a call of
 * {@link #divideDouble}/{@link #divideReal}, so the generated code and constant folding (which runs the same
 * generated code) both raise it. Integer and DECIMAL division already raise ArithmeticException (→ 22012).
 */
public final class FloatDivision {
    private FloatDivision() {
    }

    private static final SqlOperator DOUBLE_DIVIDE = op("FLOAT_DIVIDE", "divideDouble", double.class);
    private static final SqlOperator REAL_DIVIDE = op("REAL_DIVIDE", "divideReal", float.class);

    /** The standard convertlets, with approximate {@code /} rewritten as above. */
    public static final SqlRexConvertletTable CONVERTLETS = FloatDivision::convertlet;

    /** True for the operators this class puts in place of approximate {@code /}. */
    public static boolean isCheckedDivision(SqlOperator op) {
        return op == DOUBLE_DIVIDE || op == REAL_DIVIDE;
    }

    @Strict
    public static double divideDouble(double a, double b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a / b;
    }

    @Strict
    public static float divideReal(float a, float b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a / b;
    }

    private static SqlStateException divisionByZero() {
        return new SqlStateException("22012", "division by zero");
    }

    private static SqlOperator op(String name, String method, Class<?> type) {
        try {
            Method m = FloatDivision.class.getMethod(method, type, type);
            // only ever called with an explicit type (see rewrite), never validated: no type inference needed
            return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                    ReturnTypes.ARG0_NULLABLE, null, null, ScalarFunctionImpl.create(m));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SqlRexConvertlet convertlet(SqlCall call) {
        SqlRexConvertlet std = StandardConvertletTable.INSTANCE.get(call);
        if (std == null || call.getKind() != SqlKind.DIVIDE) {
            return std;
        }
        return (cx, c) -> rewrite(cx.getRexBuilder(), std.convertCall(cx, c));
    }

    /** {@code a / b} of type DOUBLE/FLOAT/REAL → the checked division, operands cast to the result type. */
    static RexNode rewrite(RexBuilder rex, RexNode node) {
        if (!(node instanceof RexCall call) || call.getKind() != SqlKind.DIVIDE || call.getOperands().size() != 2) {
            return node;
        }
        RelDataType type = call.getType();
        SqlOperator op;
        if (type.getSqlTypeName() == SqlTypeName.DOUBLE || type.getSqlTypeName() == SqlTypeName.FLOAT) {
            op = DOUBLE_DIVIDE;
        } else if (type.getSqlTypeName() == SqlTypeName.REAL) {
            op = REAL_DIVIDE;
        } else {
            return node;
        }
        var tf = rex.getTypeFactory();
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        RexNode a2 = rex.ensureType(tf.createTypeWithNullability(type, a.getType().isNullable()), a, true);
        RexNode b2 = rex.ensureType(tf.createTypeWithNullability(type, b.getType().isNullable()), b, true);
        return rex.makeCall(type, op, java.util.List.of(a2, b2));
    }
}
