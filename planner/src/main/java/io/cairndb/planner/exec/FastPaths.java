package io.cairndb.planner.exec;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.ParameterInfo;
import io.cairndb.planner.PlannedStatement;
import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.row.RowCodec;
import io.cairndb.planner.row.ValueConversions;
import io.cairndb.planner.schema.ColumnTypes;
import io.cairndb.planner.schema.SchemaSnapshot;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.txn.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Statements simple enough to skip Calcite entirely (as Apache Ignite 3 does): recognised by the shape of the
 * parsed statement, they run as one primary-key get or one row write.
 * <ul>
 *   <li>{@code SELECT cols|* FROM t WHERE pk1 = v AND ...} covering the whole primary key;</li>
 *   <li>{@code INSERT INTO t [(cols)] VALUES (v, ...)} — one row;</li>
 *   <li>{@code UPDATE t SET c = v, ... WHERE <whole pk equal>} and {@code DELETE FROM t WHERE <whole pk equal>};</li>
 * </ul>
 * where every v is a plain literal or '?'. Anything else (or anything unusual, like a type the literal does not
 * obviously fit) returns null and takes the general path, which also produces the errors.
 */
public final class FastPaths {
    private FastPaths() {
    }

    /** A fast-path plan for {@code node}, or null when it needs the general planner. */
    public static PlannedStatement tryPlan(SqlNode node, SchemaSnapshot visible, SchemaSnapshot full, String schema,
                                           StorageNode storage) {
        try {
            if (node instanceof SqlSelect select) {
                return pointSelect(select, visible, schema);
            }
            if (node instanceof SqlInsert insert) {
                return insert(insert, visible, schema, storage);
            }
            if (node instanceof SqlUpdate update) {
                return keyUpdate(update, visible, schema, storage);
            }
            if (node instanceof SqlDelete delete) {
                return keyDelete(delete, visible, schema, storage);
            }
        } catch (NotFast e) {
            return null;
        }
        return null;
    }

    /** Thrown while matching a statement that does not fit a fast path. */
    private static final class NotFast extends RuntimeException {
        NotFast() {
            super(null, null, false, false);
        }
    }

    private static final NotFast NOT_FAST = new NotFast();

    private static void require(boolean condition) {
        if (!condition) {
            throw NOT_FAST;
        }
    }

    // ------------------------------------------------------------------------------------------- matching

    private static TableDef table(SqlNode from, SchemaSnapshot snapshot, String schema, String[] alias) {
        SqlNode target = from;
        if (from.getKind() == SqlKind.AS) {
            List<SqlNode> ops = ((SqlCall) from).getOperandList();
            require(ops.size() == 2);
            target = ops.get(0);
            alias[0] = ((SqlIdentifier) ops.get(1)).getSimple();
        }
        require(target instanceof SqlIdentifier);
        List<String> names = ((SqlIdentifier) target).names;
        require(names.size() <= 2);
        TableDef t = names.size() == 1 ? snapshot.catalog().table(schema, names.get(0))
                : snapshot.catalog().table(names.get(0), names.get(1));
        require(t != null);
        if (alias[0] == null) {
            alias[0] = t.name();
        }
        return t;
    }

    /** A visible column named by {@code id} (optionally qualified by the table name or alias). */
    private static int column(SqlNode id, TableDef t, String alias) {
        require(id instanceof SqlIdentifier);
        SqlIdentifier ident = (SqlIdentifier) id;
        require(!ident.isStar());
        require(ident.names.size() == 1 || (ident.names.size() == 2 && ident.names.get(0).equals(alias)));
        int c = t.columnIndex(ident.names.get(ident.names.size() - 1));
        require(c >= 0 && !t.columns().get(c).hidden());
        return c;
    }

    /** A value source: a literal already converted to internal form, or a parameter index. */
    private record Operand(Object value, int param) {
    }

