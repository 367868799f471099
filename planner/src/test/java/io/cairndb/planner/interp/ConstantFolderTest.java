package io.cairndb.planner.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cairndb.planner.SqlConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * Constant folding by the interpreter gives the literal Calcite's own (compiling) executor gives: the folder in
 * VERIFY mode runs both and throws on any difference.
 */
class ConstantFolderTest {
    private final RexBuilder rex = new RexBuilder(SqlConfig.TYPE_FACTORY);
    private final ConstantFolder verifying = new ConstantFolder(ExecutionMode.VERIFY);

    private RelDataType type(SqlTypeName t) {
        return SqlConfig.TYPE_FACTORY.createSqlType(t);
    }

    private RexNode dec(String v) {
        return rex.makeExactLiteral(new BigDecimal(v));
    }

    private RexNode cast(RexNode e, SqlTypeName t) {
        return rex.makeCast(type(t), e);
    }

    private List<RexNode> fold(RexNode... exps) {
        List<RexNode> out = new ArrayList<>();
        verifying.reduce(rex, List.of(exps), out);
        return out;
    }

    @Test
    void castsOfLiteralsFoldLikeCalcite() {
        List<RexNode> out = fold(cast(dec("71.25"), SqlTypeName.DOUBLE), cast(dec("-0.1"), SqlTypeName.REAL),
                cast(dec("7"), SqlTypeName.BIGINT), cast(dec("3"), SqlTypeName.DOUBLE),
                cast(rex.makeApproxLiteral(new BigDecimal("2.5")), SqlTypeName.INTEGER),
                cast(dec("12345"), SqlTypeName.DECIMAL));
        assertEquals(6, out.size());
        out.forEach(n -> assertInstanceOf(RexLiteral.class, n));
        assertEquals(71.25, ((RexLiteral) out.get(0)).getValueAs(Double.class));
    }

    @Test
    void arithmeticAndLogicFoldLikeCalcite() {
        RexNode seven = rex.makeLiteral(7, type(SqlTypeName.INTEGER));
        RexNode two = rex.makeLiteral(2, type(SqlTypeName.INTEGER));
        RexNode nullInt = rex.makeNullLiteral(type(SqlTypeName.INTEGER));
        List<RexNode> out = fold(rex.makeCall(SqlStdOperatorTable.DIVIDE, seven, two),
                rex.makeCall(SqlStdOperatorTable.MULTIPLY, seven, nullInt),
                rex.makeCall(SqlStdOperatorTable.MINUS, two, seven),
                rex.makeCall(SqlStdOperatorTable.LESS_THAN, two, seven),
                rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.GREATER_THAN, two, seven),
                        two, seven),
                rex.makeCall(SqlStdOperatorTable.ABS, rex.makeCall(SqlStdOperatorTable.UNARY_MINUS, seven)));
        assertEquals("[3, null:INTEGER, -5, true, 7, 7]", out.toString());
    }

    @Test
    void failingExpressionsAreLeftToCalcite() {
        RexNode zero = rex.makeLiteral(0, type(SqlTypeName.INTEGER));
        RexNode one = rex.makeLiteral(1, type(SqlTypeName.INTEGER));
        RexNode division = rex.makeCall(SqlStdOperatorTable.DIVIDE, one, zero);
        // Calcite's executor leaves an expression that fails unreduced (the error comes when it runs)
        assertEquals(List.of(division), fold(division));
    }
}
