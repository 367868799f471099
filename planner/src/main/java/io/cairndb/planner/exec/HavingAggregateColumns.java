package io.cairndb.planner.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * A column named inside an aggregate in HAVING is the table's column, even when several select items carry that
 * name as their alias: {@code SELECT -c0 AS c2, c0 * 2 AS c2 FROM t GROUP BY c0 HAVING SUM(c2) IS NOT NULL} sums
 * {@code t.c2}, as in SQLite and PostgreSQL. Calcite 1.41 resolves HAVING aliases (our conformance allows them) but
 * reports the duplicated alias as ambiguous before it checks whether the name sits inside an aggregate, where it
 * would have taken the table's column. The check is private to its validator, so such names are qualified with the
 * table before validation, which Calcite then never takes for an alias. Only a FROM of one table is handled: with
 * a join, which table's column is meant is a real question, and the error stays.
 */
public final class HavingAggregateColumns {
    private HavingAggregateColumns() {
    }

    /** Qualifies, in place, the names inside HAVING aggregates that several select items use as their alias. */
    public static void apply(SqlNode statement) {
        if (statement != null) {
            statement.accept(FINDER);
        }
    }

    private static final SqlBasicVisitor<Void> FINDER = new SqlBasicVisitor<>() {
        @Override
        public Void visit(SqlCall call) {
            if (call instanceof SqlSelect select && select.getHaving() != null) {
                qualify(select);
            }
            return super.visit(call);
        }
    };

    private static void qualify(SqlSelect select) {
        String table = singleTableName(select.getFrom());
        if (table == null) {
            return;
        }
        Map<String, Integer> aliases = new HashMap<>();
        for (SqlNode item : select.getSelectList()) {
            String alias = SqlValidatorUtil.alias(item);
            if (alias != null) {
                aliases.merge(alias, 1, Integer::sum);
            }
        }
        Set<String> duplicated = new HashSet<>();
        aliases.forEach((alias, count) -> {
            if (count > 1) {
                duplicated.add(alias);
            }
        });
        if (!duplicated.isEmpty()) {
            select.getHaving().accept(new Qualifier(table, duplicated, false));
        }
    }

    /** The name a FROM of one table is known by (its alias, else its last name part), or null. */
    private static String singleTableName(SqlNode from) {
        if (from instanceof SqlIdentifier id) {
            return id.names.get(id.names.size() - 1);
        }
        if (from != null && from.getKind() == SqlKind.AS && from instanceof SqlBasicCall as
                && as.operandCount() == 2 && as.operand(0) instanceof SqlIdentifier
                && as.operand(1) instanceof SqlIdentifier alias) {
            return alias.getSimple();
        }
        return null;
    }

    /** Qualifies the duplicated names it meets inside aggregate calls (subqueries are left to their own pass). */
    private static final class Qualifier extends SqlBasicVisitor<Void> {
        private final String table;
        private final Set<String> duplicated;
        private final boolean insideAggregate;

        Qualifier(String table, Set<String> duplicated, boolean insideAggregate) {
            this.table = table;
            this.duplicated = duplicated;
            this.insideAggregate = insideAggregate;
        }

        @Override
        public Void visit(SqlCall call) {
            if (call instanceof SqlSelect) {
                return null;
            }
            boolean aggregate = insideAggregate || isAggregate(call);
            for (int i = 0; i < call.getOperandList().size(); i++) {
                SqlNode operand = call.getOperandList().get(i);
                SqlIdentifier qualified = aggregate ? qualified(operand) : null;
                if (qualified != null) {
                    try {
                        call.setOperand(i, qualified);
                    } catch (UnsupportedOperationException e) {
                        // a node kind that cannot change its operands keeps the name (and Calcite's error)
                    }
                } else if (operand != null) {
                    operand.accept(aggregate == insideAggregate ? this
                            : new Qualifier(table, duplicated, true));
                }
            }
            return null;
        }

        @Override
        public Void visit(SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                SqlIdentifier qualified = insideAggregate ? qualified(list.get(i)) : null;
                if (qualified != null) {
                    list.set(i, qualified);
                } else if (list.get(i) != null) {
                    list.get(i).accept(this);
                }
            }
            return null;
        }

        /** The parser leaves most function names unresolved (SUM, MAX, ...): looked up as the validator will. */
        private static boolean isAggregate(SqlCall call) {
            SqlOperator op = call.getOperator();
            if (op.isAggregator()) {
                return true;
            }
            if (!(op instanceof SqlUnresolvedFunction)) {
                return false;
            }
            List<SqlOperator> found = new ArrayList<>();
            SqlStdOperatorTable.instance().lookupOperatorOverloads(new SqlIdentifier(op.getName(),
                    SqlParserPos.ZERO), SqlFunctionCategory.USER_DEFINED_FUNCTION, SqlSyntax.FUNCTION, found,
                    SqlNameMatchers.withCaseSensitive(false));
            return found.stream().anyMatch(SqlOperator::isAggregator);
        }

        private SqlIdentifier qualified(SqlNode node) {
            if (node instanceof SqlIdentifier id && id.isSimple() && duplicated.contains(id.getSimple())) {
                return new SqlIdentifier(List.of(table, id.getSimple()), id.getParserPosition());
            }
            return null;
        }
    }
}