    /** A literal that plainly fits the column's type family, or '?'. */
    private static Operand operand(SqlNode n, ColumnDef c) {
        if (n instanceof SqlDynamicParam p) {
            return new Operand(null, p.getIndex());
        }
        require(n instanceof SqlLiteral);
        SqlLiteral lit = (SqlLiteral) n;
        if (lit.getTypeName() == SqlTypeName.NULL) {
            return new Operand(null, -1);
        }
        if (n instanceof SqlNumericLiteral num) {
            require(num.isExact() && isNumeric(c));
            return new Operand(num.getValueAs(BigDecimal.class), -1);
        }
        if (n instanceof SqlCharStringLiteral) {
            require(c.type().isString());
            return new Operand(lit.getValueAs(String.class), -1);
        }
        if (lit.getTypeName() == SqlTypeName.BOOLEAN) {
            require(c.type() == io.cairndb.planner.catalog.ColumnType.BOOLEAN);
            return new Operand(lit.booleanValue(), -1);
        }
        throw NOT_FAST;
    }

    private static boolean isNumeric(ColumnDef c) {
        return switch (c.type()) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE -> true;
            default -> false;
        };
    }

    /** WHERE pk1 = v1 AND pk2 = v2 ... over exactly the primary key columns; returns column → operand. */
    private static Map<Integer, Operand> wholeKey(SqlNode where, TableDef t, String alias) {
        require(where != null);
        List<SqlNode> conjuncts = new ArrayList<>();
        flattenAnd(where, conjuncts);
        Map<Integer, Operand> key = new HashMap<>();
        for (SqlNode c : conjuncts) {
            require(c.getKind() == SqlKind.EQUALS);
            List<SqlNode> ops = ((SqlCall) c).getOperandList();
            SqlNode colSide = ops.get(0) instanceof SqlIdentifier ? ops.get(0) : ops.get(1);
            SqlNode valSide = colSide == ops.get(0) ? ops.get(1) : ops.get(0);
            int col = column(colSide, t, alias);
            require(key.put(col, operand(valSide, t.columns().get(col))) == null);
        }
        int[] pk = t.primaryKeyPositions();
        require(key.size() == pk.length);
        for (int p : pk) {
            require(key.containsKey(p));
        }
        return key;
    }

    private static void flattenAnd(SqlNode n, List<SqlNode> out) {
        if (n.getKind() == SqlKind.AND) {
            for (SqlNode op : ((SqlCall) n).getOperandList()) {
                flattenAnd(op, out);
            }
        } else {
            out.add(n);
        }
    }

    /** Parameter metadata, in '?' order, from the columns each '?' is bound to. */
    private static List<ParameterInfo> parameters(Map<Integer, ColumnDef> byIndex, SqlTypeName[] types) {
        List<ParameterInfo> out = new ArrayList<>();
        for (int i = 0; i < byIndex.size(); i++) {
            ColumnDef c = byIndex.get(i);
            require(c != null);
            RelDataType t = ColumnTypes.toRelType(SqlConfig.TYPE_FACTORY, c);
            types[i] = t.getSqlTypeName();
            out.add(new ParameterInfo(Signature.jdbcType(types[i]), Signature.typeName(types[i]),
                    Signature.precision(t), Signature.scale(t)));
        }
        return out;
    }

    private static void collectParams(Map<Integer, Operand> operands, TableDef t, Map<Integer, ColumnDef> out) {
        operands.forEach((col, op) -> {
            if (op.param() >= 0) {
                out.put(op.param(), t.columns().get(col));
            }
        });
    }

    private static void requireNoOtherClauses(SqlSelect s) {
        require(s.getGroup() == null && s.getHaving() == null && s.getWindowList().isEmpty()
                && s.getOffset() == null && s.getFetch() == null && !s.isDistinct()
                && (s.getOrderList() == null || s.getOrderList().isEmpty()) && s.getQualify() == null);
    }

    // ------------------------------------------------------------------------------------------- SELECT

    private static PlannedStatement pointSelect(SqlSelect s, SchemaSnapshot snapshot, String schema) {
        requireNoOtherClauses(s);
        require(s.getFrom() != null);
        String[] alias = new String[1];
        TableDef t = table(s.getFrom(), snapshot, schema, alias);
        require(!t.hasHiddenColumns());
        Map<Integer, Operand> key = wholeKey(s.getWhere(), t, alias[0]);
        List<Integer> out = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (SqlNode item : s.getSelectList()) {
            String label = null;
            SqlNode expr = item;
            if (item.getKind() == SqlKind.AS) {
                expr = ((SqlCall) item).operand(0);
                label = ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple();
            }
            if (expr instanceof SqlIdentifier id && id.isStar()) {
                require(id.names.size() == 1 || (id.names.size() == 2 && id.names.get(0).equals(alias[0])));
                for (int p : t.visiblePositions()) {
                    out.add(p);
                    columns.add(resultColumn(t, p, null));
                }
                continue;
            }
            int c = column(expr, t, alias[0]);
            out.add(c);
            columns.add(resultColumn(t, c, label));
        }
        Map<Integer, ColumnDef> paramCols = new HashMap<>();
        collectParams(key, t, paramCols);
        SqlTypeName[] types = new SqlTypeName[paramCols.size()];
        List<ParameterInfo> params = parameters(paramCols, types);
        return new PointSelect(snapshot, t, key, out.stream().mapToInt(Integer::intValue).toArray(), columns,
                params, types);
    }

    private static ResultColumn resultColumn(TableDef t, int c, String label) {
        ColumnDef col = t.columns().get(c);
        return Signature.column(label == null ? col.name() : label, col.name(), t.schema(), t.name(),
                ColumnTypes.toRelType(SqlConfig.TYPE_FACTORY, col));
    }

    /** Resolves the key operands to the stored key, or null when no stored row can match. */
    private static byte[] keyOf(TableDef t, RowCodec codec, Map<Integer, Operand> key, Object[] params) {
        Object[] row = new Object[t.columns().size()];
        for (Map.Entry<Integer, Operand> e : key.entrySet()) {
            ColumnDef c = t.columns().get(e.getKey());
            Operand op = e.getValue();
            Object v = op.param() >= 0 ? params[op.param()] : op.value();
            Object exact = AccessPath.exactKeyValue(v, c);
            if (v == null || !AccessPath.isExact(exact)) {
                return null;
            }
            row[e.getKey()] = exact;
        }
        return codec.primaryKey(row);
    }

    /** Base of the fast-path statements: parameters converted as the general path does. */
    public abstract static class FastStatement implements PlannedStatement {
        final SchemaSnapshot snapshot;
        final TableDef table;
        final RowCodec codec;
        final List<ParameterInfo> params;
        final SqlTypeName[] paramTypes;

        FastStatement(SchemaSnapshot snapshot, TableDef table, List<ParameterInfo> params, SqlTypeName[] types) {
            this.snapshot = snapshot;
            this.table = table;
            this.codec = new RowCodec(table);
            this.params = List.copyOf(params);
            this.paramTypes = types;
        }

        Object[] internalParams(List<Object> values) {
            int given = values == null ? 0 : values.size();
            if (given != paramTypes.length) {
                throw new SqlStateException("07001", "statement has " + paramTypes.length + " parameters but "
                        + given + " values were given");
            }
            Object[] out = new Object[given];
            for (int i = 0; i < given; i++) {
                out[i] = ValueConversions.toInternal(values.get(i), paramTypes[i]);
            }
            return out;
        }

        @Override
        public List<ParameterInfo> parameters() {
            return params;
        }

        @Override
        public long catalogVersion() {
            return snapshot.catalog().version();
        }

        @Override
        public List<ResultColumn> columns() {
            return List.of();
        }

        @Override
        public RowCursor query(ExecutionContext ctx, List<Object> values) {
            throw new SqlStateException("42809", kind() + " does not return rows; run it as an update");
        }

        @Override
        public long update(ExecutionContext ctx, List<Object> values) {
            throw new SqlStateException("42809", "a query cannot be run as an update");
        }

        /** The stored row whose whole primary key is {@code keyOperands} with these parameters, or null. */
        Object[] rowByKey(Transaction txn, Object[] params) {
            byte[] k = keyOf(table, codec, keyOperands, params);
            byte[] v = k == null ? null : txn.get(k);
            return v == null ? null : codec.decode(k, v);
        }

        /** EXPLAIN lines: which fast path, and the key it reads or writes. */
        public List<String> explain() {
            List<String> lines = new ArrayList<>();
            lines.add("FastPath " + kind() + " " + table.qualifiedName());
            if (keyOperands != null) {
                List<String> conds = new ArrayList<>();
                for (int p : table.primaryKeyPositions()) {
                    Operand op = keyOperands.get(p);
                    conds.add(table.columns().get(p).name() + " = "
                            + (op.param() >= 0 ? "?" + op.param() : String.valueOf(op.value())));
                }
                lines.add("Access " + table.qualifiedName() + ": point lookup via PRIMARY KEY ("
                        + String.join(", ", table.primaryKey()) + ") where " + String.join(" AND ", conds));
            }
            return lines;
        }

        Map<Integer, Operand> keyOperands;

        TableWriter writer(StorageNode storage) {
            return new TableWriter(table, codec, storage);
        }
    }

    /** SELECT by whole primary key: one get. */
    private static final class PointSelect extends FastStatement {
        private final Map<Integer, Operand> key;
        private final int[] out;
        private final List<ResultColumn> columns;
        /** The Calcite type of each output column, made once (making one interns it: costly per row). */
        private final SqlTypeName[] outTypes;

        PointSelect(SchemaSnapshot snapshot, TableDef table, Map<Integer, Operand> key, int[] out,
                    List<ResultColumn> columns, List<ParameterInfo> params, SqlTypeName[] types) {
            super(snapshot, table, params, types);
            this.key = key;
            this.keyOperands = key;
            this.out = out;
            this.columns = List.copyOf(columns);
            this.outTypes = new SqlTypeName[out.length];
            for (int i = 0; i < out.length; i++) {
                outTypes[i] = ColumnTypes.toRelType(SqlConfig.TYPE_FACTORY, table.columns().get(out[i]))
                        .getSqlTypeName();
            }
        }

        @Override
        public Kind kind() {
            return Kind.QUERY;
        }

        @Override
        public List<ResultColumn> columns() {
            return columns;
        }

        @Override
        public RowCursor query(ExecutionContext ctx, List<Object> values) {
            Object[] p = internalParams(values);
            ctx.checkCancelled();
            List<Object[]> rows = new ArrayList<>(1);
            try {
                Object[] row = rowByKey(ctx.transaction(), p);
                if (row != null) {
                    Object[] r = new Object[out.length];
                    for (int i = 0; i < out.length; i++) {
                        ColumnDef c = table.columns().get(out[i]);
                        r[i] = ValueConversions.toApi(row[out[i]], outTypes[i]);
                        if (c.type() == io.cairndb.planner.catalog.ColumnType.CHAR) {
                            r[i] = ValueConversions.padChar(r[i], c.effectivePrecision());
                        }
                    }
                    rows.add(r);
                }
            } catch (RuntimeException | AssertionError e) {
                throw SqlErrors.runtime(e);
            }
            return new ListCursor(columns, rows);
        }
    }

    // ------------------------------------------------------------------------------------------- INSERT

    private static PlannedStatement insert(SqlInsert insert, SchemaSnapshot snapshot, String schema,
                                           StorageNode storage) {
        require(insert.getSource().getKind() == SqlKind.VALUES);
        List<SqlNode> rows = ((SqlCall) insert.getSource()).getOperandList();
        require(rows.size() == 1 && rows.get(0).getKind() == SqlKind.ROW);
        String[] alias = new String[1];
        TableDef t = table(insert.getTargetTable(), snapshot, schema, alias);
        List<Integer> targets = new ArrayList<>();
        if (insert.getTargetColumnList() == null) {
            for (int p : t.visiblePositions()) {
                targets.add(p);
            }
        } else {
            for (SqlNode n : insert.getTargetColumnList()) {
                int c = column(n, t, alias[0]);
                require(!targets.contains(c));
                targets.add(c);
            }
        }
        List<SqlNode> values = ((SqlBasicCall) rows.get(0)).getOperandList();
        require(values.size() == targets.size());
        // omitted columns: only plain nullable/hidden ones (DEFAULT expressions take the general path)
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnDef c = t.columns().get(i);
            if (!targets.contains(i)) {
                require(c.hidden() || (c.defaultSql() == null && c.nullable()));
            }
        }
        Map<Integer, Operand> ops = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            ops.put(targets.get(i), operand(values.get(i), t.columns().get(targets.get(i))));
        }
        Map<Integer, ColumnDef> paramCols = new HashMap<>();
        collectParams(ops, t, paramCols);
        SqlTypeName[] types = new SqlTypeName[paramCols.size()];
        List<ParameterInfo> params = parameters(paramCols, types);
        return new FastStatement(snapshot, t, params, types) {
            @Override
            public Kind kind() {
                return Kind.INSERT;
            }

            @Override
            public long update(ExecutionContext ctx, List<Object> values) {
                Object[] p = internalParams(values);
                try {
                    Object[] row = new Object[table.columns().size()];
                    ops.forEach((col, op) -> row[col] = op.param() >= 0 ? p[op.param()] : op.value());
                    TableWriter w = writer(storage);
                    w.insert(ctx.transaction(), w.prepare(row));
                    return 1;
                } catch (RuntimeException | AssertionError e) {
                    throw SqlErrors.runtime(e);
                }
            }
        };
    }

    // ------------------------------------------------------------------------------------------- UPDATE / DELETE

    private static PlannedStatement keyUpdate(SqlUpdate update, SchemaSnapshot snapshot, String schema,
                                              StorageNode storage) {
        String[] alias = new String[1];
        if (update.getAlias() != null) {
            alias[0] = update.getAlias().getSimple();
        }
        TableDef t = table(update.getTargetTable(), snapshot, schema, alias);
        require(!t.hasHiddenColumns());
        Map<Integer, Operand> key = wholeKey(update.getCondition(), t, alias[0]);
        SqlNodeList cols = update.getTargetColumnList();
        SqlNodeList exprs = update.getSourceExpressionList();
        Map<Integer, Operand> sets = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            int c = column(cols.get(i), t, alias[0]);
            require(sets.put(c, operand(exprs.get(i), t.columns().get(c))) == null);
        }
        Map<Integer, ColumnDef> paramCols = new HashMap<>();
        collectParams(key, t, paramCols);
        collectParams(sets, t, paramCols);
        SqlTypeName[] types = new SqlTypeName[paramCols.size()];
        List<ParameterInfo> params = parameters(paramCols, types);
        return keyedWrite(snapshot, t, params, types, key, PlannedStatement.Kind.UPDATE, storage,
                (txn, old, p, w) -> {
                    Object[] row = Arrays.copyOf(old, old.length);
                    sets.forEach((col, op) -> row[col] = op.param() >= 0 ? p[op.param()] : op.value());
                    Object[] prepared = w.prepare(row);
                    w.delete(txn, old);
                    w.insert(txn, prepared);
                });
    }

    private static PlannedStatement keyDelete(SqlDelete delete, SchemaSnapshot snapshot, String schema,
                                              StorageNode storage) {
        String[] alias = new String[1];
        if (delete.getAlias() != null) {
            alias[0] = delete.getAlias().getSimple();
        }
        TableDef t = table(delete.getTargetTable(), snapshot, schema, alias);
        require(!t.hasHiddenColumns());
        Map<Integer, Operand> key = wholeKey(delete.getCondition(), t, alias[0]);
        Map<Integer, ColumnDef> paramCols = new HashMap<>();
        collectParams(key, t, paramCols);
        SqlTypeName[] types = new SqlTypeName[paramCols.size()];
        List<ParameterInfo> params = parameters(paramCols, types);
        return keyedWrite(snapshot, t, params, types, key, PlannedStatement.Kind.DELETE, storage,
                (txn, old, p, w) -> w.delete(txn, old));
    }

    /** What a keyed UPDATE or DELETE does to the one row its whole primary key names. */
    private interface RowChange {
        void apply(Transaction txn, Object[] old, Object[] params, TableWriter writer);
    }

    /** UPDATE/DELETE by whole primary key: read the row (0 rows when absent), then change it. */
    private static FastStatement keyedWrite(SchemaSnapshot snapshot, TableDef t, List<ParameterInfo> params,
                                            SqlTypeName[] types, Map<Integer, Operand> key,
                                            PlannedStatement.Kind kind, StorageNode storage, RowChange change) {
        return new FastStatement(snapshot, t, params, types) {
            {
                keyOperands = key;
            }

            @Override
            public Kind kind() {
                return kind;
            }

            @Override
            public long update(ExecutionContext ctx, List<Object> values) {
                Object[] p = internalParams(values);
                try {
                    Transaction txn = ctx.transaction();
                    Object[] old = rowByKey(txn, p);
                    if (old == null) {
                        return 0;
                    }
                    change.apply(txn, old, p, writer(storage));
                    return 1;
                } catch (RuntimeException | AssertionError e) {
                    throw SqlErrors.runtime(e);
                }
            }
        };
    }
}
