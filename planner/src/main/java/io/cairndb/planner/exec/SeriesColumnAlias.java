package io.cairndb.planner.exec;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * {@code FROM generate_series(1, 10) AS i} names the column {@code i}, as PostgreSQL does for a function returning
 * one value per row (table alias without column aliases): {@code SELECT i FROM generate_series(1, 10) i} is how the
 * function is mostly written. Calcite would keep the column name GENERATE_SERIES and not find {@code i}, so before
 * validation the alias is copied into a column alias ({@code AS i(i)}). Column aliases given explicitly are kept.
 */
public final class SeriesColumnAlias {
    private static final SqlBasicVisitor<Void> VISITOR = new SqlBasicVisitor<>() {
        @Override
        public Void visit(SqlCall call) {
            List<SqlNode> operands = call.getOperandList();
            for (int i = 0; i < operands.size(); i++) {
                SqlNode named = withColumnAlias(operands.get(i));
                if (named != null) {
                    try {
                        call.setOperand(i, named);
                    } catch (UnsupportedOperationException e) {
                        // a node kind that cannot change its operands keeps Calcite's naming
                    }
                }
            }
            return super.visit(call);
        }
    };

    private SeriesColumnAlias() {
    }

    /** Adds the column aliases in place (a FROM item is always an operand of a SELECT, JOIN or LATERAL). */
    public static void apply(SqlNode statement) {
        if (statement != null) {
            statement.accept(VISITOR);
        }
    }

    /** {@code AS(TABLE(generate_series(…)), alias)} → {@code AS(…, alias, alias)}; null for anything else. */
    private static SqlNode withColumnAlias(SqlNode node) {
        if (!(node instanceof SqlCall as) || as.getKind() != SqlKind.AS || as.operandCount() != 2
                || !(as.operand(0) instanceof SqlCall table) || table.getKind() != SqlKind.COLLECTION_TABLE
                || !(table.operand(0) instanceof SqlCall function)
                || !function.getOperator().getNameAsId().isSimple()
                || !GenerateSeries.NAME.equals(function.getOperator().getName())
                || !(as.operand(1) instanceof SqlIdentifier alias)) {
            return null;
        }
        return SqlStdOperatorTable.AS.createCall(as.getParserPosition(), table, alias,
                alias.clone(alias.getParserPosition()));
    }
}
