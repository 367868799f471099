package io.cairndb.planner.exec;

import io.cairndb.planner.SqlStateException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;

/**
 * generate_series as the validator sees it: 2 or 3 arguments of the exact integer types (a NULL or '?' is typed
 * BIGINT); anything else is "no such function" (42883), as in PostgreSQL, which has no text variant (nor, here, a
 * fractional one). The row type follows the argument types ({@link GenerateSeries#integerResult}). A user-defined
 * table function, because that is what Calcite's code generator knows how to call.
 */
final class SeriesOperator extends SqlUserDefinedTableFunction {
    SeriesOperator(TableFunction implementation) {
        super(new SqlIdentifier(GenerateSeries.NAME, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR,
                (binding, returnType, types) -> Arrays.fill(types, binding.getTypeFactory().createTypeWithNullability(
                        binding.getTypeFactory().createSqlType(SqlTypeName.BIGINT), true)),
                null, implementation);
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
        return SqlOperandCountRanges.between(2, 3);
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
        for (SqlNode operand : binding.getCall().getOperandList()) {
            if (containsQuery(operand)) {
                // Calcite's subquery removal leaves a table function's arguments alone: the plan would not run
                throw new SqlStateException("0A000", "a subquery as an argument of generate_series is not "
                        + "supported; join it instead: FROM (subquery) AS x, LATERAL TABLE(generate_series(…))");
            }
        }
        List<RelDataType> types = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < binding.getOperandCount(); i++) {
            RelDataType t = binding.getOperandType(i);
            types.add(t);
            ok &= SqlTypeName.INT_TYPES.contains(t.getSqlTypeName()) || t.getSqlTypeName() == SqlTypeName.NULL;
        }
        if (!ok && throwOnFailure) {
            throw binding.getValidator().handleUnresolvedFunction(binding.getCall(), this, types, null);
        }
        return ok;
    }

    private static boolean containsQuery(SqlNode node) {
        if (node != null && node.getKind().belongsTo(SqlKind.QUERY)) {
            return true;
        }
        if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                if (containsQuery(operand)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return binding -> GenerateSeries.rowType(binding.getTypeFactory(),
                GenerateSeries.integerResult(binding.collectOperandTypes()));
    }

    @Override
    public Type getElementType(SqlOperatorBinding binding) {
        return Object[].class;
    }

    @Override
    public String getAllowedSignatures(String name) {
        return name + "(<INTEGER>, <INTEGER>)\n" + name + "(<INTEGER>, <INTEGER>, <INTEGER>)";
    }
}
