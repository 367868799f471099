package io.cairndb.planner.exec;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Unary plus is the identity on every type, as in SQLite: {@code + col} is {@code col}, whatever the column's
 * type. Calcite's unary plus accepts only numbers and implicitly casts anything else to one, so {@code + text}
 * failed per row at run time (22018) — a query that returns the text unchanged in SQLite and that no reading of
 * the standard makes fail only on some rows. Removing it before validation also makes chains ({@code - + - x})
 * what they look like.
 */
public final class UnaryPlusRemoval {
    private static final SqlBasicVisitor<Void> VISITOR = new SqlBasicVisitor<>() {
        @Override
        public Void visit(SqlCall call) {
            for (int i = 0; i < call.getOperandList().size(); i++) {
                SqlNode operand = call.getOperandList().get(i);
                SqlNode stripped = strip(operand);
                if (stripped != operand) {
                    try {
                        call.setOperand(i, stripped);
                    } catch (UnsupportedOperationException e) {
                        // a node kind that cannot change its operands keeps the plus
                    }
                }
            }
            return super.visit(call);
        }

        @Override
        public Void visit(SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                list.set(i, strip(list.get(i)));
            }
            return super.visit(list);
        }
    };

    private UnaryPlusRemoval() {
    }

    /** The statement without unary pluses (changed in place where possible; the returned node is the root). */
    public static SqlNode apply(SqlNode statement) {
        SqlNode root = strip(statement);
        if (root != null) {
            root.accept(VISITOR);
        }
        return root;
    }

    private static SqlNode strip(SqlNode node) {
        SqlNode n = node;
        while (n != null && n.getKind() == SqlKind.PLUS_PREFIX && n instanceof SqlCall call) {
            n = call.operand(0);
        }
        return n;
    }
}
